"""Every page under AppTest: what a user would see, for a fixed table and for the real seed.

Most reading tests patch the corpus loader with the small table in tests/factories.py,
so they assert exact values; the seed tests run the real extractor on the
seed article and assert what the contract promises for it. The tests of adding,
reviewing and backing up run the real extractor on the seed with a real store: a
temporary SQLite file (tests/conftest.py), and PostgreSQL too when TEST_POSTGRES_URL is set.
"""
from __future__ import annotations

import gzip
import json
import os
import uuid
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

import dashboard
import store
from app import corpus, figures, tables
from app import filters as flt
from tests import factories

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/exercises.py", "pages/arms_transfers.py", "pages/visits.py",
         "pages/relations.py", "pages/sources.py"]
STORE_PAGES = ["pages/add_articles.py", "pages/review.py"]


@pytest.fixture(autouse=True)
def _router_runs_every_page(monkeypatch):
    # AppTest switches Streamlit's old pages/-folder mode back on before every run (a server does so
    # once), so a run of any page but the first would run the page alone, then rerun it through the
    # router (ui.leave_legacy_multipage_mode), and a button click would be spent on the first run.
    # Run the router directly, as a server does after its first run; tests/test_browser.py covers
    # the first visit.
    monkeypatch.setattr(script_runner, "_mpa_v1", lambda _main_script_path: dashboard.run())


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
                           "Policy changes": "1", "Planned": "0", "Cancelled": "0", "Articles": "2",
                           "Years covered": "2014–2022"}
    timeline, event_map = figures_of(at)
    assert timeline["layout"]["title"]["text"].startswith("Every dated event")
    assert list(dict.fromkeys(trace_names(timeline))) == [
        "Exercise", "Arms transfer", "Visit or meeting", "Agreement", "Policy change", "Inferred (hollow marker)"]
    assert event_map["data"][0]["type"] == "scattergeo"
    assert table_ids(at) == list(fixed.events["event_id"])
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV", "Download JSON", "Download Parquet",
                                                                   "Chronology (Markdown)", "Chronology (Word)"]
    assert any("1 event without a date" in c.value for c in at.caption)


@pytest.fixture
def with_status(monkeypatch):
    """The fixed table with a planned exercise edition and visit, and a cancelled exercise."""
    table = factories.corpus(factories.events_with_status())
    monkeypatch.setattr(corpus, "load_corpus", lambda: table)
    return table


def test_overview_counts_and_marks_planned_and_cancelled_events_apart(with_status):
    at = run_app()
    assert metrics(at) == {"Exercises": "2", "Arms transfers": "2", "Visits": "1", "Agreements": "1",
                           "Policy changes": "1", "Planned": "2", "Cancelled": "1", "Articles": "2",
                           "Years covered": "2014–2022"}
    timeline = figures_of(at)[0]
    names = [t.get("name") for t in timeline["data"] if t.get("showlegend", True)]
    assert names == ["Exercise", "Arms transfer", "Agreement", "Policy change", figures.PLANNED, figures.CANCELLED,
                     "Inferred (hollow marker)"]
    (planned,) = [t for t in timeline["data"] if t.get("name") == figures.PLANNED and t.get("customdata")]
    assert sorted(planned["customdata"]) == sorted(factories.PLANNED_IDS)
    shown = at.dataframe[0].value.set_index("Event id")
    assert shown.loc["ev_druzhba5", "Status"] == "planned" and shown.loc["ev_mi35", "Status"] == "reported"


def test_a_status_link_filters_and_an_unknown_status_gets_a_notice(with_status):
    at = run_app(status="planned")
    assert sorted(table_ids(at)) == sorted(factories.PLANNED_IDS) and not at.warning
    assert at.sidebar.multiselect(key="status").value == ["planned"]
    assert metrics(at)["Planned"] == "2" and metrics(at)["Exercises"] == "0"
    at = run_app(status="postponed")
    assert "status=“postponed”, which is not a status" in texts(at.warning)
    assert table_ids(at) == list(with_status.events["event_id"]) and at.sidebar.multiselect(key="status").value == []


