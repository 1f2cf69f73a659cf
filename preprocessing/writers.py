"""Write the events table as CSV (lists ';'-joined), JSON records or Parquet."""
from __future__ import annotations

import pandas as pd

from .table import flatten_lists

FORMATS = (".csv", ".json", ".parquet")


def write_table(df: pd.DataFrame, target, fmt: str) -> None:
    if fmt == "csv":
        flatten_lists(df).to_csv(target, index=False)
    elif fmt == "json":
        df.to_json(target, orient="records", indent=1, force_ascii=False)
    elif fmt == "parquet":
        df.to_parquet(target, index=False)
    else:
        raise ValueError(f"unknown format {fmt!r}")
