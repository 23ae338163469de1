"""detector.io.load_corpus: every supported format, metadata, ids, encodings and failures."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from detector.errors import CorpusError
from detector.io import load_corpus
from tests.conftest import write_file as write

BODY = "The council approved the ordinance on Tuesday by a vote of seven to two."


def load(root: Path):
    docs, skipped = load_corpus(root)
    return {d.doc_id: d for d in docs}, skipped


# --- formats -------------------------------------------------------------------------------

def test_txt_headers_are_metadata_not_text(tmp_path):
    write(tmp_path / "post.txt",
          "SOURCE: Port Halden Post\nDATE: 2026-03-11\nTITLE: Council votes\n"
          "URL: https://example.org/a\n\n" + BODY + "\n")
    docs, skipped = load(tmp_path)
    doc = docs["post.txt"]
    assert doc.source == "Port Halden Post"
    assert doc.date == "2026-03-11"
    assert doc.title == "Council votes"
    assert doc.url == "https://example.org/a"
    assert doc.text == BODY
    for header in ("SOURCE", "DATE:", "TITLE", "URL", "example.org"):
        assert header not in doc.text
    assert skipped == []


def test_txt_header_date_in_words_becomes_iso(tmp_path):
    write(tmp_path / "a.txt", "SOURCE: A\nDATE: March 11, 2026\n\n" + BODY)
    docs, _ = load(tmp_path)
    assert docs["a.txt"].date == "2026-03-11"


def test_txt_without_headers_uses_file_stem_as_source(tmp_path):
    write(tmp_path / "valley_wire.txt", BODY + "\n\nA second paragraph follows here today.\n")
    docs, _ = load(tmp_path)
    doc = docs["valley_wire.txt"]
    assert doc.source == "valley_wire"
    assert doc.date is None and doc.url is None and doc.title is None
    assert doc.text.startswith(BODY)
    assert "A second paragraph follows here today." in doc.text


def test_date_not_shown_gives_none(tmp_path):
    write(tmp_path / "a.txt", "SOURCE: Gazette\nDATE: not shown\n\n" + BODY)
    docs, _ = load(tmp_path)
    assert docs["a.txt"].date is None
    assert docs["a.txt"].source == "Gazette"
    assert "not shown" not in docs["a.txt"].text


def test_markdown_is_loaded_without_markup(tmp_path):
    write(tmp_path / "notes.md", "# Council vote\n\n" + BODY + " See [the minutes](https://example.org/m).\n")
    docs, _ = load(tmp_path)
    doc = docs["notes.md"]
    assert doc.source == "notes"
    assert "#" not in doc.text
    assert "Council vote" in doc.text
    assert "the minutes" in doc.text and "https://" not in doc.text
    assert BODY in doc.text


def test_html_title_meta_and_visible_text_only(tmp_path):
    write(tmp_path / "metro.html", """<html><head><title>Rail crash</title>
