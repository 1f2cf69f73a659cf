"""The shared filters: their state, their URL form and how they cut the events table.

Pure: no Streamlit here. The sidebar binds one widget to each query parameter
(`type`, `country`, `from`, `to`, `source`, `status`, `inferred`); Streamlit drops a
value its widget cannot take without saying so, so `parse_params` reads the
raw link first and words a notice for every value it had to refuse.
"""
from __future__ import annotations

import re
import unicodedata

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from .labels import EVENT_TYPES, STATUSES, event_status

PARAMS = ("type", "country", "from", "to", "source", "status", "inferred")


@dataclass(frozen=True)
class Options:
    """What each filter can take, read from the corpus."""

    types: tuple[str, ...] = EVENT_TYPES
    countries: tuple[str, ...] = ()
    years: tuple[int, ...] = ()  # every year from the first dated event to the last
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = STATUSES  # reported, planned, cancelled: always offered

    @classmethod
    def from_events(cls, events: pd.DataFrame, article_labels: Iterable[str] = ()) -> Options:
        countries = sorted({c for lst in events["countries"] for c in lst if c})
        years = events["year"].dropna()
        span = tuple(range(int(years.min()), int(years.max()) + 1)) if len(years) else ()
        sources = {s for lst in events["sources"] for s in lst if s} | {a for a in article_labels if a}
        extra_types = sorted(set(events["event_type"]) - set(EVENT_TYPES) - {""})
        return cls(EVENT_TYPES + tuple(extra_types), tuple(countries), span, tuple(sorted(sources)))

    @property
    def first_year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def last_year(self) -> int | None:
        return self.years[-1] if self.years else None


@dataclass(frozen=True)
class Filters:
    """Empty tuples and None mean "no restriction"."""

    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sources: tuple[str, ...] = ()
    inferred: bool = True  # include rows the text implies but does not state
    statuses: tuple[str, ...] = ()  # reported, planned, cancelled

    @property
    def active(self) -> bool:
        return self != Filters()

    def file_stem(self, base: str) -> str:
        """A download's name that says what it holds: "defence-events_Pakistan_2016-2020" (countries,
        types, years, statuses, sources, "stated-only"), in characters every file system accepts."""
        parts = [base, *self.countries, *self.types]
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"{self.year_from or 'to'}-{self.year_to or 'now'}" if self.year_from
                         else f"to-{self.year_to}")
        parts += list(self.statuses)
        if self.sources:
            parts.append(f"{len(self.sources)}-source" + ("s" if len(self.sources) > 1 else ""))
        if not self.inferred:
            parts.append("stated-only")
        ascii_parts = [unicodedata.normalize("NFKD", p).encode("ascii", "ignore").decode() for p in parts]
        safe = [re.sub(r"[^A-Za-z0-9.-]+", "-", p).strip("-") for p in ascii_parts]
        stem = "_".join(p for p in safe if p)
        return stem[:120].rstrip("_-")

    def describe(self) -> list[str]:
        """One short phrase per active filter, for captions and empty states."""
        out = []
        if self.types:
            out.append("type: " + ", ".join(self.types))
        if self.countries:
            out.append("country: " + ", ".join(self.countries))
        if self.year_from is not None or self.year_to is not None:
            out.append(f"years: {self.year_from or '…'}–{self.year_to or '…'}")
        if self.sources:
            out.append("source: " + ", ".join(self.sources))
        if self.statuses:
            out.append("status: " + ", ".join(self.statuses))
        if not self.inferred:
            out.append("inferred rows hidden")
        return out


def from_values(types: Iterable[str] = (), countries: Iterable[str] = (), year_from: int | None = None,
                year_to: int | None = None, sources: Iterable[str] = (), inferred: bool = True,
                options: Options = Options(), statuses: Iterable[str] = ()) -> Filters:
    """Filters from widget values: the full year range counts as no year filter."""
    if year_from is not None and year_from == options.first_year:
        year_from = None
    if year_to is not None and year_to == options.last_year:
        year_to = None
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    return Filters(tuple(types), tuple(countries), year_from, year_to, tuple(sources), bool(inferred),
                   tuple(statuses))


def _values(params: Mapping[str, object], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    return [str(v) for v in raw] if isinstance(raw, (list, tuple)) else [str(raw)]


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"“{v}”" for v in values)


def _choices(params, key: str, allowed: tuple[str, ...], what: str, notices: list[str]) -> tuple[str, ...]:
    values = [v for v in _values(params, key) if v != ""]
    good = tuple(dict.fromkeys(v for v in values if v in allowed))
    bad = [v for v in values if v not in allowed]
    if bad:
        fallback = "showing " + ", ".join(good) if good else f"showing every {what}"
        notices.append(_not_offered(key, bad, what, "this corpus", fallback))
    return good


def _not_offered(key: str, bad: list[str], what: str, where: str, fallback: str) -> str:
    article = "an" if what[0] in "aeiou" else "a"
    return f"The link asks for {key}={_quoted(bad)}, which is not {article} {what} in {where}; {fallback} instead."


