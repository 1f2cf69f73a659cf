"""app.event_map: the Overview map's markers, legend, hover and non-overlapping names."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from app import event_map as em
from app.figures import TEMPLATE
from app.places import COUNTRY, PLACE, Gazetteer, Place, locate_events
from tests.factories import events_table

GAZ = Gazetteer(
    places={"astrakhan": Place("Astrakhan", "Russia", 46.35, 48.04, PLACE),
            "moscow": Place("Moscow", "Russia", 55.76, 37.62, PLACE)},
    countries={"russia": Place("Russia", "Russia", 55.76, 37.62, COUNTRY, "Moscow"),
               "pakistan": Place("Pakistan", "Pakistan", 33.69, 73.06, COUNTRY, "Islamabad")})


def points(rows: list[tuple]) -> pd.DataFrame:
    """A points frame from (place, kind, lat, lon, events) rows, each event labelled after its place."""
    return pd.DataFrame({
        "place": [r[0] for r in rows], "country": [""] * len(rows), "kind": [r[1] for r in rows],
        "capital": ["Capital" if r[1] == COUNTRY else "" for r in rows],
        "lat": [float(r[2]) for r in rows], "lon": [float(r[3]) for r in rows], "events": [r[4] for r in rows],
        "types": [["exercise"] * r[4] for r in rows],
        "labels": [[f"2020: event {k} at {r[0]}" for k in range(r[4])] for r in rows],
        "event_ids": [[f"{r[0]}-{k}" for k in range(r[4])] for r in rows]})


@pytest.fixture(scope="module")
def located():
    events = events_table()
    events.loc[events["event_id"] == "ev_visit", "location"] = "Moscow"  # a named place at Russia's capital
    return locate_events(events, GAZ)


def test_two_kinds_of_marker_with_legend_entries(located):
    fig = em.event_map(located.points)
    assert [t.name for t in fig.data] == ["Named place", "Country only (capital)"]
    named, country = fig.data
    assert named.marker.symbol == "circle" and country.marker.symbol == "diamond-open"
    assert set(named.text) <= {"Astrakhan", "Moscow", ""} and "Pakistan" in country.text
    assert country.textfont.style == "italic"
    # every event is on the map once, in the marker of its point
    ids = [i for t in fig.data for c in t.customdata for i in c.split()]
    assert sorted(ids) == sorted(events_table()["event_id"])
    # area grows with the number of events
    by_place = dict(zip(country.text, country.marker.size))
    assert by_place["Pakistan"] > by_place["Russia"] > em.marker_size(1)


def test_title_subtitle_and_house_template(located):
    fig = em.event_map(located.points)
    assert fig.layout.title.text == "Where the events took place"
    assert "Marker size: number of events" in fig.layout.title.subtitle.text
    assert fig.layout.legend.title.text and fig.layout.template.layout.font.family == TEMPLATE.layout.font.family
    assert fig.layout.geo.projection.type == "natural earth" and fig.layout.geo.fitbounds is False


def test_hover_lists_the_events_and_says_how_a_country_is_placed(located):
    fig = em.event_map(located.points)
    named, country = fig.data
    hover = dict(zip([t or "?" for t in country.text], country.hovertext))
    assert "known only by the country, marked at its capital, Islamabad" in hover["Pakistan"]
    assert "2016: Druzhba-1 (Pakistan, Russia)" in hover["Pakistan"]
    assert "3 Jul 2019: Official visit (Pakistan, Russia)" in named.hovertext[list(named.text).index("Moscow")]
    # Moscow and Russia share a spot, and the tooltip shows one of them: each names the other.
    assert "Also here: Russia" in named.hovertext[list(named.text).index("Moscow")]
    assert "Also here: Moscow" in hover["Russia"]
    assert "Oct 2019: Druzhba-4 (Pakistan, Russia)<br>" in hover["Russia"]  # its location is the country


def test_hover_and_names_are_escaped():
    pts = points([("<b>Fort</b>", PLACE, 30, 70, 1)])
    pts.at[0, "labels"] = ["2020: <script>alert(1)</script>"]
    fig = em.event_map(pts)
    (trace,) = fig.data
    assert "<script>" not in trace.hovertext[0] and "&lt;script&gt;alert(1)&lt;/script&gt;" in trace.hovertext[0]
    assert "&lt;b&gt;Fort&lt;/b&gt;" in trace.hovertext[0] and trace.text[0] == "&lt;b&gt;Fort&lt;/b&gt;"


def test_a_long_list_is_cut_in_the_hover():
    fig = em.event_map(points([("Busy", PLACE, 30, 70, em.HOVER_EVENTS + 3)]))
    assert "… and 3 more (see the table)" in fig.data[0].hovertext[0]


def test_only_the_kinds_on_the_map_have_a_legend_entry_and_an_empty_map_is_no_error():
    assert [t.name for t in em.event_map(points([("Here", PLACE, 30, 70, 1)])).data] == ["Named place"]
    assert [t.name for t in em.event_map(points([("Land", COUNTRY, 30, 70, 1)])).data] == ["Country only (capital)"]
    empty = em.event_map(points([]))
    assert len(empty.data) == 1 and len(empty.data[0].lat) == 0


CROWD = [  # the Moscow region, a capital on a named place, a long name, and far points
    ("Moscow", PLACE, 55.76, 37.62, 3), ("Russia", COUNTRY, 55.76, 37.62, 7), ("Zhukovsky", PLACE, 55.56, 38.12, 2),
    ("Kubinka", PLACE, 55.58, 36.70, 1), ("Alabino", PLACE, 55.51, 36.86, 1), ("Mulino", PLACE, 56.24, 43.38, 1),
    ("Karachi", PLACE, 24.86, 67.01, 2), ("Pakistan", COUNTRY, 33.69, 73.06, 12), ("Rawalpindi", PLACE, 33.6, 73.05, 1),
    ("North Arabian Sea", PLACE, 22.0, 64.0, 1), ("Vladivostok", PLACE, 43.1, 131.9, 1),
    ("United States", COUNTRY, 38.91, -77.04, 2), ("Naro-Fominsk", PLACE, 55.39, 36.73, 1),
    ("Podolsk", PLACE, 55.43, 37.54, 1), ("Balashikha", PLACE, 55.8, 37.94, 1), ("Khimki", PLACE, 55.89, 37.43, 1),
    ("Mytishchi", PLACE, 55.91, 37.73, 1), ("Kolomna", PLACE, 55.08, 38.78, 1)]


def test_names_never_overlap_each_other_or_other_markers_and_stay_inside_the_map():
    pts = points(CROWD)
    view = em.map_view(pts)
    labels = em.label_layout(pts, view)
    for a, b in itertools.combinations(labels, 2):
        assert not em._overlaps(a.box, b.box), (a.text, b.text)
    xs, ys = view.px(pts["lon"], pts["lat"])
    sizes = em.marker_size(pts["events"])
    for label in labels:
        assert em._inside(label.box, view.box), label.text
        for j, (x, y, d, kind) in enumerate(zip(xs, ys, sizes, pts["kind"])):
            if j != label.index:
                assert not em._covers(label.box, x, y, d, kind), (label.text, pts["place"][j])
    named = {label.text for label in labels}
    # the busiest are named first; a crowd of places round Moscow cannot all be named
    assert {"Pakistan", "Russia", "Moscow", "United States", "Vladivostok"} <= named
    assert len(named) < len(CROWD)


SEED = [  # the bundled corpus's points: Washington to Beijing, crowded around Moscow and Karachi
    ("Pakistan", COUNTRY, 33.69, 73.06, 12), ("Russia", COUNTRY, 55.76, 37.62, 3), ("Turkey", COUNTRY, 39.93, 32.86, 3),
    ("United States", COUNTRY, 38.91, -77.04, 2), ("India", COUNTRY, 28.61, 77.21, 8),
    ("China", COUNTRY, 39.9, 116.41, 5), ("Zhukovsky", PLACE, 55.56, 38.12, 1), ("Babina", PLACE, 25.24, 78.47, 1),
    ("Gulf of Oman", PLACE, 24.5, 58.5, 1), ("Arabian Sea", PLACE, 15.0, 65.0, 1), ("Moscow", PLACE, 55.76, 37.62, 3),
    ("Astrakhan", PLACE, 46.35, 48.04, 1), ("Iran", COUNTRY, 35.69, 51.39, 1), ("Karachi", PLACE, 24.86, 67.01, 1),
    ("Prudboy", PLACE, 48.6, 43.6, 1), ("New Delhi", PLACE, 28.61, 77.21, 2)]


def test_a_placed_name_moves_aside_to_make_room_for_another():
    # Placed greedily, Karachi's name finds no room; one neighbour's name moving over makes some.
    labels = em.label_layout(points(SEED))
    assert {label.text for label in labels} == {row[0] for row in SEED}
    for a, b in itertools.combinations(labels, 2):
        assert not em._overlaps(a.box, b.box), (a.text, b.text)


def test_the_figure_writes_the_names_the_layout_placed_and_keeps_the_rest_in_the_hover():
    pts = points(CROWD)
    placed = {label.text: label.position for label in em.label_layout(pts)}
    fig = em.event_map(pts)
    written = {}
    for trace in fig.data:
        for text, position, hover in zip(trace.text, trace.textposition, trace.hovertext):
            if text:
                written[text] = position
            else:
                assert "<b>" in hover and "2020: event 0 at" in hover  # unnamed on the map, named on hover
    assert written == placed


def test_a_name_may_sit_by_a_diamonds_side_but_not_on_its_corner():
    box = em._label_box(0.0, 0.0, 20.0, "Abcd", "middle right")  # starts 13.5 px right of the centre
    assert not em._covers(box, 0.0, 0.0, 20.0, PLACE) and em._covers(box, 0.0, 0.0, 22.0, COUNTRY)
    diagonal = em._label_box(0.0, 0.0, 20.0, "Abcd", "top right")
    assert not em._covers(diagonal, 0.0, 0.0, 22.0, COUNTRY)


def test_a_label_box_sits_where_plotly_writes_the_text():
    # plotly offsets a marker's text by radius / 0.8 + 1 px; "top center" is centred above the marker
    x0, y0, x1, y1 = em._label_box(0.0, 0.0, 16.0, "Abcd", "top center")
    assert y0 == pytest.approx(10 + 1 - em.GAP) and x0 == pytest.approx(-x1)
    x0, _, _, _ = em._label_box(0.0, 0.0, 16.0, "Abcd", "middle right")
    assert x0 == pytest.approx(11 - em.GAP)


def test_the_view_holds_every_marker_and_zooms_in_on_a_region():
    pts = points(CROWD[:6])  # around Moscow only
    view = em.map_view(pts)
    xs, ys = view.px(pts["lon"], pts["lat"])
    assert all(em._inside((x - 1, y - 1, x + 1, y + 1), view.box) for x, y in zip(xs, ys))
    assert view.zoom > 5 and 36 < view.lon < 44 and 54 < view.lat < 58
    world = em.map_view(points(CROWD))
    assert 1 <= world.zoom < view.zoom
    single = em.map_view(points([("Alone", PLACE, 10, 20, 1)]))
    assert (single.lon, single.lat) == (20, 10) and np.isfinite(single.zoom)


def test_natural_earth_matches_d3():
    x, y = em._natural_earth(180.0, 0.0)
    assert float(x) == pytest.approx(math.pi * 0.8707) and float(y) == 0
    _, top = em._natural_earth(0.0, 90.0)
    assert float(top) == pytest.approx(1.4224, abs=1e-3)
