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
from collections.abc import Iterable, Sequence

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


def write_records(records: list[dict], target, fmt: str) -> None:
    """Write plain records; only Parquet needs pandas, so the CLI pays for it only then."""
    if fmt == "parquet":
        from .table import to_frame
        to_frame(records).to_parquet(target, index=False)
        return
    close = isinstance(target, str) or hasattr(target, "__fspath__")
    f = open(target, "w", encoding="utf-8", newline="") if close else target
    try:
        if fmt == "csv":
            write_csv(records, COLUMNS, f)
        elif fmt == "json":
            json.dump([{c: r.get(c) for c in COLUMNS} for r in records], f, ensure_ascii=False, indent=1)
        else:
            raise ValueError(f"unknown format {fmt!r}")
    finally:
        if close:
            f.close()


def write_table(df, target, fmt: str) -> None:
    """Write an events DataFrame the same way the command does."""
    write_records(df.astype(object).where(df.notna(), None).to_dict("records"), target, fmt)
