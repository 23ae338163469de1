"""Files in and out: corpus loading, CSV writing with verdict merge, atomic writes."""
from __future__ import annotations

import csv
import io as _io
import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from .claims import clean_text, html_to_text
from .errors import CorpusError, OutputError
from .types import Document

SUPPORTED = {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv"}
MAX_FILE_BYTES = 64 * 1024 * 1024  # a larger file is skipped with a warning, not read into memory
HEADER_RE = re.compile(r"^(url|source|date|title|author)\s*:\s*(.*)$", re.IGNORECASE)


def load_corpus(paths: list[Path] | Path) -> tuple[list[Document], list[str]]:
    """Read every supported file under `paths`.

    Returns the documents (sorted by doc_id, so file order on disk never matters) and one
    warning line per skipped file. Raises CorpusError when nothing usable is left.
    """
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    for root in paths:
        if not root.exists():
            raise CorpusError(f"no such file or folder: {root}")
    # Ids are relative to the one folder given, or to the common parent of several paths.
    if len(paths) == 1:
        base = paths[0] if paths[0].is_dir() else paths[0].parent
    else:
        base = Path(os.path.commonpath([p.resolve() for p in paths]))
        paths = [p.resolve() for p in paths]
    docs: list[Document] = []
    skipped: list[str] = []
    seen: set[Path] = set()
    for root in paths:
        files = sorted(_walk(root, skipped)) if root.is_dir() else [root]
        for path in files:
            if path.resolve() in seen:
                continue  # a file given both on its own and inside its folder
            seen.add(path.resolve())
            doc_id = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name
            if path.suffix.lower() not in SUPPORTED:
                skipped.append(f"{doc_id}: unsupported file type {path.suffix or '(none)'}")
                continue
            try:
                docs.extend(_read_file(path, doc_id))
            except UnreadableFile as why:
                skipped.append(f"{doc_id}: {why}")
    empty = [d.doc_id for d in docs if not d.text.strip()]
    skipped += [f"{doc_id}: no text after removing markup" for doc_id in empty]
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        where = ", ".join(str(p) for p in paths)
        detail = f" ({len(skipped)} skipped: {skipped[0]}{' ...' if len(skipped) > 1 else ''})" if skipped else ""
        raise CorpusError(f"no readable articles in {where}{detail}")
    docs.sort(key=lambda d: d.doc_id)
    return docs, skipped


class UnreadableFile(Exception):
    """A file that cannot be used; the message says why."""


def _walk(root: Path, skipped: list[str]):
    # os.walk without following links cannot loop on a symlink cycle.
    for dirpath, dirnames, filenames in os.walk(root, onerror=lambda e: skipped.append(f"{e.filename}: {e.strerror}")):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith(".") and name != "expected.csv":
                yield Path(dirpath) / name


def _read_file(path: Path, doc_id: str) -> list[Document]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"too large ({size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB): split it into articles")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise UnreadableFile("empty file")
    text = decode_bytes(data)
    suffix = path.suffix.lower()
    stem = path.stem
    if suffix in (".txt", ".md"):
        return [_document(doc_id, *_split_headers(text), default_source=stem)]
    if suffix in (".html", ".htm"):
        body, meta = html_to_text(text)
        return [_document(doc_id, body, meta, default_source=stem)]
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableFile(f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
        records = data if isinstance(data, list) else [data]
        return _records(doc_id, records, stem, multi=isinstance(data, list))
    if suffix == ".jsonl":
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UnreadableFile(f"invalid JSON on line {n} ({exc.msg})") from None
        return _records(doc_id, records, stem, multi=True)
    # .csv
    try:
        rows = list(csv.DictReader(_io.StringIO(text, newline=""), dialect=_sniff(text)))
    except csv.Error as exc:
        raise UnreadableFile(f"malformed CSV ({exc})") from None
    if not rows or "text" not in {(k or "").strip().lower() for k in rows[0]}:
        raise UnreadableFile("CSV has no 'text' column")
    rows = [{(k or "").strip().lower(): v for k, v in row.items()} for row in rows]
    return _records(doc_id, rows, stem, multi=True)


def decode_bytes(data: bytes, allow_nul: bool = False) -> str:
    """UTF-8 (with or without BOM) first; otherwise a charset detector. Binary data is refused
    (NUL bytes), unless `allow_nul`: a review file may carry any character a reviewer typed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("not valid UTF-16 text") from None
    if b"\x00" in data[:8192] and not allow_nul:
        raise UnreadableFile("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile("binary or undecodable file, not text")
    return str(best)


def _sniff(text: str):
    first = text.split("\n", 1)[0]
    return "excel" if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _records(doc_id: str, records: list, stem: str, multi: bool) -> list[Document]:
    docs = []
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise UnreadableFile(f"record {n} has no 'text' string field")
        meta = {k: str(rec[k]) for k in ("source", "date", "url", "title") if rec.get(k) not in (None, "")}
        rid = f"{doc_id}#{n}" if multi else doc_id
        docs.append(_document(rid, rec["text"], meta, default_source=stem))
    return docs


def _split_headers(text: str) -> tuple[str, dict]:
    """`Key: value` lines at the top, then a blank line, are metadata."""
    lines = text.split("\n")
    meta = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if meta:
                return "\n".join(lines[i + 1 :]), meta
            return text, {}
        m = HEADER_RE.match(line.strip())
        if not m:
            return text, {}
        meta[m.group(1).lower()] = m.group(2).strip()
    return text, {}


def _document(doc_id: str, body: str, meta: dict, default_source: str) -> Document:
    return Document(
        doc_id=doc_id,
        source=(meta.get("source") or default_source).strip(),
        text=clean_text(body),
        date=parse_date(meta.get("date")),
        url=meta.get("url") or None,
        title=meta.get("title") or None,
    )


DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value: str | None) -> str | None:
    """An ISO date string, or None when the value cannot be read as a date ("not shown", "yesterday")."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    head = value.split(",")[0] if re.match(r"\d+/\d+/\d{4},", value) else value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers see the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """An atomic UTF-8 CSV with spreadsheet-safe cells."""
    buf = _io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: safe_cell(str(row.get(c, "") if row.get(c) is not None else "")) for c in columns})
    try:
        atomic_write_text(path, buf.getvalue())
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
