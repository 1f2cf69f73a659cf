"""Where events happened: a gazetteer lookup, never network geocoding.

`data/places.toml` gives cities, bases, ranges and seas with coordinates;
`data/countries.toml` gives each country's capital with its coordinates. An event
is placed at the place it names; one known only by its country (its location is
a country, or names no place the gazetteer knows) is marked at the capital of
its host, else of its first country, as "country only". An event with neither
stays off the map and is counted, with the reason.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .labels import event_status, subtype_label, type_label
from .rows import records

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLACE, COUNTRY = "place", "country"  # the two kinds of map point

# Whose capital stands for an event known only by its countries, by the contract's pairs (actor1 /
# actor2 = host / guest, visitor / host, supplier / recipient, imposer / target): where an exercise or
# visit happened, where arms go, who decided a policy. Other events take their first country's.
HOST_ROLE = {"exercise": "actor1", "visit": "actor2", "arms_transfer": "actor2", "policy": "actor1"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    kind: str  # PLACE, or COUNTRY: marked at its capital (`capital`), or its centroid when none is known
    capital: str = ""


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # folded name or alias → place or country
    countries: dict[str, Place] = field(default_factory=dict)  # folded country name or alias → country

    def locate(self, location: str) -> Place | None:
        """The place a location names; "Astrakhan, Russia" tries each part, most specific first."""
        text = (location or "").strip()
        if not text:
            return None
        for part in [text, *(p.strip() for p in text.split(","))]:
            found = self.places.get(_fold(part)) or self.countries.get(_fold(part))
            if found:
                return found
        return None

    def country(self, name: str) -> Place | None:
        """A country's map point (its capital), by its name or an alias."""
        found = self.countries.get(_fold(name or "")) or self.places.get(_fold(name or ""))
        return found if found and found.kind == COUNTRY else None

    def country_of(self, location: str) -> str:
        """The country a location lies in ('' for a sea, a region across borders, or an unknown name)."""
        place = self.locate(location)
        return place.country if place else ""


def _fold(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def _country_point(c: dict) -> Place | None:
    if "capital_lat" in c and "capital_lon" in c:
        return Place(c["name"], c["name"], float(c["capital_lat"]), float(c["capital_lon"]), COUNTRY,
                     c.get("capital", ""))
    if "lat" in c and "lon" in c:
        return Place(c["name"], c["name"], float(c["lat"]), float(c["lon"]), COUNTRY)
    return None


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    gaz = Gazetteer()
    # Countries first, so that a place entry sharing a name wins with its finer coordinates.
    for c in _read(data_dir / "countries.toml").get("country", []):
        if place := _country_point(c):
            for name in [c["name"], *c.get("aliases", [])]:
                gaz.places[_fold(name)] = gaz.countries[_fold(name)] = place
    for p in _read(data_dir / "places.toml").get("place", []):
        if "lat" in p and "lon" in p:
            place = Place(p["name"], p.get("country", ""), float(p["lat"]), float(p["lon"]), PLACE)
            for name in [p["name"], *p.get("aliases", [])]:
                gaz.places[_fold(name)] = place
    return gaz


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Located:
    points: pd.DataFrame  # one row per map point: POINT_COLUMNS
    no_place: int = 0  # events naming neither a place nor a country
    unknown: tuple[str, ...] = ()  # names the gazetteer does not know, of events left off the map
    unknown_events: int = 0
    at_capital: tuple[str, ...] = ()  # unknown place names of events marked at a capital instead
    at_capital_events: int = 0

    @property
    def unplaced(self) -> int:
        return self.no_place + self.unknown_events

    def caption(self) -> str:
        """What is missing from the map and why ('' when every event is on it at a place it names)."""
        notes, missing = [], []
        if self.no_place:
            missing.append(_plural(self.no_place, "event has", "events have") + " no place or country")
        if self.unknown_events:
            missing.append(_plural(self.unknown_events, "names", "name") + " only places or countries the "
                           f"gazetteer does not know: {', '.join(self.unknown)}")
        if missing:
            notes.append("Not on the map: " + "; ".join(missing) + ".")
        if self.at_capital_events:
            notes.append(_plural(self.at_capital_events, "event is", "events are") + " marked at a capital "
                         f"because the gazetteer does not know the place named: {', '.join(self.at_capital)}.")
        return " ".join(notes)


POINT_COLUMNS = ["place", "country", "kind", "capital", "lat", "lon", "events", "types", "labels", "event_ids"]


def event_label(ev) -> str:
    """'Oct 2019: Druzhba-4 (Pakistan, Russia)', with a status other than reported: one hover line."""
    title = ev.name or subtype_label(ev.subtype) or type_label(ev.event_type)
    countries = f" ({', '.join(ev.countries)})" if len(ev.countries) else ""
    status = event_status(getattr(ev, "status", ""))
    return f"{ev.when_label}: {title}{countries}" + (f", {status}" if status != "reported" else "")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""  # a missing value is NaN, not ""


def _hosts(ev) -> list[str]:
    """Countries whose capital may stand for the event, the host first."""
    role = HOST_ROLE.get(ev.event_type)
    host = _text(getattr(ev, role, "")) if role else ""
    return list(dict.fromkeys(c for c in [host, *ev.countries] if c))


def locate_events(events: pd.DataFrame, gazetteer: Gazetteer) -> Located:
    """Group events by the map point they are placed at: a named place, else a country's capital."""
    rows: dict[tuple[str, str], dict] = {}
    no_place, unknown, unknown_events, at_capital, at_capital_events = 0, {}, 0, {}, 0
    for ev in records(events):
        location, note = _text(ev.location), ""
        point = gazetteer.locate(location) if location else None
        if point is None:
            hosts = _hosts(ev)
            point = next((p for p in map(gazetteer.country, hosts) if p), None)
            if point is None:
                if not location and not hosts:
                    no_place += 1
                else:
                    unknown.update(dict.fromkeys(n for n in [location, *hosts] if n))
                    unknown_events += 1
                continue
            if location:
                at_capital[location] = True
                at_capital_events += 1
                note = f" (“{location}” is not in the gazetteer)"
        row = rows.setdefault((point.kind, point.name), {
            "place": point.name, "country": point.country, "kind": point.kind, "capital": point.capital,
            "lat": point.lat, "lon": point.lon, "events": 0, "types": [], "labels": [], "event_ids": []})
        row["events"] += 1
        row["types"].append(ev.event_type)
        row["labels"].append(event_label(ev) + note)
        row["event_ids"].append(ev.event_id)
    points = pd.DataFrame(list(rows.values()), columns=POINT_COLUMNS)
    points = points.astype({"place": "str", "country": "str", "kind": "str", "capital": "str",
                            "lat": "float64", "lon": "float64", "events": "int64"})
    return Located(points, no_place, tuple(unknown), unknown_events, tuple(at_capital), at_capital_events)
