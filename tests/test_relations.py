"""The Relations page: pairs of countries, their events per year, firsts and latest, office levels,
the figure (pure, without Streamlit), and the page under AppTest (default pair, links, notices, empty states)."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

import dashboard
from app import corpus, relations, relations_figures
from app.dates import add_time_columns
from app.labels import TYPE_COLOURS, type_label
from preprocessing.table import to_frame
from tests import factories

ROOT = Path(__file__).resolve().parents[1]
LEVELS = {"Vladimir Putin": "head_of_state", "Narendra Modi": "head_of_government", "Sergei Shoigu": "minister",
          "Qamar Javed Bajwa": "service_chief"}


def india_russia() -> list[dict]:
    """India and Russia: an exercise, a delivery, a summit, a later visit by an officer no list ranks, and a
    planned visit by a head of state (planned: never the latest visit)."""
    ir, src = ["India", "Russia"], [factories.ARTICLE_B]
    return [
        factories.event("ev_indra", "exercise", subtype="bilateral", name="Indra-2019", date_start="2019-12",
                        countries=ir, sources=src, evidence="INDRA-2019 was held in India in December 2019."),
        factories.event("ev_s400", "arms_transfer", subtype="delivery", name="S-400", date_start="2021-11",
                        countries=ir, actor1="Russia", actor2="India", equipment=["S-400"], sources=src,
                        evidence="Russia began delivering the S-400 to India last month."),
        factories.event("ev_summit", "visit", subtype="official_visit", date_start="2021-12-06", countries=ir,
                        actor1="Russia", actor2="India", people=["Vladimir Putin", "Narendra Modi"], sources=src,
                        location="New Delhi", evidence="Putin arrived in New Delhi for the annual summit."),
        factories.event("ev_navy", "visit", subtype="official_visit", date_start="2022-02", countries=ir,
                        actor1="India", actor2="Russia", people=["Karambir Singh"], sources=src,
                        evidence="Admiral Karambir Singh visited Moscow in February 2022."),
        factories.event("ev_next_summit", "visit", subtype="official_visit", date_start="2023", countries=ir,
                        actor1="India", actor2="Russia", people=["Narendra Modi"], status="planned", sources=src,
                        evidence="Modi will visit Moscow next year."),
    ]


def events_table() -> pd.DataFrame:
    """The shared small table (Pakistan–Russia 8 events, China–Pakistan 1, India–Russia 1 undated) plus
    india_russia(): India–Russia is then the second pair, with 6 events."""
    return add_time_columns(to_frame(factories.records() + india_russia()))


@pytest.fixture(scope="module")
def events():
    return events_table()


# ---------------------------------------------------------------- pairs


def test_the_most_frequent_pair_is_the_default_and_pairs_are_counted_by_event(events):
    counts = relations.pair_counts(events)
    assert dict(counts) == {"Pakistan,Russia": 8, "India,Russia": 6, "China,Pakistan": 1}
    assert relations.most_frequent_pair(events) == "Pakistan,Russia"
    # A three-country event counts once for each of its pairs; a tie is broken alphabetically.
    three = add_time_columns(to_frame([factories.event("ev_x", "exercise", countries=["Russia", "China", "Iran"])]))
    assert list(relations.pair_counts(three).index) == ["China,Iran", "China,Russia", "Iran,Russia"]
    assert relations.most_frequent_pair(three.iloc[0:0]) is None


def test_a_pairs_events_name_both_countries(events):
    ids = list(relations.pair_events(events, "India,Russia")["event_id"])
    assert ids == ["ev_meeting", "ev_indra", "ev_s400", "ev_summit", "ev_navy", "ev_next_summit"]
    assert "ev_j10c" not in set(relations.pair_events(events, "Pakistan,Russia")["event_id"])


@pytest.mark.parametrize(("raw", "key"), [("India,Russia", "India,Russia"), ("Russia,India", "India,Russia"),
                                          (" Russia , India ", "India,Russia")])
def test_a_link_may_name_a_pair_in_either_order(events, raw, key):
    counts = relations.pair_counts(events)
    assert relations.read_pair([raw], "pair", counts, ["China", "India", "Pakistan", "Russia"], "x") == \
        relations.LinkPair(key)


@pytest.mark.parametrize(("raw", "says"), [
    ("Pakistan", "which is not a pair of countries"),
    ("Pakistan,Russia,China", "which is not a pair of countries"),
    ("Russia,Russia", "which is not a pair of countries"),
    ("Atlantis,Russia", "“Atlantis” is not a country in this corpus"),
    ("China,India", "no event in this corpus names both China and India"),
])
def test_a_link_to_a_pair_the_corpus_cannot_show_is_refused_with_the_reason(events, raw, says):
    counts = relations.pair_counts(events)
    link = relations.read_pair([raw], "compare", counts, ["China", "India", "Pakistan", "Russia"],
                               "showing no second pair")
    assert link.key is None
    assert f"compare=“{raw}”" in link.notice and says in link.notice
    assert link.notice.endswith("showing no second pair instead.")


# ---------------------------------------------------------------- counts per year


def test_events_per_year_by_type_leave_out_undated_and_cancelled_events():
    pk_ru = relations.pair_events(factories.events_with_status(), "Pakistan,Russia")
    counts = relations.yearly_counts(pk_ru)
    rows = set(counts.itertuples(index=False, name=None))
    assert rows == {(2014, "policy", "reported", 1), (2016, "exercise", "reported", 1),
                    (2017, "arms_transfer", "reported", 1), (2018, "agreement", "reported", 1),
                    (2019, "exercise", "reported", 1), (2019, "visit", "planned", 1),
                    (2020, "exercise", "planned", 1)}  # Kavkaz-2020 was cancelled: not counted
    assert list(counts["year"]) == sorted(counts["year"]) and counts["year"].dtype == "int64"


# ---------------------------------------------------------------- office levels


def test_every_person_listed_has_a_known_level_and_the_file_says_what_they_mean():
    text = (ROOT / "data" / "people.toml").read_text(encoding="utf-8")
    people = tomllib.loads(text)["person"]
    assert people and all(p.get("level") in relations.LEVELS for p in people), \
        [p["name"] for p in people if p.get("level") not in relations.LEVELS]
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    assert all(level in header for level in relations.LEVELS)
    assert "level" in (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def test_levels_are_read_for_names_and_aliases(tmp_path):
    levels = relations.people_levels()
    assert levels["Vladimir Putin"] == levels["Putin"] == "head_of_state"
    assert levels["Sergei Shoigu"] == "minister" and levels["Qamar Javed Bajwa"] == "service_chief"
    listed = tmp_path / "people.toml"
    listed.write_text('[[person]]\nname = "A B"\naliases = ["B"]\ncountry = "X"\nlevel = "minister"\n\n'
                      '[[person]]\nname = "C D"\naliases = []\ncountry = "X"\nlevel = "grand vizier"\n\n'
                      '[[person]]\nname = "E F"\naliases = []\ncountry = "X"\n', encoding="utf-8")
    assert dict(relations.people_levels(listed)) == {"A B": "minister", "B": "minister"}
    assert relations.people_levels(tmp_path / "missing.toml") == {}


def test_a_visit_is_at_minister_level_when_one_of_its_people_is_a_minister_or_above(events):
    visits = events[events["event_type"] == "visit"].set_index("event_id")
    ranked = relations.minister_level(visits, LEVELS)
    assert ranked["ev_summit"] and ranked["ev_next_summit"]
    assert not ranked["ev_visit"]  # a general no list ranks and a chief of army staff
    assert not ranked["ev_navy"] and not ranked["ev_meeting"]  # an unlisted admiral; nobody named


# ---------------------------------------------------------------- firsts and latest


def firsts(events: pd.DataFrame, pair: str) -> dict[str, tuple[str, str, str]]:
    table = relations.firsts_and_latest(relations.pair_events(events, pair), LEVELS)
    assert list(table.columns) == list(relations.FIRSTS_COLUMNS)
    return {f"{t} · {w}": (d, e, i) for t, w, d, e, i in
            zip(table["Type"], table["What"], table["Date"], table["Event"], table["Event id"])}


def test_firsts_and_latest_of_a_pair(events):
    rows = firsts(events, "India,Russia")
    assert rows == {
        "Exercise · First joint exercise": ("2019-12", "Indra-2019", "ev_indra"),
        "Arms transfer · First delivery": ("2021-11", "S-400", "ev_s400"),
        "Arms transfer · Latest delivery": ("2021-11", "S-400", "ev_s400"),
        # the planned 2023 summit is not the latest visit; the admiral's is, but he is no minister
        "Visit or meeting · Latest": ("2022-02", "Official visit: India → Russia (Karambir Singh)", "ev_navy"),
        "Visit or meeting · Latest at minister level or above": (
            "2021-12-06", "Official visit: Russia → India (Vladimir Putin, Narendra Modi)", "ev_summit"),
        "Agreement · First": ("", relations.NONE_IN_VIEW, ""),
        "Policy change · Latest": ("", relations.NONE_IN_VIEW, ""),
    }


def test_firsts_are_the_earliest_and_an_inferred_first_says_so(events):
    rows = firsts(events, "Pakistan,Russia")
    assert rows["Exercise · First joint exercise"] == ("2016", "Druzhba-1 (inferred from the text)", "ev_druzhba1")
    assert rows["Arms transfer · First delivery"][2] == rows["Arms transfer · Latest delivery"][2] == "ev_mi35"
    assert rows["Visit or meeting · Latest"][:2] == (
        "2019-07-03", "Official visit: Russia → Pakistan (Oleg Salyukov, Qamar Javed Bajwa)")
    assert rows["Visit or meeting · Latest at minister level or above"][1] == relations.NONE_IN_VIEW
    assert rows["Agreement · First"][:2] == ("2018-08", "military cooperation agreement")
    assert rows["Policy change · Latest"][:2] == ("2014", "arms embargo")


# ---------------------------------------------------------------- the figure


def bars(fig) -> dict[tuple[str, str], dict[int, int]]:
    """(subplot x axis, trace name) → {year: count}."""
    return {(t.xaxis, t.name): dict(zip(map(int, t.x), map(int, t.y))) for t in fig.data}


def test_two_pairs_side_by_side_share_one_scale_and_one_legend(events):
    fig = relations_figures.events_per_year([("Pakistan – Russia", relations.pair_events(events, "Pakistan,Russia")),
                                             ("India – Russia", relations.pair_events(events, "India,Russia"))])
    assert "Events per year" in fig.layout.title.text and "Pakistan – Russia" in fig.layout.title.text
    assert fig.layout.yaxis.title.text == "Events per year" and fig.layout.xaxis.title.text == "Year"
    assert fig.layout.xaxis2.title.text == "Year" and fig.layout.legend.title.text == "Event type"
    assert fig.layout.yaxis2.matches == "y", "the panels must share the y axis"
    assert tuple(fig.layout.xaxis.range) == tuple(fig.layout.xaxis2.range) == (2013.4, 2023.6)
    assert [a.text for a in fig.layout.annotations] == ["Pakistan – Russia", "India – Russia"]
    got = bars(fig)
    assert got[("x", "Exercise")] == {2016: 1, 2019: 1, 2020: 2}
    assert got[("x2", "Exercise")] == {2019: 1} and got[("x2", "Visit or meeting")] == {2021: 1, 2022: 1}
    assert got[("x2", "Planned (any kind)")] == {2023: 1}
    # one colour per type, from app.labels, and one legend entry per type however many panels show it
    for t in fig.data:
        if t.name != "Planned (any kind)":
            assert t.marker.color == TYPE_COLOURS[{type_label(k): k for k in TYPE_COLOURS}[t.name]]
    legend = [t.name for t in fig.data if t.showlegend]
    assert sorted(legend) == sorted(set(legend)) and "Exercise" in legend


def test_one_pair_fills_the_figure_and_an_empty_panel_says_so(events):
    one = relations_figures.events_per_year([("Pakistan – Russia", relations.pair_events(events, "Pakistan,Russia"))])
    assert not one.layout.annotations and {t.xaxis for t in one.data} == {"x"}
    assert sum(sum(t.y) for t in one.data) == 8
    empty = relations_figures.events_per_year([("Pakistan – Russia", relations.pair_events(events, "Pakistan,Russia")),
                                               ("China – Iran", events.iloc[0:0])])
    assert "No dated event in view" in [a.text for a in empty.layout.annotations]
    assert {t.xaxis for t in empty.data} == {"x"}


# ---------------------------------------------------------------- the page


@pytest.fixture(autouse=True)
def _router_runs_every_page(monkeypatch):
    # As in tests/test_pages.py: run the router directly, as a server does after its first run.
    monkeypatch.setattr(script_runner, "_mpa_v1", lambda _main_script_path: dashboard.run())


@pytest.fixture
def fixed(monkeypatch):
    table = factories.corpus(events_table())
    monkeypatch.setattr(corpus, "load_corpus", lambda: table)
    return table


def open_page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/relations.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def the_figure(at: AppTest) -> dict:
    (fig,) = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    return fig


def texts(elements) -> str:
    return " ".join(e.value for e in elements).replace("\\", "").replace("\u2060", "")


def test_the_page_is_registered_after_visits_at_relations(monkeypatch):
    made = []
    monkeypatch.setattr(dashboard.st, "Page", lambda page, **kwargs: made.append((page, kwargs.get("title"))))
    dashboard.pages()
    # Its url path is the file stem (ui.leave_legacy_multipage_mode): /relations.
    at = made.index(("pages/relations.py", "Relations"))
    assert made[at - 1][0] == "pages/visits.py"


def test_the_page_opens_on_the_most_frequent_pair(fixed):
    at = open_page()
    assert at.title[0].value == "Relations between two countries"
    assert at.selectbox(key="pair").value == "Pakistan,Russia" and at.selectbox(key="compare").value is None
    assert at.selectbox(key="pair").options[:2] == ["Pakistan,Russia", "India,Russia"]
    fig = the_figure(at)
    assert fig["layout"]["title"]["text"] == "Events per year by type: Pakistan – Russia"
    assert fig["layout"]["yaxis"]["title"]["text"] == "Events per year"
    assert {t["name"] for t in fig["data"]} == {"Exercise", "Arms transfer", "Visit or meeting", "Agreement",
                                                 "Policy change"}
    for t in fig["data"]:
        assert t["marker"]["color"] == TYPE_COLOURS[{type_label(k): k for k in TYPE_COLOURS}[t["name"]]]
    firsts_table, events_table_ = at.dataframe[0].value, at.dataframe[1].value
    assert firsts_table.set_index("What").loc["First joint exercise", "Event"] == "Druzhba-1 (inferred from the text)"
    assert list(events_table_["Event id"]) == list(relations.pair_events(fixed.events, "Pakistan,Russia")["event_id"])
    assert "Pakistan – Russia: 8 events name both" in texts(at.caption)
    assert not at.warning


def test_a_link_with_a_pair_and_a_second_pair_compares_them(fixed):
    at = open_page(pair="India,Russia", compare="Pakistan,Russia")
    assert at.selectbox(key="pair").value == "India,Russia"
    assert at.selectbox(key="compare").value == "Pakistan,Russia" and not at.warning
    fig = the_figure(at)
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["India – Russia", "Pakistan – Russia"]
    assert fig["layout"]["yaxis2"]["matches"] == "y"
    panels = {(t.get("xaxis", "x"), t["name"]) for t in fig["data"]}
    assert ("x", "Visit or meeting") in panels and ("x2", "Policy change") in panels
    assert ("x", "Policy change") not in panels  # India–Russia has none
    assert len(at.dataframe) == 4  # firsts and events, for each pair
    assert at.dataframe[0].value.set_index("What").loc["Latest at minister level or above", "Date"] == "2021-12-06"
    assert list(at.dataframe[2].value["Event id"])[:2] == ["ev_meeting", "ev_indra"]
    assert set(at.dataframe[3].value["Event id"]) == set(
        relations.pair_events(fixed.events, "Pakistan,Russia")["event_id"])


def test_a_bad_link_gets_a_notice_and_the_default(fixed):
    at = open_page(pair="Atlantis,Russia", compare="Pakistan")
    warnings = texts(at.warning)
    assert "pair=“Atlantis,Russia”: “Atlantis” is not a country in this corpus; showing Pakistan – Russia" in warnings
    assert "compare=“Pakistan”, which is not a pair of countries" in warnings
    assert at.selectbox(key="pair").value == "Pakistan,Russia" and at.selectbox(key="compare").value is None
    assert the_figure(at)["layout"]["title"]["text"] == "Events per year by type: Pakistan – Russia"
    at = open_page(pair="China,India")
    assert "no event in this corpus names both China and India" in texts(at.warning)


def test_a_link_naming_the_pair_in_the_other_order_shows_it_and_says_how_links_write_it(fixed):
    at = open_page(pair="Russia,India")
    assert at.selectbox(key="pair").value == "India,Russia" and not at.warning
    assert "links write pair=India,Russia" in texts(at.info)
    assert "India – Russia" in the_figure(at)["layout"]["title"]["text"]


def test_the_same_pair_twice_is_shown_once(fixed):
    at = open_page(pair="India,Russia", compare="India,Russia")
    assert "The second pair is the first one" in texts(at.caption)
    assert not the_figure(at)["layout"].get("annotations") and len(at.dataframe) == 2


def test_when_the_filters_leave_a_pair_nothing_the_page_says_so(fixed):
    at = open_page(pair="India,Russia", type="policy")
    assert not at.get("plotly_chart")
    assert "No events of India – Russia match the current filters" in texts(at.info)
    # The second pair left empty keeps its panel and says so in its table.
    at = open_page(pair="Pakistan,Russia", compare="China,Pakistan", type="exercise")
    assert "No dated event in view" in [a["text"] for a in the_figure(at)["layout"]["annotations"]]
    assert "None of this pair's events passes the filters." in texts(at.info)
    assert "China – Pakistan: 0 of the 1 events naming both pass the filters" in texts(at.caption)


def test_a_corpus_with_one_country_has_no_pair_to_show(monkeypatch):
    only = add_time_columns(to_frame([factories.event("ev_a", "exercise", name="Solo", date_start="2020",
                                                      countries=["Pakistan"])]))
    table = factories.corpus(only)
    monkeypatch.setattr(corpus, "load_corpus", lambda: table)
    at = open_page(pair="Pakistan,Russia")
    assert "The corpus names only one country (Pakistan)" in texts(at.info)
    assert not at.get("plotly_chart") and "pair" not in [s.key for s in at.selectbox]


def test_the_page_runs_on_the_bundled_corpus():
    at = open_page()
    default = relations.most_frequent_pair(corpus.load_corpus().events)
    assert at.selectbox(key="pair").value == default
    assert relations.pair_label(default) in the_figure(at)["layout"]["title"]["text"]
