"""Relations between two countries: which pairs the corpus covers, a pair's events per year, and its
firsts and latest (first joint exercise, latest visit at minister level or above, ...). No Streamlit.

An event is a pair's when both countries are among its `countries`. A pair is written as in a link,
its two names in alphabetical order and separated by a comma: "Pakistan,Russia".
"""
from __future__ import annotations

import itertools
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .labels import event_status, subtype_label, type_label

PEOPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "people.toml"

# The offices data/people.toml's `level` may name, highest first.
LEVELS = ("head_of_state", "head_of_government", "minister", "service_chief", "official")
MINISTER_OR_ABOVE = frozenset(LEVELS[:3])

NONE_IN_VIEW = "none in view"


# ---------------------------------------------------------------- pairs


def pair_key(a: str, b: str) -> str:
    """"Pakistan,Russia" for either order."""
    return ",".join(sorted((a.strip(), b.strip())))


def pair_countries(key: str) -> tuple[str, str]:
    a, b = key.split(",", 1)
    return a, b


def pair_label(key: str) -> str:
    """"Pakistan – Russia", for titles and headings."""
    return " – ".join(pair_countries(key))


def pair_counts(events: pd.DataFrame) -> pd.Series:
    """Number of events naming each pair of countries, most first (ties alphabetical), indexed by pair key."""
    counts: Counter[str] = Counter()
    for countries in events["countries"]:
        names = sorted({c.strip() for c in countries if c and c.strip()})
        counts.update(",".join(p) for p in itertools.combinations(names, 2))
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.Series([n for _, n in ordered], index=pd.Index([k for k, _ in ordered], dtype="str"),
                     dtype="int64", name="events")


def most_frequent_pair(events: pd.DataFrame) -> str | None:
    counts = pair_counts(events)
    return counts.index[0] if len(counts) else None


def pair_events(events: pd.DataFrame, key: str) -> pd.DataFrame:
    """The events naming both countries of the pair, in table order."""
    a, b = pair_countries(key)
    both = events["countries"].map(lambda cs: a in cs and b in cs).astype(bool)
    return events[both]


@dataclass(frozen=True)
class LinkPair:
    key: str | None  # the pair the link asks for, or None (absent, or refused)
    notice: str = ""  # why the link's value was refused


def read_pair(values: Iterable[str], param: str, counts: pd.Series, countries: Iterable[str],
              fallback: str) -> LinkPair:
    """The pair a link's `param` names, in either order and with spaces around the names, or a notice
    saying why it was refused and what is shown instead (`fallback`: "showing Pakistan – Russia").

    Only pairs that share an event in the corpus (`counts`) are taken: others have nothing to show.
    """
    values = [v for v in values if v.strip()]
    if not values:
        return LinkPair(None)
    raw = values[-1]
    asked = f"The link asks for {param}=“{raw}”"
    names = [n.strip() for n in raw.split(",")]
    if len(names) != 2 or not all(names) or names[0] == names[1]:
        return LinkPair(None, f"{asked}, which is not a pair of countries (two names separated by a comma, "
                              f"e.g. {param}=Pakistan,Russia); {fallback} instead.")
    known = set(countries)
    unknown = [n for n in names if n not in known]
    if unknown:
        which = " and ".join(f"“{n}”" for n in unknown)
        verb = "are not countries" if len(unknown) > 1 else "is not a country"
        return LinkPair(None, f"{asked}: {which} {verb} in this corpus; {fallback} instead.")
    key = pair_key(*names)
    if key not in counts.index:
        return LinkPair(None, f"{asked}: no event in this corpus names both {names[0]} and {names[1]}; "
                              f"{fallback} instead.")
    return LinkPair(key)


# ---------------------------------------------------------------- counts per year


def _statuses(events: pd.DataFrame) -> pd.Series:
    """Each row's status; a table without the column is all reported."""
    codes = events["status"] if "status" in events.columns else [""] * len(events)
    return pd.Series([event_status(s) for s in codes], index=events.index, dtype="str")


