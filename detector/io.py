"""Files in and out: corpus loading, CSV writing with verdict merge, atomic writes."""
from __future__ import annotations

import csv
import errno
import io as _io
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .claims import clean_text, html_to_text
from .columns import REPORT_MARK, own_table
from .errors import CorpusError, OutputError
from .types import Document

# Files that describe a corpus rather than belong to it: answer keys beside a test corpus, and
# the usual README/LICENSE notes. They are passed over silently.
NOT_ARTICLES = re.compile(r"^(?:expected\.csv|disputes\.csv|(?:readme|license|licence|changelog)(?:\.\w+)?)$", re.I)
SUPPORTED = {".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv"}
MAX_FILE_BYTES = 64 * 1024 * 1024  # a larger file is skipped with a warning, not read into memory
HEADER_RE = re.compile(r"^(url|source|date|title|author)\s*:\s*(.*)$", re.IGNORECASE)


def load_corpus(paths: list[Path] | Path, read_all=None) -> tuple[list[Document], list[str]]:
    """Read every supported file under `paths`.

    Returns the documents (sorted by doc_id, so file order on disk never matters) and one
    warning line per skipped file. Raises CorpusError when nothing usable is left.
    `read_all` maps `read_article` over a list of (path, doc_id) and returns the results in
    order (default: one after the other, here; the Spark engine reads them on executors).
    """
    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    entries = list_corpus(paths)
    files = [e for e in entries if not isinstance(e, Skipped)]
    read = read_all(files) if read_all else [read_article(path, doc_id) for path, doc_id in files]
    results = iter(read)
    docs: list[Document] = []
    skipped: list[str] = []
    for entry in entries:  # skip lines stay in the order the files were found
        if isinstance(entry, Skipped):
            skipped.append(entry)
        else:
            found, passed = next(results)
            docs += found
            skipped += passed
    return finish_corpus(docs, skipped, ", ".join(str(p) for p in paths))


def finish_corpus(docs: list[Document], skipped: list[str], where: str) -> tuple[list[Document], list[str]]:
    """The documents sorted by doc_id, and the skip lines; CorpusError when no document is left."""
    if not docs:
        detail = f" ({len(skipped)} skipped: {skipped[0]}{' ...' if len(skipped) > 1 else ''})" if skipped else ""
        raise CorpusError(f"no readable articles in {where}{detail}")
    docs.sort(key=lambda d: d.doc_id)
    return docs, skipped


def list_corpus(paths: list[Path]) -> list:
    """The article files under `paths` as (path, doc_id), and a Skipped line for each file that
    cannot be one (links, unsupported types), in the order they are found."""
    if not paths:
        raise CorpusError("no corpus given")
    for root in paths:
        if not root.exists():
            if root.is_symlink():
                raise CorpusError(f"{root} is a broken or looping symbolic link")
            raise CorpusError(f"no such file or folder: {root}")
    # Ids are relative to the one folder given, or to the common parent of several paths.
    if len(paths) == 1:
        base = paths[0] if paths[0].is_dir() else paths[0].parent
    else:
        base = Path(os.path.commonpath([p.resolve() for p in paths]))
        paths = [p.resolve() for p in paths]
    entries: list = []
    seen: set[Path] = set()
    for root in paths:
        files = sorted(_walk(root, base, entries)) if root.is_dir() else [root]
        for path in files:
            doc_id = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):  # a dangling link, or a link cycle (RuntimeError before 3.13)
                kind = "link loop" if _is_link_loop(path) else "broken link"
                entries.append(Skipped(doc_id, "symbolic link loop" if kind == "link loop" else "broken symbolic link", kind))
                continue
            if real in seen:
                continue  # a file given both on its own and inside its folder
            seen.add(real)
            if path.suffix.lower() not in SUPPORTED:
                if path.suffix.lower() != ".parquet" or not _is_own_parquet(path):
                    entries.append(unsupported(doc_id, path.suffix))
            else:
                entries.append((path, doc_id))
    return entries


def unsupported(doc_id: str, suffix: str) -> "Skipped":
    return Skipped(doc_id, f"unsupported file type {suffix or '(none)'}", "unsupported")


def read_article(path: Path, doc_id: str) -> tuple[list[Document], list[str]]:
    """The usable documents of one file and the skip lines of what is not usable in it."""
    try:
        return _usable(_read_file(path, doc_id), doc_id)
    except OwnOutput:
        return [], []  # a table this tool wrote (-o inside the corpus folder), not an article
    except UnreadableFile as why:
        return [], [Skipped(doc_id, str(why), why.kind)]


