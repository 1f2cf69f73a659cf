"""Where events happened: a gazetteer lookup, never network geocoding.

`data/places.toml` gives cities, bases and ranges with coordinates;
`data/countries.toml` gives each country's centroid, used when the location
is a country. A location found in neither is left off the map and counted.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    kind: str  # "place" or "country" (a country's centroid)


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # folded name or alias → place

    def locate(self, location: str) -> Place | None:
        """The place a location names; "Astrakhan, Russia" tries each part, most specific first."""
        text = (location or "").strip()
        if not text:
            return None
        for part in [text, *(p.strip() for p in text.split(","))]:
            found = self.places.get(_fold(part))
            if found:
                return found
        return None

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


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    gaz = Gazetteer()
    # Countries first, so that a place entry sharing a name wins with its finer coordinates.
    for c in _read(data_dir / "countries.toml").get("country", []):
        if "lat" in c and "lon" in c:
            place = Place(c["name"], c["name"], float(c["lat"]), float(c["lon"]), "country")
            for name in [c["name"], *c.get("aliases", [])]:
                gaz.places[_fold(name)] = place
    for p in _read(data_dir / "places.toml").get("place", []):
        if "lat" in p and "lon" in p:
            place = Place(p["name"], p.get("country", ""), float(p["lat"]), float(p["lon"]), "place")
            for name in [p["name"], *p.get("aliases", [])]:
                gaz.places[_fold(name)] = place
    return gaz


@dataclass(frozen=True)
class Located:
    points: pd.DataFrame  # one row per place: place, country, kind, lat, lon, events, event_ids, names
    unplaced: int  # events whose location is empty
    unknown: tuple[str, ...]  # locations not in the gazetteer
    unknown_events: int

    def caption(self) -> str:
        """What is missing from the map and why ('' when everything is on it)."""
        missing = []
        if self.unplaced:
            missing.append(f"{self.unplaced} event(s) give no place")
        if self.unknown:
            missing.append(f"{self.unknown_events} event(s) name a place not in the gazetteer "
                           f"({', '.join(self.unknown)})")
        return "Not on the map: " + "; ".join(missing) + "." if missing else ""


POINT_COLUMNS = ["place", "country", "kind", "lat", "lon", "events", "types", "labels"]


def locate_events(events: pd.DataFrame, gazetteer: Gazetteer) -> Located:
    """Group events by the place they happened at, for the map."""
    rows, unknown, unknown_events, unplaced = {}, {}, 0, 0
    for ev in events.itertuples(index=False):
        if not ev.location.strip():
            unplaced += 1
            continue
        place = gazetteer.locate(ev.location)
        if place is None:
            unknown[ev.location] = True
            unknown_events += 1
            continue
        row = rows.setdefault(place.name, {"place": place.name, "country": place.country, "kind": place.kind,
                                           "lat": place.lat, "lon": place.lon, "events": 0, "types": [],
                                           "labels": []})
        row["events"] += 1
        row["types"].append(ev.event_type)
        row["labels"].append(f"{ev.when_label}: {ev.name or ev.event_type.replace('_', ' ')}")
    points = pd.DataFrame(list(rows.values()), columns=POINT_COLUMNS)
    points = points.astype({"place": "str", "country": "str", "kind": "str", "lat": "float64",
                            "lon": "float64", "events": "int64"})
    return Located(points, unplaced, tuple(unknown), unknown_events)
