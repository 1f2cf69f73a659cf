"""Dates at their precision ("2019-10" is a month) → plottable timestamps and readable labels.

The events table keeps dates as ISO strings cut to what the text supports. A
chart needs an instant, so a period is drawn at its start; a span's end is
drawn at the end of its period ("till the end of December" → 31 December), so
that a span never ends before it starts.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pandas as pd

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=65536)  # a table repeats its dates: each is worked out once
def _parts(iso: str) -> tuple[int, int | None, int | None] | None:
    m = _ISO.match((iso or "").strip())
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        date(year, month or 1, day or 1)
        pd.Timestamp(year=year, month=1, day=1)  # within pandas' range (years 1678-2262)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):  # 2020-13, 2021-02-30: not a date, so not on a chart
        return None
    return year, month or None, day or None


@lru_cache(maxsize=65536)
def period_start(iso: str) -> pd.Timestamp:
    parts = _parts(iso)
    if parts is None:
        return pd.NaT
    year, month, day = parts
    return pd.Timestamp(year=year, month=month or 1, day=day or 1)


@lru_cache(maxsize=65536)
def period_end(iso: str) -> pd.Timestamp:
    parts = _parts(iso)
    if parts is None:
        return pd.NaT
    year, month, day = parts
    if day:
        return pd.Timestamp(year=year, month=month, day=day)
    if month:
        return pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(year=year, month=12, day=31)


def period_label(iso: str) -> str:
    """'8 Nov 2020', 'Oct 2019' or '2017': the date as precise as the text was, never more."""
    parts = _parts(iso)
    if parts is None:
        return ""
    year, month, day = parts
    if day:
        return f"{day} {_MONTHS[month - 1]} {year}"
    if month:
        return f"{_MONTHS[month - 1]} {year}"
    return str(year)


@lru_cache(maxsize=65536)
def span_label(start: str, end: str) -> str:
    first, last = period_label(start), period_label(end)
    if not first:
        return "undated"
    return f"{first} – {last}" if last and last != first else first


def iso_span(start: str, end: str) -> str:
    """"2020-11-08 – 2020-11-21", "2019-10", "2017" or "": ISO at the text's precision, so a table
    column of them sorts as dates (a year before its months, a month before its days)."""
    first = (start or "").strip() if _parts(start) else ""
    last = (end or "").strip() if _parts(end) else ""
    if not first:
        return ""
    return f"{first} – {last}" if last and last != first else first


def add_time_columns(events: pd.DataFrame) -> pd.DataFrame:
    """The table plus `when`/`when_end` (datetime64[us]), `when_label` and `year` (Int64)."""
    out = events.copy()
    starts, ends = out["date_start"].tolist(), out["date_end"].tolist()  # lists: iterating str columns is slow
    out["when"] = pd.to_datetime(pd.Series([period_start(s) for s in starts], index=out.index,
                                           dtype="object")).astype("datetime64[us]")
    out["when_end"] = pd.to_datetime(pd.Series([period_end(e) for e in ends], index=out.index,
                                               dtype="object")).astype("datetime64[us]")
    out["when_label"] = pd.Series([span_label(s, e) for s, e in zip(starts, ends)], index=out.index, dtype="str")
    out["year"] = out["when"].dt.year.astype("Int64")
    return out


TIME_COLUMNS = ["when", "when_end", "when_label", "year"]
