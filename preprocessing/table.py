"""The events table: its columns, dtypes and stable ids (see EVENTS_SCHEMA.md)."""
from __future__ import annotations

import pandas as pd

from .schema import COLUMNS, LIST_COLUMNS, STR_COLUMNS, event_id  # noqa: F401  (re-exported)


def to_frame(records: list[dict]) -> pd.DataFrame:
    """Build the table with the contract's columns and dtypes from plain dicts."""
    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    for col in STR_COLUMNS:
        df[col] = df[col].fillna("").astype("str")
    for col in LIST_COLUMNS:
        df[col] = df[col].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    df["quantity"] = df["quantity"].astype("Int64")
    df["inferred"] = df["inferred"].fillna(False).astype(bool)
    df["source_count"] = df["source_count"].fillna(0).astype("int64")
    return df


def empty_table() -> pd.DataFrame:
    return to_frame([])


def flatten_lists(df: pd.DataFrame) -> pd.DataFrame:
    """Lists become ';'-joined strings, as the CSV form of the contract wants."""
    out = df.copy()
    for col in LIST_COLUMNS:
        out[col] = out[col].map(lambda v: ";".join(v)).astype("str")
    return out


def read_events_csv(path) -> pd.DataFrame:
    """Read a CSV written by `write_table` (or a gold table) back into the typed frame."""
    raw = pd.read_csv(path, dtype="str", keep_default_na=False)
    records = []
    for row in raw.to_dict("records"):
        rec = {c: row.get(c, "") for c in COLUMNS}
        for col in LIST_COLUMNS:
            rec[col] = [x for x in (rec[col] or "").split(";") if x]
        rec["quantity"] = int(float(rec["quantity"])) if rec["quantity"] else None
        rec["inferred"] = str(rec["inferred"]).strip().lower() in {"1", "true"}
        rec["source_count"] = int(rec["source_count"] or 0)
        records.append(rec)
    return to_frame(records)
