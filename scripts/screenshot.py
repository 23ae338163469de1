"""Screenshot an HTML report in headless Chromium (refreshes docs/report.png).

    python scripts/screenshot.py report.html docs/report.png [--width 1400] [--height 1000]

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)
and selenium (pip install -e '.[test]'). No network: the report is self-contained.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium(width: int, height: int, profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in FLAGS + [f"--window-size={width},{height}", f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=opts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium(args.width, args.height, Path(profile))
        try:
            driver.get(args.report.resolve().as_uri())
            driver.save_screenshot(str(args.png))
        finally:
            driver.quit()
    print(f"wrote {args.png} ({args.width}x{args.height})")


if __name__ == "__main__":
    main()
