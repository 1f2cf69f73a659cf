"""Write the events table: CSV (lists ';'-joined), JSON records or Parquet."""
from __future__ import annotations

import csv
import json

from .schema import COLUMNS, csv_row

FORMATS = (".csv", ".json", ".parquet")


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
            writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_row(r) for r in records)
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