<meta name="author" content="Metro Daily">
<meta property="article:published_time" content="2026-03-11T09:30:00Z">
<style>.x { color: red }</style><script>var hidden = "SCRIPTTEXT";</script></head>
<body><p>The <b>train</b> derailed near <a href="/x">Ashcombe</a> on Sunday.</p>
<script>alert("MORESCRIPT")</script><p>Officials said &amp; confirmed it.</p></body></html>""")
    docs, _ = load(tmp_path)
    doc = docs["metro.html"]
    assert doc.title == "Rail crash"
    assert doc.source == "Metro Daily"
    assert doc.date == "2026-03-11"
    assert "The train derailed near Ashcombe on Sunday." in doc.text
    assert "Officials said & confirmed it." in doc.text
    for hidden in ("SCRIPTTEXT", "MORESCRIPT", "color", "<", ">"):
        assert hidden not in doc.text


def test_html_without_meta_uses_file_stem(tmp_path):
    write(tmp_path / "metro_daily.html", "<html><body><p>" + BODY + "</p></body></html>")
    docs, _ = load(tmp_path)
    assert docs["metro_daily.html"].source == "metro_daily"
    assert docs["metro_daily.html"].text == BODY


def test_json_object_is_one_document(tmp_path):
    write(tmp_path / "courier.json", json.dumps(
        {"source": "Northbay Courier", "date": "2026-03-11", "title": "T", "url": "https://e.org/c", "text": BODY}))
    docs, _ = load(tmp_path)
    assert list(docs) == ["courier.json"]
    doc = docs["courier.json"]
    assert (doc.source, doc.date, doc.title, doc.url, doc.text) == ("Northbay Courier", "2026-03-11", "T", "https://e.org/c", BODY)


def test_json_list_is_one_document_per_record(tmp_path):
    write(tmp_path / "feed.json", json.dumps([
        {"source": "A", "text": "First article text is here for the test."},
        {"text": "Second article text is here for the test."},
    ]))
    docs, _ = load(tmp_path)
    assert list(docs) == ["feed.json#1", "feed.json#2"]
    assert docs["feed.json#1"].source == "A"
    assert docs["feed.json#2"].source == "feed"
    assert docs["feed.json#2"].text == "Second article text is here for the test."


def test_jsonl_ids_number_the_lines(tmp_path):
    lines = [json.dumps({"source": f"S{n}", "text": f"Article number {n} says something."}) for n in (1, 2, 3)]
    write(tmp_path / "wire.jsonl", "\n".join(lines[:2]) + "\n\n" + lines[2] + "\n")
    docs, _ = load(tmp_path)
    assert list(docs) == ["wire.jsonl#1", "wire.jsonl#2", "wire.jsonl#3"]
    assert [d.source for d in docs.values()] == ["S1", "S2", "S3"]
    assert docs["wire.jsonl#3"].text == "Article number 3 says something."


def test_csv_with_text_column(tmp_path):
    write(tmp_path / "rows.csv", 'id,source,text\n1,Ledger,"The vote was 7-2, on Tuesday."\n2,,Another article body text here.\n')
    docs, _ = load(tmp_path)
    assert list(docs) == ["rows.csv#1", "rows.csv#2"]
    assert docs["rows.csv#1"].source == "Ledger"
    assert docs["rows.csv#1"].text == "The vote was 7-2, on Tuesday."
    assert docs["rows.csv#2"].source == "rows"


def test_csv_with_semicolon_delimiter(tmp_path):
    write(tmp_path / "semi.csv", "id;Text;source\n1;The vote was seven to two, on Tuesday.;Ledger\n")
    docs, _ = load(tmp_path)
    assert list(docs) == ["semi.csv#1"]
    assert docs["semi.csv#1"].text == "The vote was seven to two, on Tuesday."
    assert docs["semi.csv#1"].source == "Ledger"


# --- ids, cleaning, encodings ----------------------------------------------------------------

def test_doc_id_is_relative_to_root_with_slashes(tmp_path):
    write(tmp_path / "rail" / "day1" / "herald.txt", BODY)
    write(tmp_path / "top.txt", BODY)
    docs, _ = load(tmp_path)
    assert set(docs) == {"rail/day1/herald.txt", "top.txt"}
    assert docs["rail/day1/herald.txt"].source == "herald"


def test_single_file_path_gets_its_name_as_id(tmp_path):
    path = write(tmp_path / "sub" / "one.txt", BODY)
    docs, _ = load(path)
    assert list(docs) == ["one.txt"]


def test_citation_markup_removed_text_kept(tmp_path):
    write(tmp_path / "ai.txt", 'The ministry (cite index="2-3">confirmed the closure on Monday</cite> after the storm.')
    docs, _ = load(tmp_path)
    text = docs["ai.txt"].text
    assert text == "The ministry confirmed the closure on Monday after the storm."
    assert "cite" not in text and "index" not in text


LATIN = "Le café de la gare a rouvert ses portes lundi matin après les travaux, déclaré le maire à la presse régionale."


def test_latin1_file_decodes(tmp_path):
    write(tmp_path / "latin.txt", LATIN.encode("latin-1"))
    docs, skipped = load(tmp_path)
    assert docs["latin.txt"].text == LATIN
    assert skipped == []


def test_utf16_with_bom_decodes(tmp_path):
    data = ("SOURCE: Zoë Times\n\n" + LATIN).encode("utf-16")
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    write(tmp_path / "wide.txt", data)
    docs, _ = load(tmp_path)
    assert docs["wide.txt"].source == "Zoë Times"
    assert docs["wide.txt"].text == LATIN


def test_utf8_bom_is_not_part_of_the_header(tmp_path):
    write(tmp_path / "bom.txt", "\ufeffSOURCE: Bom Post\n\n" + BODY)
    docs, _ = load(tmp_path)
    assert docs["bom.txt"].source == "Bom Post"
    assert docs["bom.txt"].text == BODY


# --- skipped files and errors ---------------------------------------------------------------

def _reason(skipped: list[str], name: str) -> str:
    hits = [line for line in skipped if line.startswith(name)]
    assert len(hits) == 1, f"expected one skip line for {name}, got {skipped}"
    return hits[0]


def test_bad_files_are_skipped_with_reasons_others_load(tmp_path):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    write(tmp_path / "broken.json", '{"text": "unterminated')
    write(tmp_path / "notext.csv", "id,body\n1,The vote was seven to two on Tuesday.\n")
    docs, skipped = load(tmp_path)
    assert list(docs) == ["good.txt"]
    assert "binary" in _reason(skipped, "image.txt").lower()
    assert "json" in _reason(skipped, "broken.json").lower()
    assert "text" in _reason(skipped, "notext.csv").lower()


def test_empty_file_is_skipped_with_a_reason(tmp_path):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "empty.txt", "")
    docs, skipped = load(tmp_path)
    assert list(docs) == ["good.txt"]
    assert _reason(skipped, "empty.txt")


def test_unsupported_file_is_skipped_with_a_reason(tmp_path):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    docs, skipped = load(tmp_path)
    assert list(docs) == ["good.txt"]
    assert "unsupported" in _reason(skipped, "photo.jpg")


def test_empty_folder_raises(tmp_path):
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)


def test_missing_path_raises(tmp_path):
    with pytest.raises(CorpusError, match="no such"):
        load_corpus(tmp_path / "nowhere")


def test_only_unsupported_files_raises(tmp_path):
    write(tmp_path / "a.pdf", b"%PDF-1.4")
    write(tmp_path / "b.docx", b"PK\x03\x04")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    assert info.value.hint  # the CLI shows a fix hint


def test_documents_sorted_by_doc_id_not_creation_order(tmp_path):
    names = ["zeta.txt", "b/inner.txt", "alpha.md", "mid.json", "a/deep/x.txt"]
    for name in names:
        content = json.dumps({"text": BODY}) if name.endswith(".json") else BODY
        write(tmp_path / name, content)
        time.sleep(0.01)  # distinct mtimes, so an mtime order would differ
    docs, _ = load_corpus(tmp_path)
    ids = [d.doc_id for d in docs]
    assert ids == sorted(ids)
    assert set(ids) == set(names)


def test_several_roots(tmp_path):
    write(tmp_path / "one" / "a.txt", BODY)
    write(tmp_path / "two" / "b.txt", BODY)
    docs, _ = load_corpus([tmp_path / "two", tmp_path / "one"])
    assert [d.doc_id for d in docs] == ["one/a.txt", "two/b.txt"]  # relative to the common parent


def test_sample_corpus_loads(tmp_path):
    from conftest import SAMPLE

    docs, skipped = load_corpus(SAMPLE)
    ids = [d.doc_id for d in docs]
    assert "expected.csv" not in ids
    assert "northbay_courier.json" in ids and "metro_daily.html" in ids
    by_id = {d.doc_id: d for d in docs}
    assert by_id["civic_ledger.txt"].source == "Civic Ledger"
    assert by_id["metro_daily.html"].source == "metro_daily"
    assert by_id["northbay_courier.json"].source == "Northbay Courier"


def test_nul_bytes_file_is_skipped_as_binary(tmp_path):
    # valid UTF-8, but no text: must not become a document of control characters
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "zeros.txt", b"\x00" * 64)
    docs, skipped = load(tmp_path)
    assert list(docs) == ["good.txt"]
    assert "binary" in _reason(skipped, "zeros.txt").lower()


def test_doc_ids_are_unique_across_roots(tmp_path):
    write(tmp_path / "herald" / "story.txt", BODY)
    write(tmp_path / "wire" / "story.txt", "The council rejected the ordinance on Tuesday by two votes.")
    docs, _ = load_corpus([tmp_path / "herald", tmp_path / "wire"])
    ids = [d.doc_id for d in docs]
    assert len(ids) == 2
    assert len(set(ids)) == 2, f"two different articles share a doc_id: {ids}"
