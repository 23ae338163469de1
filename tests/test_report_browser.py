"""The HTML report in a real headless browser (Chromium from the distribution's packages).

Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing (`.ci/run` installs both
when it can). The driver is given explicitly, so selenium never tries to download one.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from detector.disputes import group_disputes
from detector.outputs import report_disputes
from detector.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
_missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
if _missing:
    pytest.skip(f"browser tests need {' and '.join(_missing)} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium (pip install -e '.[test]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

pytestmark = pytest.mark.browser

# No network here: these flags keep Chromium from trying to phone home on its own.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'


def row(pid, a, b, score="0.8", kind="numbers", src_a=None, src_b=None, evidence=None, verdict=""):
    (doc_a, text_a), (doc_b, text_b) = a, b
    return {"pair_id": pid, "dispute_id": "", "score": score, "kind": kind, "similarity": "0.7",
            "doc_a": doc_a, "source_a": src_a or doc_a.split(".")[0], "claim_a": text_a,
            "doc_b": doc_b, "source_b": src_b or doc_b.split(".")[0], "claim_b": text_b,
            "evidence": evidence or f'{kind}: A "x" vs B "y"', "verdict": verdict, "note": "", "wire_cluster": ""}


def sample_rows() -> list[dict]:
    """Five unrelated disputes: three kinds, several outlets, scores from 0.95 to 0.4."""
    return [
        row("p1", ("herald.txt", f"The fine is up to $5,000. {SCRIPT} {IMG}"), ("courier.txt", "The fine is $12,000."),
            score="0.95", evidence='numbers: A "up to $5,000" vs B "$12,000"'),
        row("p2", ("herald.txt", "The vote was postponed."), ("gazette.txt", "The vote was cancelled."),
            score="0.8", kind="status"),
        row("p3", ("courier.txt", "The derailment was caused by a broken rail."),
            ("tribune.txt", "Officials blamed excessive speed for the derailment."), score="0.7", kind="causes"),
        row("p4", ("gazette.txt", "About 40 people were hurt."), ("tribune.txt", "At least 90 people were hurt."),
            score="0.55"),
        # an outlet name with markup and doubled spaces must also stay text and still filter
        row("p5", ("odd.json", "The bridge reopened on Monday."), ("courier.txt", "The bridge is still closed."),
            score="0.4", kind="status", src_a=f"The  Odd {IMG} Times"),
    ]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_report(driver, path: Path, rows: list[dict], context: dict | None = None) -> float:
    """Write the report for these rows, load it, return the load time in seconds."""
    path.write_text(render_report(report_disputes(rows), context=context), encoding="utf-8")
    driver.get_log("browser")  # drop entries from earlier pages
    start = time.perf_counter()
    driver.get(path.as_uri())
    return time.perf_counter() - start


def severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def shown(driver) -> int:
    """Disputes actually on screen (not hidden, laid out)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('section.dispute')].filter(e => e.offsetParent !== null).length")


def count_text(driver) -> str:
    return driver.find_element(By.ID, "count").text


def set_filter(driver, element_id: str, value: str) -> None:
    """Set a filter control and fire the input event a user's change fires."""
    driver.execute_script(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('input', {bubbles: true}));", element_id, value)


@pytest.fixture
def report(browser, tmp_path):
    open_report(browser, tmp_path / "report.html", sample_rows())
    return browser


def test_report_loads_without_console_errors(report):
    assert severe(report) == []
    assert report.title == "detector report"
    assert shown(report) == 5
    assert count_text(report) == "5 of 5 disputes shown"


def test_script_and_onerror_in_an_article_stay_text(report):
    assert report.execute_script("return typeof window.__pwned") == "undefined"
    # only the page's own two scripts, and no image made from article or outlet text
    assert report.execute_script("return document.scripts.length") == 2
    assert report.find_elements(By.TAG_NAME, "img") == []
    page = report.find_element(By.ID, "list").text
    assert SCRIPT in page and IMG in page
    assert severe(report) == []


def test_choosing_a_kind_shows_only_that_kind(report):
    set_filter(report, "kind", "status")
    assert shown(report) == 2
    assert count_text(report) == "2 of 5 disputes shown"
    kinds = report.execute_script(
        "return [...document.querySelectorAll('section.dispute')].filter(e => !e.hidden).map(e => e.dataset.kind)")
    assert kinds == ["status", "status"]
    set_filter(report, "kind", "causes")
    assert shown(report) == 1 and count_text(report) == "1 of 5 disputes shown"
    set_filter(report, "kind", "")
    assert shown(report) == 5 and count_text(report) == "5 of 5 disputes shown"


