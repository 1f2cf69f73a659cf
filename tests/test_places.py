"""app.places: gazetteer lookup for the map, from data files only."""
from __future__ import annotations

import pytest

from app.places import Gazetteer, load_gazetteer, locate_events
from tests.factories import events_table

PLACES = """
[[place]]
name = "Astrakhan"
aliases = ["Astrakhan Oblast"]
country = "Russia"
lat = 46.35
lon = 48.04

[[place]]
name = "Rawalpindi"
aliases = ["Pindi"]
country = "Pakistan"
lat = 33.60
lon = 73.05
"""
COUNTRIES = """
[[country]]
name = "Pakistan"
aliases = ["Islamic Republic of Pakistan"]
lat = 30.0
lon = 69.4

[[country]]
name = "Russia"
aliases = ["Russian Federation"]
lat = 61.5
lon = 105.3
"""


@pytest.fixture
def gazetteer(tmp_path) -> Gazetteer:
    (tmp_path / "places.toml").write_text(PLACES, "utf-8")
    (tmp_path / "countries.toml").write_text(COUNTRIES, "utf-8")
    return load_gazetteer(tmp_path)


def test_places_and_aliases(gazetteer):
    assert gazetteer.locate("Astrakhan").lat == 46.35
    assert gazetteer.locate("astrakhan oblast").name == "Astrakhan"
    assert gazetteer.locate("Pindi").country == "Pakistan"


def test_a_country_falls_back_to_its_centroid(gazetteer):
    place = gazetteer.locate("Russian Federation")
    assert (place.name, place.kind, place.lat, place.lon) == ("Russia", "country", 61.5, 105.3)


def test_place_comma_country_tries_the_parts(gazetteer):
    assert gazetteer.locate("Astrakhan, Russia").name == "Astrakhan"
    assert gazetteer.locate("Kapustin Yar, Russia").name == "Russia"


def test_unknown_and_empty(gazetteer):
    assert gazetteer.locate("Atlantis") is None and gazetteer.locate("") is None


def test_country_of(gazetteer):
    assert gazetteer.country_of("Pindi") == "Pakistan" and gazetteer.country_of("Russia") == "Russia"
    assert gazetteer.country_of("Atlantis") == ""


def test_missing_files_give_an_empty_gazetteer(tmp_path):
    assert load_gazetteer(tmp_path).locate("Astrakhan") is None


def test_locate_events_groups_and_counts(gazetteer):
    events = events_table()
    events.loc[events["event_id"] == "ev_meeting", "location"] = "Atlantis"
    located = locate_events(events, gazetteer)
    points = located.points.set_index("place")
    # Druzhba-4 (Russia, a country) and Kavkaz-2020 (Astrakhan) and the visit (Rawalpindi), Druzhba-5 (Pakistan).
    assert set(points.index) == {"Russia", "Astrakhan", "Rawalpindi", "Pakistan"}
    assert points.loc["Russia", "kind"] == "country" and points.loc["Astrakhan", "kind"] == "place"
    assert int(points["events"].sum()) == 4
    assert located.unknown == ("Atlantis",) and located.unknown_events == 1
    assert located.unplaced == len(events) - 5
    assert located.caption() == (f"Not on the map: {len(events) - 5} event(s) give no place; "
                                 "1 event(s) name a place not in the gazetteer (Atlantis).")


def test_project_gazetteer_loads():
    # The real data files parse and give coordinates to what the seed mentions.
    gaz = load_gazetteer()
    assert gaz.locate("Pakistan") is not None and gaz.locate("Russia") is not None
