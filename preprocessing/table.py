"""The events table: its columns, dtypes and stable ids (see EVENTS_SCHEMA.md)."""
from __future__ import annotations

import hashlib

import pandas as pd

COLUMNS = [
    "event_id", "event_type", "subtype", "name",
    "date_start", "date_end", "date_precision", "date_text",
    "countries", "actor1", "actor2", "people", "organizations", "location",
    "quantity", "quantity_unit", "equipment", "inferred",
    "sources", "source_count", "attributed_to", "evidence",
    "conflicts",  # beyond the contract: values other sources gave, "field: kept (source) vs other (source)"
]
LIST_COLUMNS = ["countries", "people", "organizations", "equipment", "sources"]
STR_COLUMNS = [c for c in COLUMNS if c not in LIST_COLUMNS + ["quantity", "inferred", "source_count"]]
EVIDENCE_JOINER = " | "


def event_id(*parts: object) -> str:
    """Stable id from the fields that identify an event (same text, same id)."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


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