def test_outlet_filter_shows_disputes_with_that_outlet_on_any_side(report):
    set_filter(report, "outlet", "tribune")
    assert shown(report) == 2 and count_text(report) == "2 of 5 disputes shown"
    set_filter(report, "outlet", "courier")
    assert shown(report) == 3
    # every outlet offered by the menu finds its disputes, whatever its name holds
    options = report.execute_script("return [...document.getElementById('outlet').options].slice(1).map(o => o.value)")
    assert f"The  Odd {IMG} Times" in options
    for value in options:
        set_filter(report, "outlet", value)
        assert shown(report) >= 1, value
    assert severe(report) == []


def test_minimum_score_hides_weaker_disputes_and_combines_with_kind(report):
    set_filter(report, "min", "0.6")
    assert shown(report) == 3 and count_text(report) == "3 of 5 disputes shown"
    assert report.find_element(By.ID, "minval").text == "0.60"
    set_filter(report, "kind", "numbers")
    assert shown(report) == 1
    set_filter(report, "min", "1")
    assert shown(report) == 0 and count_text(report) == "0 of 5 disputes shown"


def test_five_thousand_disputes_load_and_filter(browser, tmp_path):
    kinds = ["numbers", "status", "causes", "dates", "modality"]
    rows = [row(f"q{i:05d}", (f"out{i % 40}.txt", f"Case {i}: the fine is up to ${i},000 for operators."),
                (f"out{(i + 1) % 40}.txt", f"Case {i}: the fine was set at ${i + 7},500 instead."),
                score=f"{0.3 + (i % 70) / 100:.2f}", kind=kinds[i % 5])
            for i in range(5000)]
    start = time.perf_counter()
    disputes = group_disputes(rows)
    html = render_report(disputes)
    build = time.perf_counter() - start
    assert len(disputes) == 5000
    load = open_report(browser, tmp_path / "big.html", rows)
    assert severe(browser) == []
    assert shown(browser) == 5000
    start = time.perf_counter()
    set_filter(browser, "kind", "causes")
    n_kind = shown(browser)  # forces layout of the filtered page
    filt = time.perf_counter() - start
    assert n_kind == 1000 and count_text(browser) == "1000 of 5000 disputes shown"
    start = time.perf_counter()
    set_filter(browser, "outlet", "out7")
    set_filter(browser, "min", "0.9")
    n_both = shown(browser)
    filt2 = time.perf_counter() - start
    assert 0 < n_both < n_kind
    print(f"\n5,000 disputes: {len(html) / 1e6:.1f} MB HTML, build {build:.2f}s, load {load:.2f}s, "
          f"kind filter {filt:.2f}s, outlet+score filter {filt2:.2f}s")
    assert load < 60 and filt < 30  # generous: it must stay usable, not race


# --- what a desk works from: verdicts, search, counts, context, the window's width ---------------

def reviewed_rows() -> list[dict]:
    rows = sample_rows()
    rows[0]["verdict"], rows[1]["verdict"], rows[3]["verdict"] = "yes", "no", "n"
    return rows


def shown_ids(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('section.dispute')].filter(e => !e.hidden).map(e => e.dataset.verdict)")


def chips(driver, box: str) -> list[str]:
    return driver.execute_script(f"return [...document.querySelectorAll('#{box} .chip')].map(e => e.textContent)")


def test_rejected_pairs_stay_in_the_report_and_the_verdict_filter_finds_each_state(browser, tmp_path):
    open_report(browser, tmp_path / "r.html", reviewed_rows())
    assert shown(browser) == 5 and severe(browser) == []
    for verdict, n in (("yes", 1), ("no", 2), ("unreviewed", 2)):
        set_filter(browser, "verdict", verdict)
        assert shown(browser) == n, verdict
        assert shown_ids(browser) == [verdict] * n
    set_filter(browser, "verdict", "")
    assert shown(browser) == 5


