"""Every page under AppTest: what a user would see, for a fixed table and for the real seed.

Most tests patch the corpus loader with the small table in tests/factories.py,
so they assert exact values; the seed tests run the real extractor on the
seed article and assert what the contract promises for it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import corpus
from app import filters as flt
from tests import factories

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/exercises.py", "pages/arms_transfers.py", "pages/visits.py",
         "pages/sources.py"]


@pytest.fixture
def fixed(monkeypatch):
    table = factories.corpus()
    monkeypatch.setattr(corpus, "load_corpus", lambda: table)
    return table


def run_app(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures_of(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def trace_names(fig: dict) -> list[str]:
    return [t.get("name") for t in fig["data"]]


def plotted(fig: dict, axis: str = "y") -> set[str]:
    return {v for t in fig["data"] for v in (t.get(axis) or []) if isinstance(v, str)}


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_ids(at: AppTest, index: int = 0) -> list[str]:
    return list(at.dataframe[index].value["Event id"])


# ---------------------------------------------------------------- overview


def test_overview_shows_metrics_timeline_map_table_and_downloads(fixed):
    at = run_app()
    assert at.title[0].value == "Defence cooperation at a glance"
    assert metrics(at) == {"Exercises": "4", "Arms transfers": "2", "Visits": "2", "Agreements": "1",
                           "Policy changes": "1", "Articles": "2", "Years covered": "2014–2022"}
    timeline, event_map = figures_of(at)
    assert timeline["layout"]["title"]["text"].startswith("Every dated event")
    assert list(dict.fromkeys(trace_names(timeline))) == [
        "Exercise", "Arms transfer", "Visit or meeting", "Agreement", "Policy change", "Inferred (hollow marker)"]
    assert event_map["data"][0]["type"] == "scattergeo"
    assert table_ids(at) == list(fixed.events["event_id"])
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV", "Download JSON"]
    assert any("1 event without a date" in c.value for c in at.caption)


def test_a_link_applies_its_filters(fixed):
    at = run_app(type="exercise", **{"from": "2019"})
    wanted = flt.apply(fixed.events, flt.Filters(types=("exercise",), year_from=2019))
    assert table_ids(at) == list(wanted["event_id"]) == ["ev_druzhba4", "ev_kavkaz", "ev_druzhba5"]
    assert metrics(at)["Exercises"] == "3" and metrics(at)["Arms transfers"] == "0"
    assert at.sidebar.multiselect(key="type").value == ["exercise"]
    assert at.sidebar.selectbox(key="from").value == 2019
    assert at.query_params["type"] == "exercise" and not at.warning


def test_a_malformed_link_opens_with_a_notice_and_the_defaults(fixed):
    at = run_app(type="bogus", **{"from": "abc", "inferred": "maybe", "country": "Atlantis"})
    warnings = " ".join(w.value for w in at.warning)
    for needle in ("“bogus”", "“abc”", "“maybe”", "“Atlantis”"):
        assert needle in warnings
    assert "showing from 2014" in warnings
    assert table_ids(at) == list(fixed.events["event_id"])
    assert at.sidebar.multiselect(key="type").value == [] and at.sidebar.selectbox(key="from").value == 2014


def test_changing_a_widget_filters_the_table(fixed):
    at = run_app()
    at.sidebar.toggle(key="inferred").set_value(False).run()
    assert "ev_druzhba1" not in table_ids(at)
    at.sidebar.multiselect(key="country").set_value(["China"]).run()
    assert table_ids(at) == ["ev_j10c"]


def test_filters_survive_page_changes(fixed):
    at = run_app(type="arms_transfer")
    for page in PAGES[1:] + PAGES[:1]:
        at.switch_page(page).run()
        assert not at.exception
        assert at.sidebar.multiselect(key="type").value == ["arms_transfer"]
    assert table_ids(at) == ["ev_mi35", "ev_j10c"]


# ---------------------------------------------------------------- the other pages


def test_exercise_page_plots_the_series_editions(fixed):
    at = run_app("pages/exercises.py")
    assert at.selectbox(key="series").value == "Druzhba"
    (fig,) = figures_of(at)
    names = {t["name"]: t["y"] for t in fig["data"] if t.get("showlegend", True)}
    assert names["Druzhba (reported)"] == ["Druzhba-4", "Druzhba-5"]
    assert names["Druzhba (inferred from the text)"] == ["Druzhba-1"]
    assert names["Multilateral exercises"] == ["Kavkaz-2020"]
    assert fig["layout"]["xaxis"]["title"]["text"] and fig["layout"]["yaxis"]["title"]["text"]
    editions = at.dataframe[0].value
    assert list(editions["Exercise"]) == ["Druzhba-1", "Druzhba-4", "Druzhba-5"]
    assert editions.set_index("Exercise").loc["Druzhba-5", "Troops"] == "150 troops"


def test_exercise_page_can_switch_series(fixed):
    at = run_app("pages/exercises.py")
    at.selectbox(key="series").set_value("Kavkaz").run()
    (fig,) = figures_of(at)
    assert "Kavkaz-2020" in plotted(fig) and "Druzhba-5" not in plotted(fig)


def test_a_chosen_series_that_the_filters_remove_falls_back_without_error(fixed):
    at = run_app("pages/exercises.py")
    at.selectbox(key="series").set_value("Kavkaz").run()
    at.sidebar.selectbox(key="to").set_value(2019).run()  # Kavkaz-2020 drops out
    assert not at.exception
    assert at.selectbox(key="series").value == "Druzhba"


def test_arms_transfer_page_has_register_chart_and_policy(fixed):
    at = run_app("pages/arms_transfers.py")
    (fig,) = figures_of(at)
    assert "Policy change" in trace_names(fig) and "Delivery" in trace_names(fig)
    register = at.dataframe[0].value
    assert list(register["Equipment"]) == ["Mi-35", "J-10C"]
    assert list(register["Supplier"]) == ["Russia", "China"]
    assert list(at.dataframe[1].value["Kind"]) == ["Embargo lifted"]


def test_visits_page_has_timeline_who_visited_whom_and_counts(fixed):
    at = run_app("pages/visits.py")
    timeline, per_year = figures_of(at)
    assert set(trace_names(timeline)) == {"Official visit", "Agreement"}  # the meeting is undated
    assert per_year["layout"]["yaxis"]["title"]["text"] == "Number of events"
    visits = at.dataframe[0].value
    assert list(visits["Visitor"]) == ["Russia", ""] and list(visits["Host"]) == ["Pakistan", ""]
    assert list(at.dataframe[1].value["Agreement"]) == ["military cooperation agreement"]


def test_sources_page_highlights_evidence_and_escapes_the_article(fixed):
    at = run_app("pages/sources.py")
    html = at.get("html")[0].value
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html and "<script" not in html
    assert html.count("<mark") == 2 and ">E1</span>" in html and ">E2</span>" in html
    # Events with evidence in the text come first, tagged in reading order.
    assert list(at.dataframe[0].value["Name"])[:2] == ["Druzhba-5", "Druzhba-4"]
    at.selectbox(key="article").set_value(factories.ARTICLE_B).run()
    html = at.get("html")[0].value
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in html and "<img" not in html
    assert not at.get("link_button"), "a javascript: url must not become a link"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_an_empty_state(fixed, page):
    at = run_app(page, country="India", type="exercise")
    assert not figures_of(at)
    assert at.info and "No " in at.info[0].value and "match the current filters" in at.info[0].value


# ---------------------------------------------------------------- the real seed


@pytest.fixture
def seed_only(monkeypatch):
    monkeypatch.setenv(corpus.ENV_VAR, str(ROOT / "seeds"))


def test_seed_exercise_figure_holds_druzhba_4_and_5(seed_only):
    at = run_app("pages/exercises.py")
    assert at.selectbox(key="series").value == "Druzhba"
    (fig,) = figures_of(at)
    assert {"Druzhba-4", "Druzhba-5"} <= plotted(fig)


def test_seed_overview_table_rows_equal_the_extracted_events(seed_only):
    at = run_app()
    events = corpus.load_corpus().events
    assert table_ids(at) == list(events["event_id"])
    assert int(metrics(at)["Exercises"]) >= 2 and metrics(at)["Articles"] == "1"


def test_seed_sources_page_marks_every_span(seed_only):
    at = run_app("pages/sources.py")
    loaded = corpus.load_corpus()
    html = at.get("html")[0].value
    tags = len(at.dataframe[0].value)
    assert tags == len(loaded.events)
    assert html.count('class="ev-tag"') == len(loaded.spans)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_bundled_corpus(page):
    at = run_app(page)
    assert at.title and (figures_of(at) or page.endswith("sources.py"))