def parse_article(data: bytes, name: str, doc_id: str) -> tuple[list[Document], list[str]]:
    """`read_article` for a file's bytes already read (by Spark, from any filesystem)."""
    try:
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(len(data))
        return _usable(_parse_file(data, Path(name), doc_id), doc_id)
    except OwnOutput:
        return [], []
    except UnreadableFile as why:
        return [], [Skipped(doc_id, str(why), why.kind)]


def _too_large(size: int) -> "UnreadableFile":
    return UnreadableFile(f"too large ({size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB): split it into articles", "too large")


def _usable(found: list[Document], doc_id: str) -> tuple[list[Document], list[str]]:
    usable = [d for d in found if d.text.strip()]
    if not usable and found and not found[0].doc_id.startswith(doc_id + "#"):
        return [], [Skipped(doc_id, "no text after removing markup", "no text")]
    if not usable:
        return [], [Skipped(doc_id, "no record has any text", "no text")]
    return usable, [Skipped(d.doc_id, "record has no text after removing markup", "no text", record=True)
                    for d in found if not d.text.strip()]


class UnreadableFile(Exception):
    """A file that cannot be used; the message says why and `kind` names the reason in a word or two."""

    def __init__(self, message: str, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind


class OwnOutput(Exception):
    """A file this tool wrote: a conflicts, disputes, claims or predictions table, or a report."""


def _is_own_parquet(path: Path) -> bool:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return False  # cannot tell without pyarrow: reported as unsupported, like any .parquet
    try:
        return own_table(pq.read_schema(path).names) is not None
    except Exception:  # pyarrow raises several types for a file that is not Parquet
        return False


class Skipped(str):
    """One skip line, "doc_id: reason", that also knows its `kind` (for the end-of-run summary).

    A plain str to every caller; `record` is True for one record of a multi-record file."""

    def __new__(cls, doc_id: str, reason: str, kind: str, record: bool = False):
        self = super().__new__(cls, f"{doc_id}: {reason}")
        self.doc_id, self.reason, self.kind, self.record = doc_id, reason, kind, record
        return self


def skip_summary(documents: list[Document], skipped: list[str]) -> str | None:
    """One line saying how many inputs were skipped and why, e.g.
    "skipped 3 of 12 files: 1 binary, 1 invalid JSON, 1 empty"; None when nothing was skipped."""
    if not skipped:
        return None
    files = [s for s in skipped if not getattr(s, "record", False)]
    records = [s for s in skipped if getattr(s, "record", False)]
    loaded = {re.sub(r"#\d+$", "", d.doc_id) for d in documents}
    parts = []
    if files:
        total = len(loaded | {getattr(s, "doc_id", s) for s in files})
        parts.append(f"skipped {len(files)} of {total} files: {_count_kinds(files)}")
    if records:
        parts.append(f"skipped {plural(len(records), 'record')}: {_count_kinds(records)}")
    return "; ".join(parts)


def plural(n: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _count_kinds(lines: list[str]) -> str:
    counts: dict[str, int] = {}
    for line in lines:
        kind = getattr(line, "kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _is_link_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _walk(root: Path, base: Path, skipped: list[str]):
    """Files under `root`, hidden ones excluded. Links to folders are not followed (so a link cycle
    cannot loop) and are reported as skipped; unreadable folders are reported too."""

    def rel(p) -> str:
        p = Path(p)
        return p.relative_to(base).as_posix() if p.is_relative_to(base) else str(p)

    def unreadable(exc: OSError) -> None:
        skipped.append(Skipped(rel(exc.filename or root), f"cannot read folder ({exc.strerror or exc})", "unreadable"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        for name in sorted(dirnames):
            if not name.startswith(".") and os.path.islink(os.path.join(dirpath, name)):
                skipped.append(Skipped(rel(Path(dirpath) / name), "link to a folder, not followed (give its target as its own path)", "linked folder"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not os.path.islink(os.path.join(dirpath, d)))
        for name in filenames:
            if not name.startswith(".") and not NOT_ARTICLES.match(name):
                yield Path(dirpath) / name


def _read_file(path: Path, doc_id: str) -> list[Document]:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise UnreadableFile("not a regular file", "not a file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(info.st_size)
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # never more than the limit, even if the file grew
        if len(data) > MAX_FILE_BYTES:
            raise UnreadableFile(f"too large (over {MAX_FILE_BYTES // 2**20} MB): split it into articles", "too large")
    except OSError as exc:
        raise UnreadableFile(f"cannot read ({exc.strerror or exc})") from None
    return _parse_file(data, path, doc_id)


def _parse_file(data: bytes, path: Path, doc_id: str) -> list[Document]:
    if not data.strip():
        raise UnreadableFile("empty file", "empty")
    text = decode_bytes(data)
    suffix = path.suffix.lower()
    stem = path.stem
    if suffix in (".txt", ".md"):
        return [_document(doc_id, *_split_headers(text), default_source=stem)]
    if suffix in (".html", ".htm"):
        if REPORT_MARK in text[:4096]:
            raise OwnOutput  # a report this tool wrote
        body, meta = html_to_text(text)
        return [_document(doc_id, body, meta, default_source=stem)]
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableFile(f"invalid JSON ({exc.msg} at line {exc.lineno})", "invalid JSON") from None
        except RecursionError:
            raise UnreadableFile("invalid JSON (nested too deeply)", "invalid JSON") from None
        records = data if isinstance(data, list) else [data]
        _refuse_own_records(records)
        if not records:
            raise UnreadableFile("JSON list has no records", "no records")
        return _records(doc_id, records, stem, multi=isinstance(data, list))
    if suffix == ".jsonl":
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UnreadableFile(f"invalid JSON on line {n} ({exc.msg})", "invalid JSON") from None
                except RecursionError:
                    raise UnreadableFile(f"invalid JSON on line {n} (nested too deeply)", "invalid JSON") from None
        _refuse_own_records(records)
        return _records(doc_id, records, stem, multi=True)
    # .csv
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)  # one article may be a long cell
    try:
        reader = csv.DictReader(_io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
        rows = list(reader)
    except csv.Error as exc:
        raise UnreadableFile(f"malformed CSV ({exc})", "malformed CSV") from None
    if own_table(reader.fieldnames or []):
        raise OwnOutput
    if "text" not in {(k or "").strip().lower() for k in reader.fieldnames or []}:
        raise UnreadableFile("CSV has no 'text' column", "no text column")
    if not rows:
        raise UnreadableFile("CSV has a header but no rows", "no records")
    rows = [{(k or "").strip().lower(): v for k, v in row.items()} for row in rows]
    return _records(doc_id, rows, stem, multi=True)


def _refuse_own_records(records: list) -> None:
    if records and isinstance(records[0], dict) and own_table(records[0]):
        raise OwnOutput


UTF8_BOM = b"\xef\xbb\xbf"
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOM_CODECS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (UTF8_BOM, "utf-8"),
              (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, allow_nul: bool = False) -> str:
    """Text from bytes: a BOM (UTF-32/16/8) decides; else UTF-8; else the charset_normalizer
    detector (Latin-1, cp1252, UTF-16 without BOM, ...). Binary data (NUL or control bytes that
    no text encoding explains) is refused, unless `allow_nul`: a review file may carry any
    character a reviewer typed."""
    for bom, codec in BOM_CODECS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise UnreadableFile(f"not valid {codec.upper()} text", "undecodable") from None
            return text if allow_nul else _refuse_binary(text)
    if b"\x00" in data[:8192] and not allow_nul:
        wide = _detect(data[:65536])  # UTF-16/32 without a BOM is full of NUL bytes too
        if wide is None or not wide.startswith(("utf_16", "utf_32")):
            raise UnreadableFile("binary file, not text", "binary")
        try:
            text = data.decode(wide.replace("_", "-"))
        except UnicodeDecodeError:
            raise UnreadableFile("binary file, not text", "binary") from None
        return _refuse_binary(text)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding = _detect(data)
        if encoding is None:
            raise UnreadableFile("binary or undecodable file, not text", "binary") from None
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise UnreadableFile("binary or undecodable file, not text", "binary") from None
    return text if allow_nul else _refuse_binary(text)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # a maintained detector; only needed for non-UTF-8 input

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _refuse_binary(text: str) -> str:
    sample = text[:100_000]
    if sample and len(CONTROL_RE.findall(sample)) > 0.05 * len(sample):
        raise UnreadableFile("binary file, not text", "binary")
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter a CSV was saved with: comma, semicolon (some locales) or tab, whichever the
    header line holds most of (a comma on a tie)."""
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV file is laid out on disk, so a rewrite can keep what a spreadsheet saved."""

    delimiter: str = ","
    newline: str = "\n"
    bom: bytes = b""
    encoding: str = "utf-8"  # of the text after the BOM


def csv_format(data: bytes) -> CsvFormat:
    """The layout of a CSV file's bytes: its delimiter, line ending and byte-order mark (with the
    encoding it marks). A file in a legacy encoding (cp1252, Latin-1: a spreadsheet's "CSV" on
    some systems) is rewritten as UTF-8 with a BOM, the mark that makes a spreadsheet read it as UTF-8."""
    bom, encoding = next(((b, e) for b, e in BOM_CODECS if data.startswith(b)), (b"", "utf-8"))
    if not bom:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            bom = UTF8_BOM
    text = decode_bytes(data, allow_nul=True)
    first = text.split("\n", 1)[0]
    return CsvFormat(sniff_delimiter(text), "\r\n" if first.endswith("\r") else "\n", bom, encoding)


def _records(doc_id: str, records: list, stem: str, multi: bool) -> list[Document]:
    docs = []
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise UnreadableFile(f"record {n} has no 'text' string field", "no text field")
        docs.append(record_document(f"{doc_id}#{n}" if multi else doc_id, rec, stem))
    return docs


def record_document(doc_id: str, rec: dict, default_source: str) -> Document:
    """The document of one record (a dict with a `text` string; `source`, `date`, `url`, `title` when given)."""
    meta = {k: str(rec[k]) for k in ("source", "date", "url", "title") if isinstance(rec.get(k), (str, int, float)) and rec.get(k) != ""}
    return _document(doc_id, rec["text"], meta, default_source=default_source)


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
        source=(meta.get("source") or "").strip() or default_source,
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
        return _plausible(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    head = value.split(",")[0] if re.match(r"\d+/\d+/\d{4},", value) else value
    for fmt in DATE_FORMATS:
        try:
            return _plausible(datetime.strptime(head, fmt).date())
        except ValueError:
            continue
    return None


def _plausible(day) -> str | None:
    # Years 1000-9998 only: relative days ("tomorrow") are resolved against this date, and a
    # date at the very end of the calendar would overflow there.
    return day.isoformat() if 1000 <= day.year <= 9998 else None


def check_writable(path: Path) -> None:
    """Refuse, before any work, an output that is a folder, a read-only file or in a read-only folder.

    Mode bits are checked as well as access(2), so a file marked read-only (chmod a-w) is refused
    even for root, for whom the rename would otherwise silently replace it."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder, not a file", hint="give a file name with -o, e.g. -o conflicts.csv")
    if path.exists():
        if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
            raise OutputError(f"{path} is read-only; it was not changed", hint="make it writable (chmod u+w) or write elsewhere with -o")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"cannot create {path}: {folder} is not a folder")
    if not folder.stat().st_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in {folder}: the folder is read-only", hint="write elsewhere with -o, or make the folder writable")


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write_bytes` of the text in UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers see the old or the new file, never half.

    Any interruption (error, Ctrl-C, SIGTERM through the CLI) removes the temporary file.
    Raises OutputError (the old file untouched) when the file cannot be written."""
    path = Path(path)
    check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600; keep the old file's mode, or the usual one
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:  # make the rename itself durable; not possible everywhere (Windows), never fatal
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")


def safe_cell(value: str) -> str:
    """Neutralise text a spreadsheet would run as a formula (a leading `'` makes it text).
    A plain negative number ("-0.0412", a similarity) is left as it is: it cannot run anything."""
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER_RE.fullmatch(value):
        return "'" + value
    return value


def _cell(value) -> str:
    """A spreadsheet-safe cell. A bare carriage return becomes a line break: the csv module does not
    quote a cell holding only "\r", and an unquoted "\r" would split the row for every reader."""
    text = safe_cell("" if value is None else str(value))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def write_csv(path: Path, columns: list[str], rows: list[dict], layout: CsvFormat | None = None) -> None:
    """An atomic CSV with spreadsheet-safe cells: UTF-8, comma, "\\n", unless `layout` says otherwise."""
    layout = layout or CsvFormat()
    buf = _io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", delimiter=layout.delimiter,
                            lineterminator=layout.newline)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    atomic_write_bytes(path, layout.bom + buf.getvalue().encode(layout.encoding))
