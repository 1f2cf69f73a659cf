"""The filtered events table as files people use: CSV (lists ';'-joined, like the CLI) and JSON records."""
from __future__ import annotations

import json

import pandas as pd

LIST_COLUMNS = ("countries", "people", "organizations", "equipment", "sources")


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars → int / bool / float
        return value.item()
    return value


def to_csv(events: pd.DataFrame, columns: list[str]) -> bytes:
    out = events[columns].copy()
    for col in LIST_COLUMNS:
        if col in out:
            out[col] = out[col].map(lambda v: ";".join(v)).astype("str")
    return out.to_csv(index=False).encode("utf-8")


def to_json(events: pd.DataFrame, columns: list[str]) -> bytes:
    records = [{c: _plain(v) for c, v in zip(columns, row)}
               for row in events[columns].itertuples(index=False, name=None)]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