def test_text_search_matches_claims_outlets_and_evidence_case_blind(report):
    set_filter(report, "q", "DERAILMENT")
    assert shown(report) == 1 and count_text(report) == "1 of 5 disputes shown"
    set_filter(report, "q", "courier   fine")  # every word must match, in any field
    assert shown(report) == 1
    set_filter(report, "q", "tribune")  # an outlet
    assert shown(report) == 2
    set_filter(report, "q", "nothing like this anywhere")
    assert shown(report) == 0
    set_filter(report, "q", "")
    assert shown(report) == 5


def test_counts_per_kind_and_outlet_follow_the_filters_and_filter_on_click(report):
    assert chips(report, "kinds") == ["numbers 2", "status 2", "causes 1"]
    outlets = dict(c.rsplit(" ", 1) for c in chips(report, "outlets"))
    assert outlets["courier"] == "3" and outlets["tribune"] == "2" and outlets["herald"] == "2"
    set_filter(report, "kind", "status")
    assert chips(report, "kinds") == ["status 2"]
    assert sum(int(c.rsplit(" ", 1)[1]) for c in chips(report, "outlets")) == 4  # two outlets per shown dispute
    set_filter(report, "kind", "")
    report.execute_script("[...document.querySelectorAll('#kinds .chip')].find(e => e.dataset.value === 'causes').click()")
    assert shown(report) == 1 and report.find_element(By.ID, "kind").get_attribute("value") == "causes"
    report.execute_script("document.querySelector('#kinds .chip').click()")  # the chip of the chosen kind clears it
    assert shown(report) == 5


def test_each_side_shows_outlet_headline_date_link_and_the_claim_in_its_paragraph(browser, tmp_path):
    rows = sample_rows()
    claim = rows[0]["claim_a"]
    context = {("herald.txt", claim): {"title": "Council sets fines for data brokers", "before": "The ordinance passed 7-2.",
                                      "after": "Repeat offenders pay double."}}
    rows[0]["date_a"], rows[0]["url_a"] = "2026-03-10", "https://example.org/herald/fines"
    open_report(browser, tmp_path / "r.html", rows, context)
    blocks = browser.execute_script("return [...document.querySelector('section.dispute').querySelectorAll('.claim')]")
    side, other = sorted(blocks, key=lambda e: "herald.txt" not in e.text)
    assert side.find_element(By.CLASS_NAME, "headline").text == "Council sets fines for data brokers"
    link = side.find_element(By.TAG_NAME, "a")
    assert link.text == "herald" and link.get_attribute("href") == "https://example.org/herald/fines"
    assert "2026-03-10" in side.text
    para = side.find_element(By.CLASS_NAME, "para").text
    assert para.startswith("The ordinance passed 7-2. ") and para.endswith(" Repeat offenders pay double.")
    said = side.find_element(By.CLASS_NAME, "said")
    assert said.text == claim and said.find_element(By.TAG_NAME, "mark").text == "up to $5,000"
    # a claim with no context shows what the CSV has: outlet, document, the claim itself
    assert other.find_elements(By.CLASS_NAME, "headline") == [] and other.find_element(By.CLASS_NAME, "para").text == rows[0]["claim_b"]
    assert severe(browser) == []


def side_boxes(driver) -> list[dict]:
    return driver.execute_script(
        "return [...document.querySelector('section.dispute').querySelectorAll('.side')].map(e => e.getBoundingClientRect().toJSON())")


def test_a_wide_window_is_used_and_sides_sit_side_by_side(browser, tmp_path):
    browser.set_window_size(1800, 1000)
    try:
        open_report(browser, tmp_path / "r.html", sample_rows())
        width = browser.execute_script("return window.innerWidth")
        main = browser.execute_script("return document.getElementById('list').getBoundingClientRect().width")
        assert main >= width - 40
        a, b = side_boxes(browser)[:2]
        assert a["top"] == b["top"] and b["left"] > a["right"]
    finally:
        browser.set_window_size(1280, 900)


def test_phone_width_screenshot(browser, tmp_path):
    """At 390 CSS pixels (a phone), nothing is wider than the screen and sides stack."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_report(browser, tmp_path / "r.html", sample_rows())
        assert browser.execute_script("return window.innerWidth") == 390
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
        a, b = side_boxes(browser)[:2]
        assert b["top"] >= a["bottom"] and a["right"] <= 390
        assert browser.execute_script("return getComputedStyle(document.querySelector('header')).position") == "static"
        png = tmp_path / "phone.png"
        assert browser.save_screenshot(str(png))
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 390  # IHDR width
        assert severe(browser) == []
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
