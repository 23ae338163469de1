"""The tool's tables on disk, in the format the file name asks for: .csv, .json, .jsonl or .parquet.

Every format holds the same columns and the same cells, as text; only CSV cells are made
spreadsheet-safe (a spreadsheet opens CSV, not the others).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from .errors import DetectorError, OutputError, ReviewFileError
from .io import CsvFormat, UnreadableFile, atomic_write_bytes, decode_bytes, write_csv

SUFFIXES = (".csv", ".json", ".jsonl", ".parquet")
PARQUET_HINT = "pip install 'detector[parquet]' (or pip install pyarrow), or use .csv, .json or .jsonl"


def check_table_path(path: Path) -> None:
    """Refuse, before any work, a table name whose suffix names no format this tool writes."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise OutputError(f"cannot write {path}: {suffix or 'a name without a suffix'} is not a table format this tool writes",
                          hint="end the file name in .csv, .json (one list), .jsonl (one row per line) or .parquet")
    if suffix == ".parquet":
        _pyarrow(f"writing {path}", OutputError)


def write_table(path: Path, columns: list[str], rows: list[dict], layout: CsvFormat | None = None) -> None:
    """Write `rows` (only `columns`, in that order) atomically; a CSV in `layout` (default: UTF-8, comma)."""
    check_table_path(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return write_csv(path, columns, rows, layout)
    cells = [{c: _text(row.get(c)) for c in columns} for row in rows]
    if suffix == ".json":
        data = (json.dumps(cells, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    elif suffix == ".jsonl":
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in cells).encode("utf-8")
    else:
        pa, pq = _pyarrow(f"writing {path}", OutputError)
        table = pa.table({c: [r[c] for r in cells] for c in columns}, schema=pa.schema([(c, pa.string()) for c in columns]))
        buffer = io.BytesIO()
        pq.write_table(table, buffer)
        data = buffer.getvalue()
    atomic_write_bytes(path, data)


def read_records(path: Path) -> tuple[list[str], list[dict], list[str]]:
    """Columns, rows (every cell as text) and where each row is ("line 3", "row 3") of a .json,
    .jsonl or .parquet table. Raises ReviewFileError when the file is not such a table."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        _, pq = _pyarrow(f"reading {path}", ReviewFileError)
        try:
            table = pq.read_table(path)
        except OSError as exc:
            raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
        except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
            raise ReviewFileError(f"{path} is not a readable Parquet file ({exc})") from None
        records, columns = table.to_pylist(), list(table.column_names)
        places = [f"row {n}" for n in range(1, len(records) + 1)]
    else:
        records, places = _json_records(path, suffix)
        columns = list(dict.fromkeys(k for r in records for k in r))
    return columns, [{c: _text(r.get(c)) for c in columns} for r in records], places


def _json_records(path: Path, suffix: str) -> tuple[list[dict], list[str]]:
    try:
        text = decode_bytes(path.read_bytes(), allow_nul=True)
    except OSError as exc:
        raise ReviewFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnreadableFile as why:
        raise ReviewFileError(f"{path}: {why}") from None
    try:
        if suffix == ".json":
            records = json.loads(text) if text.strip() else []
            places = [f"row {n}" for n in range(1, len(records) + 1)] if isinstance(records, list) else []
        else:
            numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
            records = [json.loads(line) for _, line in numbered]
            places = [f"line {n}" for n, _ in numbered]
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReviewFileError(f"{path} is not readable JSON ({getattr(exc, 'msg', 'nested too deeply')})") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ReviewFileError(f"{path} is not a table: it should hold one JSON object per row")
    return records, places


def _text(value) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _pyarrow(doing: str, error: type[DetectorError]):
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise error(f"{doing} needs pyarrow, which is not installed", hint=PARQUET_HINT) from None
    return pa, pq
