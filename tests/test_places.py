"""app.places: gazetteer lookup for the map, from data files only."""
from __future__ import annotations

import tomllib

import pytest

from app import corpus
from app.dates import add_time_columns
from app.places import COUNTRY, DATA_DIR, PLACE, Gazetteer, load_gazetteer, locate_events
from preprocessing.table import to_frame
from tests.factories import event, events_table

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
capital = "Islamabad"
capital_lat = 33.69
capital_lon = 73.06

[[country]]
name = "Russia"
aliases = ["Russian Federation"]
lat = 61.5
lon = 105.3
capital = "Moscow"
capital_lat = 55.76
capital_lon = 37.62

[[country]]
name = "China"
aliases = []
lat = 35.9
lon = 104.2
capital = "Beijing"
capital_lat = 39.90
capital_lon = 116.41

[[country]]
name = "Ruritania"
aliases = []
lat = 47.0
lon = 15.0
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


def test_a_country_is_marked_at_its_capital(gazetteer):
    place = gazetteer.locate("Russian Federation")
    assert (place.name, place.kind, place.capital, place.lat, place.lon) == ("Russia", COUNTRY, "Moscow", 55.76, 37.62)
    assert gazetteer.country("russia") == place and gazetteer.country("Astrakhan") is None


def test_a_country_without_a_capitals_coordinates_falls_back_to_its_centroid(gazetteer):
    place = gazetteer.country("Ruritania")
    assert (place.kind, place.capital, place.lat, place.lon) == (COUNTRY, "", 47.0, 15.0)


def test_place_comma_country_tries_the_parts(gazetteer):
    assert gazetteer.locate("Astrakhan, Russia").name == "Astrakhan"
    assert gazetteer.locate("Kapustin Yar, Russia").name == "Russia"


def test_unknown_and_empty(gazetteer):
    assert gazetteer.locate("Atlantis") is None and gazetteer.locate("") is None
    assert gazetteer.country("") is None and gazetteer.country("Atlantis") is None


def test_country_of(gazetteer):
    assert gazetteer.country_of("Pindi") == "Pakistan" and gazetteer.country_of("Russia") == "Russia"
    assert gazetteer.country_of("Atlantis") == ""


def test_missing_files_give_an_empty_gazetteer(tmp_path):
    assert load_gazetteer(tmp_path).locate("Astrakhan") is None


def where(located) -> dict[str, str]:
    """Event id → the map point it was placed at."""
    return {i: p.place for p in located.points.itertuples() for i in p.event_ids}


def test_events_are_placed_at_the_place_or_the_country_they_name(gazetteer):
    located = locate_events(events_table(), gazetteer)
    at = where(located)
    assert at["ev_visit"] == "Rawalpindi" and at["ev_kavkaz"] == "Astrakhan"  # named places
    assert at["ev_druzhba4"] == "Russia" and at["ev_druzhba5"] == "Pakistan"  # location "Russia", "Pakistan"
    points = located.points.set_index("place")
    assert points.loc["Astrakhan", "kind"] == PLACE and points.loc["Russia", "kind"] == COUNTRY
    assert (points.loc["Russia", "lat"], points.loc["Russia", "lon"]) == (55.76, 37.62)  # Moscow, not Siberia
    assert "Oct 2019: Druzhba-4 (Pakistan, Russia)" in points.loc["Russia", "labels"]
    assert int(points["events"].sum()) == len(events_table()) and located.unplaced == 0 and not located.caption()


def test_an_event_without_a_place_is_marked_at_its_hosts_capital_else_its_first_countrys(gazetteer):
    at = where(locate_events(events_table(), gazetteer))
    assert at["ev_embargo"] == "Russia"  # a policy: the imposer's (Russia lifted it), not Pakistan's
    assert at["ev_mi35"] == at["ev_j10c"] == "Pakistan"  # arms: the recipient's, not Russia's or China's
    assert at["ev_druzhba1"] == at["ev_agreement"] == "Pakistan"  # no host: the first country's
    assert at["ev_meeting"] == "Russia"  # the first country (India) is not in the gazetteer: the next one's
    events = events_table()
    events.loc[events["event_id"] == "ev_druzhba4", "location"] = ""  # host (actor1) Russia
    events.loc[events["event_id"] == "ev_visit", ["location", "actor1", "actor2"]] = ["", "Pakistan", "Russia"]
    at = where(locate_events(events, gazetteer))
    assert at["ev_druzhba4"] == "Russia" and at["ev_visit"] == "Russia"  # a visit's host is actor2


def table(*rows):
    return add_time_columns(to_frame(list(rows)))


def test_unplaced_events_are_counted_with_the_reason(gazetteer):
    events = table(
        event("a", "agreement"),  # nothing to go by
        event("b", "visit", location="  "),
        event("c", "exercise", location="Atlantis", countries=["Wakanda"], name="Atlantis Shield"),
        event("d", "exercise", location="Atlantis", countries=["Pakistan", "Russia"], name="Atlantis Shield-2"),
        event("e", "visit", location="Kapustin Yar", countries=["Pakistan", "Russia"], actor2="Russia"),
    )
    located = locate_events(events, gazetteer)
    assert (located.no_place, located.unknown_events, located.unplaced) == (2, 1, 3)
    assert located.unknown == ("Atlantis", "Wakanda")
    assert where(located) == {"d": "Pakistan", "e": "Russia"}
    assert located.at_capital == ("Atlantis", "Kapustin Yar") and located.at_capital_events == 2
    (label,) = located.points.set_index("place").loc["Pakistan", "labels"]
    assert label == "undated: Atlantis Shield-2 (Pakistan, Russia) (“Atlantis” is not in the gazetteer)"
    assert located.caption() == (
        "Not on the map: 2 events have no place or country; 1 names only places or countries the gazetteer "
        "does not know: Atlantis, Wakanda. 2 events are marked at a capital because the gazetteer does not "
        "know the place named: Atlantis, Kapustin Yar.")
    one = locate_events(events.iloc[[0]], gazetteer)
    assert one.caption() == "Not on the map: 1 event has no place or country." and one.points.empty


def test_planned_and_cancelled_events_say_so_in_their_label(gazetteer):
    events = table(event("p", "exercise", name="Druzhba-9", location="Astrakhan", date_start="2030",
                         status="planned"))
    (label,) = locate_events(events, gazetteer).points["labels"].iloc[0]
    assert label == "2030: Druzhba-9, planned"


def test_project_gazetteer_loads():
    # The real data files parse and give coordinates to what the seed mentions.
    gaz = load_gazetteer()
    assert gaz.locate("Pakistan") is not None and gaz.locate("Russia") is not None


def test_every_country_has_a_capital_on_the_globe():
    with (DATA_DIR / "countries.toml").open("rb") as f:
        countries = tomllib.load(f)["country"]
    gaz = load_gazetteer()
    for c in countries:
        assert c.get("capital") and -90 <= c["capital_lat"] <= 90 and -180 <= c["capital_lon"] <= 180, c["name"]
        assert gaz.country(c["name"]).capital == c["capital"]
    assert (gaz.country("Russia").lat, gaz.country("Russia").lon) == (55.76, 37.62)


def test_the_bundled_corpus_places_every_event_with_a_place_or_a_country():
    digest, files = corpus._files_key(tuple(map(str, corpus.corpus_sources({}))))
    events = corpus._extract(digest, (), files, ()).timed
    located = locate_events(events, load_gazetteer())
    assert int(located.points["events"].sum()) + located.unplaced == len(events)
    assert located.unknown_events == 0 and located.no_place == int(
        sum(not loc and not len(c) for loc, c in zip(events["location"], events["countries"])))
