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
        # copies: a page changing a cell's list never reaches the extractor's events
        df[col] = pd.Series([list(v) if isinstance(v, (list, tuple)) else [] for v in df[col].tolist()],
                            index=df.index, dtype="object")
    df["quantity"] = df["quantity"].astype("Int64")
    df["inferred"] = df["inferred"].fillna(False).astype(bool)
    df["status"] = df["status"].replace("", "reported")
    df["source_count"] = df["source_count"].fillna(0).astype("int64")
    return df
