"""The filtered events table as files people use: CSV (lists ';'-joined, like the CLI), JSON records
and Parquet (lists as lists of strings)."""
from __future__ import annotations

import io
import json

import pandas as pd

# `edited_fields` is the curated table's list of the fields an analyst changed.
LIST_COLUMNS = ("countries", "people", "organizations", "equipment", "sources", "edited_fields")


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


def to_parquet(events: pd.DataFrame, columns: list[str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = events[columns].reset_index(drop=True)
    schema = pa.Schema.from_pandas(out, preserve_index=False)
    for col in LIST_COLUMNS:
        if col in out:  # typed explicitly: a column of empty lists would otherwise be list<null>
            out[col] = out[col].map(lambda v: [str(x) for x in v])
            schema = schema.set(schema.get_field_index(col), pa.field(col, pa.list_(pa.string())))
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(out, schema=schema, preserve_index=False), buffer)
    return buffer.getvalue()