def _year(params, key: str, options: Options, notices: list[str]) -> int | None:
    values = _values(params, key)
    if not values or values[-1] == "":
        return None
    raw = values[-1]
    default = options.first_year if key == "from" else options.last_year
    fallback = f"showing from {default}" if key == "from" else f"showing up to {default}"
    if not options.years:
        notices.append(f"The link asks for {key}={_quoted([raw])}, but no event in this corpus has a date; "
                       "showing every event instead.")
        return None
    if not re.fullmatch(r"[0-9]{1,4}", raw.strip()):  # int() would take "٢٠١٩"; the year widget would not
        notices.append(f"The link asks for {key}={_quoted([raw])}, which is not a year; {fallback} instead.")
        return None
    year = int(raw.strip())
    if year not in options.years:
        notices.append(f"The link asks for {key}={year}, outside the years the corpus covers "
                       f"({options.first_year}–{options.last_year}); {fallback} instead.")
        return None
    return year


def _flag(params, key: str, notices: list[str], default: bool = True, meaning: str = "inferred events are shown"
          ) -> bool:
    values = _values(params, key)
    if not values:
        return default
    raw = values[-1].strip().lower()
    if raw in ("true", "false"):
        return raw == "true"
    notices.append(f"The link asks for {key}={_quoted([values[-1]])}; it takes true or false, so {meaning}.")
    return default


SWITCHES = {"raw": "the curated table is shown"}  # the sidebar's other link parameters, and their default
STREAMLIT_PARAMS = ("embed", "embed_options")  # Streamlit's own, for embedding the app in a page


def link_notices(params: Mapping[str, object], page_params: Mapping[str, tuple[str, ...]], page: str) -> list[str]:
    """Notices for the parts of a link no filter reads: a switch that is not true or false, and a parameter
    no page knows, or that another page reads (`page_params`: url path → its own parameters)."""
    notices: list[str] = []
    for key, meaning in SWITCHES.items():
        _flag(params, key, notices, default=False, meaning=meaning)
    mine = set(page_params.get(page, ()))
    owners = {k: p for p, keys in page_params.items() for k in keys}
    for key in params:
        if key in PARAMS or key in SWITCHES or key in mine or key in STREAMLIT_PARAMS:
            continue
        if key in owners:
            notices.append(f"The link's “{key}” is read on the /{owners[key]} page, not here; it is ignored.")
        else:
            notices.append(f"The link asks for “{key}”, which this dashboard does not know; it is ignored.")
    return notices


def choice_notice(params: Mapping[str, object], key: str, allowed, what: str) -> str:
    """A notice when a page's own picker is asked, by the link, for a value it does not offer ("")."""
    allowed = set(allowed)
    bad = [v for v in _values(params, key) if v != "" and v not in allowed]
    return _not_offered(key, bad, what, "this view", "showing the first") if bad else ""


def parse_params(params: Mapping[str, object], options: Options) -> tuple[Filters, list[str]]:
    """Filters from a link's query parameters, plus one notice per value that was refused.

    Values must be exactly the option (as the widgets write them) so that what
    is accepted here is what the bound widgets accept.
    """
    notices: list[str] = []
    types = _choices(params, "type", options.types, "event type", notices)
    countries = _choices(params, "country", options.countries, "country", notices)
    year_from = _year(params, "from", options, notices)
    year_to = _year(params, "to", options, notices)
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(f"The link's years run backwards (from={year_from}, to={year_to}); "
                       f"showing {year_to}–{year_from}.")
    sources = _choices(params, "source", options.sources, "source article", notices)
    statuses = _choices(params, "status", options.statuses, "status", notices)
    inferred = _flag(params, "inferred", notices)
    filters = from_values(types, countries, year_from, year_to, sources, inferred, options, statuses)
    return filters, notices


def to_params(filters: Filters) -> dict[str, list[str]]:
    """The query parameters that reproduce `filters` (defaults left out, as the widgets do)."""
    out: dict[str, list[str]] = {}
    if filters.types:
        out["type"] = list(filters.types)
    if filters.countries:
        out["country"] = list(filters.countries)
    if filters.year_from is not None:
        out["from"] = [str(filters.year_from)]
    if filters.year_to is not None:
        out["to"] = [str(filters.year_to)]
    if filters.sources:
        out["source"] = list(filters.sources)
    if filters.statuses:
        out["status"] = list(filters.statuses)
    if not filters.inferred:
        out["inferred"] = ["false"]
    return out


def _any_in(lists: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    chosen = set(wanted)
    return lists.map(lambda values: bool(chosen.intersection(values))).astype(bool)


def apply(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that pass every filter, in table order. Undated rows drop out only under a year filter."""
    keep = pd.Series(True, index=events.index)
    if filters.types:
        keep &= events["event_type"].isin(filters.types)
    if filters.countries:
        keep &= _any_in(events["countries"], filters.countries)
    if filters.year_from is not None:
        keep &= events["year"].ge(filters.year_from).fillna(False).astype(bool)
    if filters.year_to is not None:
        keep &= events["year"].le(filters.year_to).fillna(False).astype(bool)
    if filters.sources:
        keep &= _any_in(events["sources"], filters.sources)
    if filters.statuses:
        status = events["status"] if "status" in events.columns else pd.Series("", index=events.index)
        keep &= status.map(event_status).isin(filters.statuses).astype(bool)
    if not filters.inferred:
        keep &= ~events["inferred"]
    return events[keep]