def test_exercise_and_visit_pages_mark_planned_editions_and_visits(with_status):
    at = run_app("pages/exercises.py")
    (fig,) = figures_of(at)
    names = {t["name"]: t["y"] for t in fig["data"] if t.get("showlegend", True)}
    assert names["Druzhba (planned)"] == ["Druzhba-5"] and names["Druzhba (reported)"] == ["Druzhba-4"]
    assert at.dataframe[0].value.set_index("Exercise").loc["Druzhba-5", "Status"] == "planned"
    at.switch_page("pages/visits.py").run()
    timeline, per_year = figures_of(at)
    assert figures.PLANNED in trace_names(timeline) and figures.PLANNED_BARS in trace_names(per_year)
    assert list(at.dataframe[0].value["Status"]) == ["planned", "reported"]


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


def test_every_part_of_a_link_the_app_does_not_understand_gets_a_notice(fixed):
    at = run_app(raw="yes", foo="1", **{"from": "٢٠١٩"})  # Arabic-Indic digits: int() would take them
    warnings = texts(at.warning)
    assert "raw=“yes”" in warnings and "the curated table is shown" in warnings
    assert "“foo”, which this dashboard does not know" in warnings
    assert "from=“٢٠١٩”, which is not a year" in warnings
    assert at.sidebar.selectbox(key="from").value == 2014
    # a page's own parameter on another page, and a value the page's picker does not offer
    at = run_app(series="Druzhba")
    assert "“series” is read on the /exercises page" in texts(at.warning)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["series"] = "Atlantis Shield"
    at.switch_page("pages/exercises.py").run()
    assert not at.exception
    assert "series=“Atlantis Shield”, which is not a series" in texts(at.warning)
    assert at.selectbox(key="series").value == "Druzhba"


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
    assert names["Multilateral exercises"] == ["Kavkaz"]
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


def test_sources_page_names_the_language_and_marks_russian_evidence(monkeypatch, tmp_path):
    (tmp_path / "ru.md").write_text(
        "---\ntitle: Началось учение «Индра-2023»\nsource: ТАСС\npublished: 2023-09-18\n---\nВОЛГОГРАД, 18 сентября. "
        "/ТАСС/. Совместное российско-индийское учение «Индра-2023» началось в понедельник на полигоне Прудбой.\n",
        encoding="utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    at = run_app("pages/sources.py")
    assert at.caption[0].value.split(" · ")[:3] == ["ТАСС", "2023\\-09\\-18", "Russian"]
    html = at.get("html")[0].value
    assert html.count("<mark") == 1 and "учение «Индра-2023» началось в понедельник" in html
    shown = at.dataframe[0].value  # the values in English, read from the Russian text
    assert list(shown["Name"]) == ["Indra-2023"] and "India" in shown["Countries"].iloc[0]


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


# ---------------------------------------------------------------- adding, reviewing, backing up (a real store)

DRUZHBA6 = ("Pakistani and Russian special forces began the joint exercise Druzhba-6 on Monday in Tarbela.\n"
            "The drills will continue until October 15.\n")
DRUZHBA6_URL = "https://example.org/news/druzhba-6"
# Another outlet's report of the seed's Druzhba-5: it merges into the seed's event.
DRUZHBA5_AGAIN = """---
title: Druzhba-5 under way near Tarbela
source: Test Wire
published: 2020-11-09
---
Pakistani and Russian troops began the joint exercise Druzhba-5 on Sunday.
"""


def _pg_schema_url():
    """A PostgreSQL URL whose search_path is a fresh schema, and a function that drops it."""
    url = os.environ.get("TEST_POSTGRES_URL", "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set: in CI the page tests also run on PostgreSQL")
        pytest.skip("no PostgreSQL: set TEST_POSTGRES_URL (as .ci/run does) to run these tests on it too")
    base = store.db.normalise_url(url)
    admin = create_engine(base)
    schema = f"pages_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')

    def drop():
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()

    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, seed_only, monkeypatch):
    """The seed as the bundled corpus, and an empty store on each backend; yields its URL."""
    if request.param == "sqlite":
        yield os.environ["DATABASE_URL"]  # tests/conftest.py's temporary file
        return
    url, drop = _pg_schema_url()
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield url
    finally:
        corpus._engine.clear()  # close the pooled connections before the schema goes
        drop()