def yearly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events per year and type, reported and planned apart; cancelled events are not counted.

    Columns: year (int64), event_type, status ("reported" or "planned"), n (int64); oldest year first.
    """
    status = _statuses(events)
    keep = events["year"].notna() & status.isin(["reported", "planned"])
    rows = pd.DataFrame({"year": events.loc[keep, "year"].astype("int64"),
                         "event_type": events.loc[keep, "event_type"].astype("str"),
                         "status": status[keep]})
    counts = rows.groupby(["year", "event_type", "status"]).size().rename("n").reset_index()
    return counts.astype({"year": "int64", "event_type": "str", "status": "str", "n": "int64"})


# ---------------------------------------------------------------- office levels


@lru_cache(maxsize=4)
def _levels(path: Path, stamp: tuple[int, int]) -> Mapping[str, str]:
    with path.open("rb") as f:
        people = tomllib.load(f).get("person", [])
    out = {}
    for person in people:
        level = person.get("level", "")
        if level in LEVELS:  # an unknown level is ignored (tests/test_relations.py checks the file)
            for name in [person["name"], *person.get("aliases", [])]:
                out[name] = level
    return MappingProxyType(out)  # cached: shared by every caller, so read-only


def people_levels(path: Path = PEOPLE_FILE) -> Mapping[str, str]:
    """Person's name (and each alias) → the `level` data/people.toml gives them; read again when the file changes."""
    if not path.is_file():
        return {}
    stat = path.stat()
    return _levels(path, (stat.st_mtime_ns, stat.st_size))


def minister_level(events: pd.DataFrame, levels: Mapping[str, str]) -> pd.Series:
    """Whether each event names a head of state, head of government or minister among its people."""
    return events["people"].map(lambda people: any(levels.get(p) in MINISTER_OR_ABOVE for p in people)).astype(bool)


# ---------------------------------------------------------------- firsts and latest


def _describe(row: pd.Series) -> str:
    """The event's name, or what it was and between whom when it has none (visits seldom do)."""
    text = row["name"]
    if not text:
        who = " → ".join(x for x in (row["actor1"], row["actor2"]) if x)
        people = ", ".join(row["people"])
        text = ((subtype_label(row["subtype"]) or type_label(row["event_type"])) + (f": {who}" if who else "")
                + (f" ({people})" if people else ""))
    return text + (" (inferred from the text)" if row["inferred"] else "")


@dataclass(frozen=True)
class Milestone:
    event_type: str
    what: str
    latest: bool  # the most recent such event, else the first
    picks: Callable[[pd.DataFrame, Mapping[str, str]], pd.Series] | None = None  # None: every event of the type


# What each row says beside its Type column ("Arms transfer · First delivery").
MILESTONES = (
    Milestone("exercise", "First joint exercise", latest=False),
    Milestone("arms_transfer", "First delivery", latest=False,
              picks=lambda rows, levels: rows["subtype"] == "delivery"),
    Milestone("arms_transfer", "Latest delivery", latest=True,
              picks=lambda rows, levels: rows["subtype"] == "delivery"),
    Milestone("visit", "Latest", latest=True),
    Milestone("visit", "Latest at minister level or above", latest=True,
              picks=lambda rows, levels: minister_level(rows, levels)),
    Milestone("agreement", "First", latest=False),
    Milestone("policy", "Latest", latest=True),
)
FIRSTS_COLUMNS = ("Type", "What", "Date", "Event", "Evidence", "Event id")


def firsts_and_latest(events: pd.DataFrame, levels: Mapping[str, str]) -> pd.DataFrame:
    """One row per milestone (MILESTONES): the first or latest dated, reported event of its kind, with its
    date at the text's precision (ISO: 2017, 2019-10, 2020-11-08), its name and its evidence. A milestone
    with no such event is kept, saying "none in view", so two pairs' tables line up.

    Planned and cancelled events are left out (a visit announced is not the latest visit); so are undated
    ones, which cannot be first or last. Among events on the same start the table's order decides.
    """
    status = _statuses(events)
    dated = events[events["when"].notna() & (status == "reported")].sort_values("when", kind="stable")
    rows = []
    for m in MILESTONES:
        of_type = dated[dated["event_type"] == m.event_type]
        chosen = of_type if m.picks is None else of_type[m.picks(of_type, levels).astype(bool)]
        if chosen.empty:
            rows.append((type_label(m.event_type), m.what, "", NONE_IN_VIEW, "", ""))
            continue
        row = chosen.iloc[-1] if m.latest else chosen.iloc[0]
        rows.append((type_label(m.event_type), m.what, str(row["date_start"]), _describe(row), str(row["evidence"]),
                     str(row["event_id"])))
    return pd.DataFrame(rows, columns=list(FIRSTS_COLUMNS)).astype("str")
