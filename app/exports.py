"""The filtered events table as files people use: CSV (written as the CLI writes it: lists ';'-joined,
text quoted and safe to open in a spreadsheet), JSON records and Parquet (lists as lists of strings)."""
from __future__ import annotations

import io
import json

import pandas as pd

from preprocessing.writers import write_csv

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


def _records(events: pd.DataFrame, columns: list[str]):
    """Plain dicts, one per row; a column at a time (`tolist`), as itertuples is slow on string columns."""
    return ({c: _plain(v) for c, v in zip(columns, row)}
            for row in zip(*(events[c].tolist() for c in columns)))


def to_csv(events: pd.DataFrame, columns: list[str]) -> bytes:
    buffer = io.StringIO()
    write_csv(_records(events, columns), columns, buffer)
    return buffer.getvalue().encode("utf-8")


def to_json(events: pd.DataFrame, columns: list[str]) -> bytes:
    return json.dumps(list(_records(events, columns)), ensure_ascii=False, indent=1).encode("utf-8")


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
