"""Write the events table: CSV (lists ';'-joined), JSON records or Parquet.

CSV is opened by spreadsheets, which run a cell that starts with a formula character. So every text
cell is quoted and one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading `'` (OWASP's advice on CSV injection); so does each item of a ';'-joined list, since a
spreadsheet that splits on ';' would start a cell there. Numbers and booleans stay bare, and JSON
and Parquet keep every value as it is.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .schema import COLUMNS

FORMATS = (".csv", ".json", ".parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_JOINER = ";"


def spreadsheet_text(text: str) -> str:
    """Text a spreadsheet shows as text, never runs: a leading ' where it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value):
    """A value as a safe CSV cell: lists ';'-joined item by item made safe, text made safe; numbers,
    booleans and None (written empty) as they are."""
    if hasattr(value, "tolist"):  # numpy scalars and arrays, as a DataFrame may hold them
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return LIST_JOINER.join(spreadsheet_text(str(v)) for v in value)
    return spreadsheet_text(value) if isinstance(value, str) else value


def write_csv(rows: Iterable[dict], columns: Sequence[str], f) -> None:
    """The header as it is (our own names), then each row with every text cell quoted and made safe."""
    csv.writer(f, lineterminator="\n").writerow(columns)
    body = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)  # text quoted, numbers bare
    body.writerows([csv_cell(row.get(c)) for c in columns] for row in rows)


def write_records(records: list[dict], target, fmt: str, columns: Sequence[str] = COLUMNS) -> None:
    """Write plain records, the contract's columns (or `columns`: the contract's and a curated table's
    own, such as review_status); only Parquet needs pandas, so the CLI pays for it only then."""
    if fmt == "parquet":
        from .table import to_frame
        frame = to_frame(records)
        for extra in (c for c in columns if c not in COLUMNS):
            frame[extra] = [r.get(extra) for r in records]
        frame[list(columns)].to_parquet(target, index=False)
        return
    close = isinstance(target, str) or hasattr(target, "__fspath__")
    f = open(target, "w", encoding="utf-8", newline="") if close else target
    try:
        if fmt == "csv":
            write_csv(records, columns, f)
        elif fmt == "json":
            json.dump([{c: r.get(c) for c in columns} for r in records], f, ensure_ascii=False, indent=1)
        else:
            raise ValueError(f"unknown format {fmt!r}")
    finally:
        if close:
            f.close()


def table_records(df) -> list[dict]:
    """An events DataFrame as plain records (missing values None), as write_records takes them."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def write_table(df, target, fmt: str) -> None:
    """Write an events DataFrame the same way the command does."""
    write_records(table_records(df), target, fmt)


def write_atomically(records: list[dict], out: Path, columns: Sequence[str] = COLUMNS) -> None:
    """Write beside the target, then rename: an interrupted run never leaves half a file. The format
    is the file's suffix (FORMATS)."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent if str(out.parent) else ".")
    os.close(fd)
    try:
        write_records(records, tmp, out.suffix.lower().lstrip("."), columns)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
