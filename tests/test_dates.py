"""app.dates: a date at its precision becomes a plottable instant and an honest label."""
from __future__ import annotations

import pandas as pd
import pytest

from app.dates import add_time_columns, period_end, period_label, period_start, span_label
from tests.factories import events_table


@pytest.mark.parametrize("iso, start, end, label", [
    ("2020-11-08", "2020-11-08", "2020-11-08", "8 Nov 2020"),
    ("2019-10", "2019-10-01", "2019-10-31", "Oct 2019"),
    ("2017", "2017-01-01", "2017-12-31", "2017"),
    ("2020-02", "2020-02-01", "2020-02-29", "Feb 2020"),
])
def test_periods(iso, start, end, label):
    assert period_start(iso) == pd.Timestamp(start)
    assert period_end(iso) == pd.Timestamp(end)
    assert period_label(iso) == label


@pytest.mark.parametrize("bad", ["", "2020-13", "2021-02-30", "Sunday", "20201"])
def test_not_a_date_is_not_plotted(bad):
    assert pd.isna(period_start(bad)) and period_label(bad) == ""


def test_span_labels():
    assert span_label("2020-11-08", "2020-11-21") == "8 Nov 2020 – 21 Nov 2020"
    assert span_label("2020-12-09", "2020-12") == "9 Dec 2020 – Dec 2020"
    assert span_label("", "") == "undated"


def test_time_columns_have_pandas3_dtypes():
    df = events_table()
    assert str(df["when"].dtype) == "datetime64[us]" and str(df["when_end"].dtype) == "datetime64[us]"
    assert str(df["year"].dtype) == "Int64" and df["when_label"].dtype == "str"
    # A month-precision end is drawn at the month's end, never before the start.
    out = add_time_columns(df.assign(date_start="2020-12-09", date_end="2020-12"))
    assert (out["when_end"] >= out["when"]).all()