@pytest.fixture
def sqlite_store(seed_only):
    return os.environ["DATABASE_URL"]


def paste(at: AppTest, text: str, title: str = "", url: str = "", source: str = "",
          published: date | None = None) -> AppTest:
    at.switch_page("pages/add_articles.py").run()
    at.text_input(key="paste_title").input(title)
    at.text_input(key="paste_source").input(source)
    at.text_input(key="paste_url").input(url)
    at.date_input(key="paste_date").set_value(published)
    at.text_area(key="paste_text").input(text)
    next(b for b in at.button if b.label == "Add the article").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def overview(at: AppTest) -> pd.DataFrame:
    """The overview's events table, with a "Sources" column of every source's title (the table shows the
    first as a link and the others under "Also in")."""
    at.switch_page("pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[0].value
    titles = [", ".join(x for x in (tables.link_title(a), b) if x) for a, b in zip(shown["Source"], shown["Also in"])]
    return shown.assign(Sources=titles)


TABLES = {"queue": ["Event", "Why"], "history": ["When", "Who", "Field"], "orphans": ["Event id", "Field"],
          "rejected": ["Event", "Date", "Type", "Countries", "Evidence"], "report": ["Event", "Date", "Type",
                                                                                    "Countries", "Merged into"]}


def table(at: AppTest, name: str) -> pd.DataFrame:
    """One of the store pages' tables, known by its first columns (AppTest does not keep a dataframe's key)."""
    first = TABLES[name]
    found = [d.value for d in at.dataframe if list(d.value.columns[:len(first)]) == first]
    assert len(found) == 1, f"{len(found)} {name} tables"
    return found[0]


def event_id_of(at: AppTest, name: str) -> str:
    events = overview(at)
    return events.loc[events["Name"] == name, "Event id"].iloc[0]


def open_event(at: AppTest, event_id: str):
    """The Review page's editor on one event (picked from every event); returns its review.Pin."""
    at.switch_page("pages/review.py").run()
    at.toggle(key="any_event").set_value(True).run()
    at.selectbox(key="event").set_value(event_id).run()
    assert not at.exception, [e.value for e in at.exception]
    pinned = at.session_state["_review_pin"]
    assert pinned.event_id == event_id
    return pinned


def type_into_editor(at: AppTest, pinned, **values) -> AppTest:
    rows = list(pinned.fields)
    at.session_state[pinned.editor_key] = {"edited_rows": {rows.index(f): {"Value": v} for f, v in values.items()},
                                           "added_rows": [], "deleted_rows": []}
    return at.run()


def texts(elements) -> str:
    return " ".join(e.value for e in elements).replace("\\", "").replace("\u2060", "")  # app.safe's escapes removed


def test_a_pasted_article_is_stored_and_its_events_are_on_every_page(any_store):
    at = paste(run_app(), DRUZHBA6, title="Druzhba-6 opens in Pakistan", url=DRUZHBA6_URL, source="Test Wire",
               published=date(2021, 10, 5))
    assert "Added 1 article(s) with 1 event(s): 1 new, 0 merged" in texts(at.success)
    report = table(at, "report")
    assert list(report["Event"]) == ["Druzhba-6"] and list(report["Merged into"]) == ["new event"]
    # an added paste empties the whole form: the next paste must not inherit this one's source
    assert [at.text_input(key=k).value for k in ("paste_title", "paste_source", "paste_url")] == ["", "", ""]
    assert at.text_area(key="paste_text").value == "" and at.date_input(key="paste_date").value is None
    assert "1 added" in texts(at.sidebar.caption)

    events = overview(at)
    row = events[events["Name"] == "Druzhba-6"].iloc[0]
    assert row["Date"] == "2021-10-04 – 2021-10-15" and row["Sources"] == "Druzhba-6 opens in Pakistan"
    at.switch_page("pages/exercises.py").run()
    assert "Druzhba-6" in plotted(figures_of(at)[0])
    at.switch_page("pages/sources.py").run()
    at.selectbox(key="article").set_value("Druzhba-6 opens in Pakistan").run()
    assert at.get("html")[0].value.count("<mark") == 2, "its evidence is highlighted in its text"
    engine = store.connect(any_store)
    try:
        (stored,) = store.list_articles(engine)
        assert stored.url == DRUZHBA6_URL and stored.metadata["added_by"] == "local"
    finally:
        engine.dispose()


def test_the_same_article_twice_is_skipped_and_a_second_report_merges(sqlite_store):
    at = paste(run_app(), DRUZHBA6, title="Druzhba-6 opens in Pakistan", url=DRUZHBA6_URL,
               published=date(2021, 10, 5))
    at = paste(at, DRUZHBA6.upper(), title="The same, shouted", published=date(2021, 10, 5))
    warning = texts(at.warning)
    assert "1 not added" in warning and "The same, shouted" in warning
    assert "same text as an article added by local" in warning and "“Druzhba-6 opens in Pakistan”" in warning
    assert at.text_area(key="paste_text").value, "a refused paste stays in the form"

    at = paste(at, "A different text altogether about the Druzhba-6 drills ending.", title="Other",
               url=DRUZHBA6_URL.replace("https://", "http://www.") + "?utm_source=x")
    assert "same URL as an article added by local" in texts(at.warning)

    seed = (ROOT / "seeds" / "000_a2ef007e2f04334a.txt").read_text("utf-8")
    at = paste(at, seed, title="The seed again")
    assert "same text as a bundled article" in texts(at.warning)

    at = paste(at, DRUZHBA5_AGAIN)
    assert "1 merged into events already in the corpus" in texts(at.success)
    report = table(at, "report")
    merged = report.set_index("Event").loc["Druzhba-5", "Merged into"]
    assert merged.startswith("merged into the event from Pakistan-Russia")
    events = overview(at)
    assert "Druzhba-5 under way near Tarbela" in events.loc[events["Name"] == "Druzhba-5", "Sources"].iloc[0]
    assert len(events) == len(set(events["Event id"])), "a merged report adds no row"


def test_uploaded_files_are_added_and_unreadable_ones_named(sqlite_store):
    at = run_app("pages/add_articles.py")
    good = ("---\ntitle: Druzhba-6 opens in Pakistan\npublished: 2021-10-05\n---\n" + DRUZHBA6).encode()
    html = (b"<html><head><title>Navy news</title></head><body><nav>Home | World</nav><article><p>"
            b"Pakistan and Russia signed a defence cooperation agreement in Moscow in April 2021, officials said."
            b"</p></article><script>window.__pwned=1</script></body></html>")
    at.file_uploader(key="upload_files").set_value([
        ("druzhba6.md", good, "text/markdown"), ("agreement.html", html, "text/html"),
        ("empty.txt", b"", "text/plain"), ("../../etc/binary.md", b"\x00\x01\x02" * 50, "text/markdown")])
    next(b for b in at.button if b.label == "Add the files").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Added 2 article(s)" in texts(at.success)
    error = texts(at.error)
    assert "2 file(s) could not be read" in error and "empty.txt" in error and "binary.md" in error
    assert "etc/" not in error, "a file name is a label, never a path"
    names = set(overview(at)["Name"])
    assert "Druzhba-6" in names


def test_an_edit_shows_on_every_page_and_in_the_history(any_store):
    at = run_app()
    druzhba5 = event_id_of(at, "Druzhba-5")
    pinned = open_event(at, druzhba5)
    assert pinned.version == 0 and pinned.values["location"] == "Pakistan"
    at = type_into_editor(at, pinned, location="Pabbi", countries="Pakistan; Russia; Belarus")
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved Countries, Place of “Druzhba-5” (version 1)" in texts(at.success)
    history = table(at, "history")
    assert set(history["Field"]) == {"Place", "Countries"} and set(history["Who"]) == {"local"}
    assert history.set_index("Field").loc["Place", "From"] == "Pakistan"
    assert history.set_index("Field").loc["Place", "To"] == "Pabbi"
    assert at.session_state["_review_pin"].version == 1, "the next save is checked against the new version"

    events = overview(at)
    row = events[events["Event id"] == druzhba5].iloc[0]
    assert row["Place"] == "Pabbi" and row["Countries"] == "Pakistan, Russia, Belarus"
    assert row["Review"] == "unreviewed; edited: countries, location"
    at.sidebar.toggle(key="raw").set_value(True).run()  # the raw extraction is one switch away
    raw = at.dataframe[0].value
    assert raw.loc[raw["Event id"] == druzhba5, "Place"].iloc[0] == "Pakistan" and "Review" not in raw.columns


def test_the_review_page_changes_an_events_status(any_store):
    at = run_app()
    druzhba5 = event_id_of(at, "Druzhba-5")
    pinned = open_event(at, druzhba5)
    box = at.selectbox(key=pinned.status_key)
    assert box.label == "Status (reported, planned, cancelled)" and box.options == ["reported", "planned", "cancelled"]
    assert box.value == "reported"
    box.set_value("planned").run()
    assert "Unsaved: Status" in texts(at.caption)
    at.button(key="save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved Status of “Druzhba-5” (version 1)" in texts(at.success)
    assert at.selectbox(key=at.session_state["_review_pin"].status_key).value == "planned"
    at.button(key="confirm").click().run()  # the review status is logged apart from the event's status
    history = table(at, "history")
    assert history[["Field", "From", "To"]].values.tolist() == [["Review", "unreviewed", "confirmed"],
                                                                ["Status", "reported", "planned"]]
    events = overview(at).set_index("Event id")
    assert events.loc[druzhba5, "Status"] == "planned" and events.loc[druzhba5, "Review"] == "confirmed; edited: status"
    assert metrics(at)["Planned"] == "1"
    at.switch_page("pages/exercises.py").run()
    names = {t["name"]: t["y"] for t in figures_of(at)[0]["data"] if t.get("showlegend", True)}
    assert names["Druzhba (planned)"] == ["Druzhba-5"]


def test_a_value_of_the_wrong_form_is_refused_and_kept_for_fixing(sqlite_store):
    at = run_app()
    pinned = open_event(at, event_id_of(at, "Druzhba-5"))
    at = type_into_editor(at, pinned, date_start="2020-13-45")
    at.button(key="save").click().run()
    assert "date_start must be YYYY, YYYY-MM or YYYY-MM-DD" in texts(at.error)
    assert at.session_state["_review_pin"] is pinned and at.session_state[pinned.editor_key]["edited_rows"]


def test_rejected_events_leave_the_tables_but_are_kept_and_can_be_put_back(sqlite_store):
    at = run_app()
    druzhba1 = event_id_of(at, "Druzhba-1")
    open_event(at, druzhba1)
    at.button(key="reject").click().run()
    assert "rejected" in texts(at.success)
    assert list(table(at, "rejected")["Event id"]) == [druzhba1]
    assert druzhba1 not in list(overview(at)["Event id"])
    at.switch_page("pages/exercises.py").run()
    assert "Druzhba-1" not in plotted(figures_of(at)[0])

    at.switch_page("pages/review.py").run()
    at.selectbox(key="rejected_event").set_value(druzhba1)
    at.button(key="unreject").click().run()
    assert not at.exception and "back in the tables" in texts(at.success)
    assert druzhba1 in list(overview(at)["Event id"])


def test_confirming_takes_an_event_out_of_the_queue(sqlite_store):
    at = run_app("pages/review.py")
    queue = table(at, "queue")
    first = queue["Event id"].iloc[0]
    at.selectbox(key="event").set_value(first).run()
    at.button(key="confirm").click().run()
    assert first not in list(table(at, "queue")["Event id"])
    assert len(table(at, "queue")) == len(queue) - 1


def test_after_confirming_the_same_event_stays_picked_and_the_next_confirm_is_refused(sqlite_store):
    """The bug an analyst met: confirming took the event out of the queue, the picker jumped to the
    next one, and the next Confirm confirmed an event nobody had looked at."""
    at = run_app("pages/review.py")
    queue = table(at, "queue")
    first, second = queue["Event id"].iloc[:2]
    at.selectbox(key="event").set_value(first).run()
    name = at.session_state["_review_pin"].name
    assert at.button(key="confirm").label == f"Confirm “{name}”"
    at.button(key="confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert first not in list(table(at, "queue")["Event id"]), "confirmed: out of the queue"
    assert at.selectbox(key="event").value == first, "the picker stays on the event just confirmed"
    assert f"“{name}” ({first}) confirmed" in texts(at.success)
    assert at.button(key="confirm").label == f"Mark “{name}” unreviewed", "a second click undoes, not confirms"
    at.run()  # and it stays there on the next rerun
    assert at.selectbox(key="event").value == first
    assert table(at, "history")[["Field", "To"]].values.tolist() == [["Review", "confirmed"]]
    at.selectbox(key="event").set_value(second).run()
    assert at.session_state["_review_pin"].event_id == second and at.session_state["_review_pin"].review_status == "unreviewed"


def test_a_rejected_event_stays_picked_and_can_be_put_back_from_there(sqlite_store):
    at = run_app("pages/review.py")
    first = table(at, "queue")["Event id"].iloc[0]
    at.selectbox(key="event").set_value(first).run()
    at.button(key="reject").click().run()
    assert at.selectbox(key="event").value == first and "is rejected" in texts(at.info)
    at.button(key="unreject_chosen").click().run()
    assert not at.exception and "back in the tables" in texts(at.success)
    assert at.selectbox(key="event").value == first and first in list(table(at, "queue")["Event id"])


def test_the_queue_gives_reasons_and_filters_by_them(sqlite_store):
    at = run_app("pages/review.py")
    queue = table(at, "queue")
    assert queue.set_index("Event").loc["Druzhba-1", "Why"] == "inferred, year-only date"
    at.pills(key="reasons").set_value(["inferred"]).run()
    narrowed = table(at, "queue")
    assert 0 < len(narrowed) < len(queue) and all("inferred" in w for w in narrowed["Why"])


def test_an_edit_whose_event_is_gone_is_listed_as_orphaned(sqlite_store):
    engine = store.open_store(sqlite_store)
    try:
        store.save_edit(engine, "ev_no_longer_extracted", {"location": "Nowhere"}, old={"location": "Somewhere"},
                        expected_version=0, author="analyst@example.org")
    finally:
        engine.dispose()
    at = run_app("pages/review.py")
    orphans = table(at, "orphans")
    assert list(orphans["Event id"]) == ["ev_no_longer_extracted"]
    assert list(orphans["Why it is not applied"]) == ["event no longer extracted"]
    assert list(orphans["To"]) == ["Nowhere"] and list(orphans["Who"]) == ["analyst@example.org"]


def test_a_save_after_a_colleagues_save_is_refused_with_a_clear_message(any_store):
    at = run_app()
    druzhba5 = event_id_of(at, "Druzhba-5")
    pinned = open_event(at, druzhba5)  # the analyst opens the event at version 0 ...
    colleague = store.connect(any_store)  # ... and a colleague saves it first
    try:
        store.save_edit(colleague, druzhba5, {"location": "Islamabad"}, old={"location": "Pakistan"},
                        expected_version=0, author="colleague@example.org")
    finally:
        colleague.dispose()
    at = type_into_editor(at, pinned, location="Pabbi")
    at.button(key="save").click().run()
    message = texts(at.error)
    assert "Not saved: colleague@example.org saved a change to this event" in message and "version 1" in message
    fresh = at.session_state["_review_pin"]  # reloaded: the colleague's value, the new version
    assert fresh.values["location"] == "Islamabad" and fresh.version == 1
    assert overview(at).set_index("Event id").loc[druzhba5, "Place"] == "Islamabad", "the first save stands"


def test_the_editor_keeps_what_was_opened_until_the_analyst_leaves(sqlite_store):
    at = run_app("pages/review.py")
    pinned = at.session_state["_review_pin"]  # the page opens on the queue's first event
    engine = store.connect(sqlite_store)
    try:
        store.save_edit(engine, pinned.event_id, {"location": "Islamabad"}, old={"location": ""},
                        expected_version=0, author="colleague@example.org")
    finally:
        engine.dispose()
    at.pills(key="reasons").set_value([]).run()  # any rerun on the page
    assert at.session_state["_review_pin"] is pinned, "a rerun must not move the values under the analyst"
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/review.py").run()
    back = at.session_state["_review_pin"]
    assert back.event_id == pinned.event_id
    assert back.values["location"] == "Islamabad" and back.version == 1, "coming back reads the event afresh"


def test_a_backup_restores_and_a_foreign_file_changes_nothing(sqlite_store, tmp_path):
    at = paste(run_app(), DRUZHBA6, title="Druzhba-6 opens in Pakistan", published=date(2021, 10, 5))
    engine = store.open_store(sqlite_store)
    backup = store.export_store(engine, compress=True)
    at = paste(at, DRUZHBA5_AGAIN)  # a change after the backup, which the restore undoes
    assert len(store.list_articles(engine)) == 2

    at.switch_page("pages/review.py").run()
    assert [b.proto.label for b in at.get("download_button")] == ["Download a backup of the store"]
    for foreign in (b'{"format": "something-else"}', gzip.compress(b"not json"), b"\x89PNG\r\n"):
        at.file_uploader(key="restore-0").set_value(("backup.json.gz", foreign, "application/gzip")).run()
        assert "This file cannot be restored" in texts(at.error) and "Nothing was changed" in texts(at.error)
        assert not [b for b in at.button if b.key == "restore"]
    assert len(store.list_articles(engine)) == 2

    at.file_uploader(key="restore-0").set_value(("backup.json.gz", backup, "application/gzip")).run()
    assert "This backup holds 1 added article(s)" in texts(at.warning)
    at.button(key="restore").click().run()
    assert not at.exception and "Restored 1 article(s)" in texts(at.success)
    assert [a.title for a in store.list_articles(engine)] == ["Druzhba-6 opens in Pakistan"]
    assert "Druzhba-5 under way near Tarbela" not in overview(at).set_index("Name").loc["Druzhba-5", "Sources"]
    engine.dispose()


def test_with_the_database_unreachable_the_bundled_corpus_is_shown_read_only(monkeypatch, seed_only):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody:secret-pw@127.0.0.1:1/x")
    at = run_app()
    notice = texts(at.warning)
    assert "Read-only: showing the bundled articles only" in notice and "Cannot reach the events store" in notice
    assert "secret-pw" not in notice and "nobody:***@127.0.0.1:1" in notice
    assert table_ids(at) == list(corpus.load_corpus().raw["event_id"])
    at.switch_page("pages/add_articles.py").run()
    assert not at.exception
    assert "Adding articles is unavailable" in texts(at.error)
    assert not at.file_uploader and not at.text_area
    at.switch_page("pages/review.py").run()
    assert not at.exception and "Editing events is unavailable" in texts(at.error)
    assert not [b for b in at.button if b.key in ("save", "confirm", "reject")]
    assert table(at, "queue").shape[0] > 0, "the queue is still there to read"


def test_with_a_sign_in_configured_readers_see_no_controls(sqlite_store):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["editor"] = {"password": "a long shared editor password"}
    at.run()
    at.switch_page("pages/add_articles.py").run()
    assert not at.exception and not at.file_uploader and not at.text_area
    assert any("Editor password" in t.label for t in at.text_input)
    at.switch_page("pages/review.py").run()
    assert not [b for b in at.button if b.key in ("save", "confirm", "reject", "unreject")]
    assert at.data_editor and at.data_editor[0].proto.disabled, "the editor is there to read, not to edit"
    assert not [u for u in at.file_uploader if u.key.startswith("restore")]


@pytest.mark.parametrize("page", STORE_PAGES)
def test_the_store_pages_run_on_the_bundled_corpus(page):
    at = run_app(page)
    assert at.title and not at.exception


def test_pages_reach_the_store_and_the_extractor_only_through_app():
    import ast
    for path in sorted((ROOT / "pages").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names] + \
                [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in names if m.split(".")[0] in ("store", "preprocessing")], path.name
