"""Issue 9, what leaves the app: CSV that a spreadsheet cannot run, chart labels that plotly cannot turn
into markup, and article titles that never become links.

A hostile table (names, countries, places, titles and evidence holding `<a href="javascript:...">`,
`<b>`, `=HYPERLINK(...)` and cells starting with `+`, `-`, `@`, a tab or a carriage return) goes
through both CSV writers, JSON, Parquet and every figure; a hostile article title goes through the
Sources page, under AppTest and in headless Chromium.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

import dashboard
from app import corpus, event_map, exports, figures, relations_figures, tables
from app.corpus import Corpus
from app.dates import add_time_columns
from app.labels import type_label
from app.places import COUNTRY, PLACE
from preprocessing.cli import main as cli_main
from preprocessing.model import Article
from preprocessing.schema import COLUMNS, LIST_COLUMNS
from preprocessing.table import to_frame
from preprocessing.writers import write_records, write_table
from tests import factories
from tests.test_browser import CHROMIUM, browser, start_server, stop_server  # noqa: F401  (browser: a fixture)

ROOT = Path(__file__).resolve().parents[1]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK = '<a href="javascript:alert(1)">click</a>'
BOLD = "<b>Pakistan</b>"
FORMULA = '=HYPERLINK("http://evil.example/?x","click")'
DDE = "-2+3+cmd|' /C calc'!A0"
EVIDENCE = f'=1+1 Pakistan and Russia signed it. {LINK} and {BOLD} too.'
OWN_TAGS = {"<b>", "</b>", "<br>", "<i>", "</i>", "<extra>", "</extra>"}  # the figures' own markup


def hostile_records() -> list[dict]:
    """One event of each kind, every text field an attack on a spreadsheet or on plotly's HTML."""
    e = factories.event
    return [
        e("ev_h_transfer", "arms_transfer", subtype=LINK, name=FORMULA, date_start="2021-05",
          date_text="@date", countries=["Pakistan", "=1+1", "+Russia"], actor1=LINK, actor2=BOLD,
          people=["@attacker", DDE], organizations=["\tTabbed Org"], location="\rCR place", quantity=-5,
          quantity_unit="<b>units</b>", equipment=[LINK, "=SUM(A1)"], sources=[FORMULA], attributed_to="+44 20",
          evidence=EVIDENCE, conflicts="-name: x (A) vs y (B)"),
        e("ev_h_exercise", "exercise", subtype="bilateral", name=f"{LINK}-5", date_start="2020-11-08",
          date_end="2020-11-21", countries=[BOLD, "Russia"], actor1=BOLD, location=LINK, quantity=150,
          quantity_unit="<b>troops</b>", evidence=EVIDENCE),
        e("ev_h_alongside", "exercise", subtype="multilateral", name=f"{BOLD}-2020", date_start="2020-09",
          countries=["Pakistan", "Russia"], location=LINK, evidence=EVIDENCE),
        e("ev_h_policy", "policy", subtype="<b>embargo</b>_lifted", date_start="2014", countries=[LINK],
          actor1=LINK, actor2=BOLD, evidence=EVIDENCE),
        e("ev_h_visit", "visit", subtype="official_visit", date_start="2019-07-03", countries=["Pakistan", "Russia"],
          actor1=LINK, actor2=BOLD, people=[BOLD], location=LINK, evidence=EVIDENCE),
        e("ev_h_meeting", "visit", subtype=LINK, date_start="2019-08", countries=["Pakistan", "Russia"],
          evidence=EVIDENCE),
        e("ev_h_odd", f"{LINK}_type", date_start="2018", countries=["Pakistan", "Russia"], evidence=EVIDENCE),
    ]


@pytest.fixture
def hostile() -> pd.DataFrame:
    return add_time_columns(to_frame(hostile_records()))


# ---------------------------------------------------------------- CSV: spreadsheet-safe


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_spreadsheet_safe(rows: list[dict[str, str]], list_columns) -> None:
    """No cell, and no item of a ';'-joined list, starts a formula; the number column stays a number."""
    assert rows
    for row in rows:
        for col, cell in row.items():
            if col in ("quantity", "source_count", "inferred"):
                continue
            for part in cell.split(";") if col in list_columns else [cell]:
                assert not part.startswith(FORMULA_STARTS), (row["event_id"], col, cell)


def assert_neutralised_as_owasp_says(text: str) -> None:
    """Each formula cell keeps its value behind a leading ' and is quoted; numbers stay bare numbers."""
    row = next(r for r in csv_rows(text) if r["event_id"] == "ev_h_transfer")
    assert row["name"] == "'" + FORMULA and row["sources"] == "'" + FORMULA
    assert row["countries"] == "Pakistan;'=1+1;'+Russia"
    assert row["people"] == f"'@attacker;'{DDE}" and row["organizations"] == "'\tTabbed Org"
    assert row["location"] == "'\rCR place" and row["date_text"] == "'@date"
    assert row["evidence"] == "'" + EVIDENCE and row["conflicts"].startswith("'-name")
    assert row["equipment"] == f"{LINK};'=SUM(A1)" and row["attributed_to"] == "'+44 20"
    assert row["actor1"] == LINK  # not a formula: kept as it is
    assert row["quantity"] == "-5" and row["inferred"] == "False"  # a negative number is not a formula
    line = next(x for x in text.split("\n") if x.startswith('"ev_h_transfer"'))
    assert '"\'=HYPERLINK(""http://evil.example/?x"",""click"")"' in line  # quoted, quotes doubled
    assert ",-5," in line and ',"\'@date",' in line


def test_dashboard_csv_neutralises_every_formula_cell(hostile):
    columns = list(COLUMNS) + ["review_status", "edited_fields"]
    curated = hostile.assign(review_status="=1+1", edited_fields=[["name", "@x"]] * len(hostile))
    text = exports.to_csv(curated, columns).decode("utf-8")
    assert text.split("\n")[0] == ",".join(columns)  # the header as it always was
    assert_spreadsheet_safe(csv_rows(text), exports.LIST_COLUMNS)
    assert_neutralised_as_owasp_says(text)
    assert {r["edited_fields"] for r in csv_rows(text)} == {"name;'@x"}


def test_cli_csv_neutralises_every_formula_cell(hostile, tmp_path):
    out = io.StringIO(newline="")
    write_records(hostile_records(), out, "csv")
    assert_spreadsheet_safe(csv_rows(out.getvalue()), LIST_COLUMNS)
    assert_neutralised_as_owasp_says(out.getvalue())
    write_table(hostile[list(COLUMNS)], tmp_path / "t.csv", "csv")  # from a DataFrame, as the tests score it
    from_frame = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    assert_spreadsheet_safe(csv_rows(from_frame), LIST_COLUMNS)
    assert_neutralised_as_owasp_says(from_frame)


def test_the_command_writes_a_hostile_title_and_sentence_as_text(tmp_path, capsys):
    article = tmp_path / "hostile.md"
    article.write_text(f"---\ntitle: {FORMULA}\nsource: @evil\npublished: 2021-03-15\n---\n"
                       "=1+1 Pakistan and China began the joint air exercise Shaheen-IX in Bhholari on Sunday.\n",
                       encoding="utf-8")
    assert cli_main(["extract", str(article)]) == 0
    rows = csv_rows(capsys.readouterr().out)
    assert_spreadsheet_safe(rows, LIST_COLUMNS)
    assert rows[0]["sources"] == "'" + FORMULA
    assert rows[0]["evidence"].startswith("'=1+1 Pakistan")


def test_json_and_parquet_keep_values_as_they_are(hostile, tmp_path):
    columns = list(COLUMNS)
    by_id = {r["event_id"]: r for r in json.loads(exports.to_json(hostile, columns))}
    transfer = by_id["ev_h_transfer"]
    assert transfer["name"] == FORMULA and transfer["countries"] == ["Pakistan", "=1+1", "+Russia"]
    assert transfer["location"] == "\rCR place" and transfer["quantity"] == -5
    back = pq.read_table(io.BytesIO(exports.to_parquet(hostile, columns))).to_pandas().set_index("event_id")
    assert back.loc["ev_h_transfer", "name"] == FORMULA and back.loc["ev_h_transfer", "quantity"] == -5
    assert list(back.loc["ev_h_transfer", "people"]) == ["@attacker", DDE]

    write_records(hostile_records(), tmp_path / "e.json", "json")
    (cli,) = [r for r in json.loads((tmp_path / "e.json").read_text("utf-8")) if r["event_id"] == "ev_h_transfer"]
    assert cli["evidence"] == EVIDENCE and cli["organizations"] == ["\tTabbed Org"]
    write_records(hostile_records(), tmp_path / "e.parquet", "parquet")
    back = pd.read_parquet(tmp_path / "e.parquet").set_index("event_id")
    assert back.loc["ev_h_transfer", "date_text"] == "@date" and back.loc["ev_h_transfer", "quantity"] == -5


# ---------------------------------------------------------------- charts: data is text, never markup


NEVER_DRAWN = {"legendgroup", "customdata"}  # identifiers plotly does not show


def strings(obj):
    """Every string a figure may draw: trace names, texts, hover texts, categories, titles, ticks."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            if key not in NEVER_DRAWN:
                yield from strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from strings(value)


def assert_markup_is_the_figures_own(fig, *shown: str) -> None:
    """No tag but the figure's own (bold titles, line breaks, italics); the hostile values do reach the
    figure, as text."""
    every = list(strings(json.loads(fig.to_json())))
    tags = {tag for s in every for tag in re.findall(r"<[^<>]*>", s)}
    assert tags <= OWN_TAGS, tags - OWN_TAGS
    assert not any("<a" in s.lower() for s in every)
    for text in shown:
        assert any(text in s for s in every), text


ESCAPED_LINK = figures.plain(LINK)  # &lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;
ESCAPED_BOLD = "&lt;b&gt;Pakistan&lt;/b&gt;"


def test_the_timeline_shows_hostile_types_and_names_as_text(hostile):
    fig = figures.timeline(hostile)
    assert_markup_is_the_figures_own(fig, ESCAPED_LINK, ESCAPED_BOLD)
    assert figures.plain(type_label(f"{LINK}_type")) in fig.layout.yaxis.categoryarray  # an unknown type's row


def test_the_exercise_chart_shows_hostile_series_rows_and_notes_as_text(hostile):
    editions = tables.exercise_editions(hostile, country_of=lambda place: "")
    chosen = editions[editions["kind"] == "bilateral"]
    series = chosen["series"].iloc[0]
    fig = figures.exercise_series(chosen, series, editions[editions["kind"] == "multilateral"])
    assert_markup_is_the_figures_own(fig, ESCAPED_LINK, ESCAPED_BOLD)
    assert fig.layout.title.text.startswith(figures.plain(series))
    assert f"{ESCAPED_LINK}-5" in fig.layout.yaxis.categoryarray  # the edition's row
    assert any(t.name == f"{figures.plain(series)} (reported)" for t in fig.data)


def test_the_transfers_chart_shows_hostile_pairs_labels_and_policies_as_text(hostile):
    fig = figures.transfers_over_time(hostile)
    assert_markup_is_the_figures_own(fig, ESCAPED_LINK, ESCAPED_BOLD)
    pair = f"{ESCAPED_LINK} → {ESCAPED_BOLD}"
    assert pair in fig.layout.yaxis.categoryarray
    (transfer,) = [t for t in fig.data if t.customdata is not None and "ev_h_transfer" in t.customdata]
    assert list(transfer.y) == [pair] and transfer.name == figures.plain(LINK.capitalize())
    assert transfer.hovertext[0].count(pair) == 1  # escaped once, not twice
    (policy,) = [t for t in fig.data if t.name == "Policy change"]
    assert list(policy.y) == [f"Policy: {pair}"] and f"Policy: {pair}" in fig.layout.yaxis.categoryarray


def test_the_visit_charts_and_counts_show_hostile_values_as_text(hostile):
    assert_markup_is_the_figures_own(figures.visits_timeline(hostile), ESCAPED_LINK, ESCAPED_BOLD)
    assert_markup_is_the_figures_own(figures.counts_per_year(hostile))


def test_the_relations_chart_shows_hostile_pairs_and_types_as_text(hostile):
    fig = relations_figures.events_per_year([(f"{BOLD} – Russia", hostile), (LINK, hostile)])
    assert_markup_is_the_figures_own(fig, ESCAPED_LINK, ESCAPED_BOLD)
    assert figures.plain(type_label(f"{LINK}_type")) in {t.name for t in fig.data}


def test_the_map_shows_hostile_places_countries_and_labels_as_text():
    points = pd.DataFrame({
        "place": [LINK, BOLD], "country": [BOLD, ""], "kind": [PLACE, COUNTRY], "capital": ["", LINK],
        "lat": [30.0, 30.0], "lon": [70.0, 70.0], "events": [1, 1], "types": [["exercise"], ["visit"]],
        "labels": [[f"2020: {LINK}"], [f"2019: {BOLD}"]], "event_ids": [["a"], ["b"]]})
    fig = event_map.event_map(points)
    assert_markup_is_the_figures_own(fig, ESCAPED_LINK, ESCAPED_BOLD)
    assert ESCAPED_LINK in list(fig.data[0].text) + list(fig.data[1].text)


def test_quotes_in_chart_text_are_not_turned_into_entities():
    # plotly turns &amp; &lt; &gt; back into characters, but would show &quot; as written
    assert figures.plain('He said "yes" & <b>') == 'He said "yes" &amp; &lt;b&gt;'


# ---------------------------------------------------------------- the Sources page: one link, the article's own

LINK_TITLE = "Read http://evil.example/x, HTTPS://evil.example/y, www.evil.example or mail a@evil.example"
OWN_URL = "https://example.org/own"
# Streamlit's markdown turns these into links even when every mark is backslash-escaped
# (mdast-util-gfm-autolink-literal, run on the text after escapes are read).
AUTOLINKS = (re.compile(r"(?<![^\s\W])(https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII),
             re.compile(r"(?<![^\s\W])[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII))


def shown(markdown: str) -> str:
    """The text markdown shows once its backslash escapes are read."""
    return re.sub(r"\\(.)", r"\1", markdown)


def autolinked(markdown: str) -> list[str]:
    return [m.group(0) for pattern in AUTOLINKS for m in pattern.finditer(shown(markdown))]


@pytest.fixture
def link_title(monkeypatch):
    monkeypatch.setattr(script_runner, "_mpa_v1", lambda _main_script_path: dashboard.run())  # as tests/test_pages
    article = Article("c.md", "Pakistan and Russia met.", title=LINK_TITLE, source="www.evil.example",
                      url=OWN_URL)
    table = Corpus(events=factories.events_table(), articles=(*factories.articles(), article),
                   spans=factories.spans(), columns=tuple(COLUMNS))
    monkeypatch.setattr(corpus, "load_corpus", lambda: table)


def test_a_title_with_addresses_is_shown_as_text_and_only_the_own_url_links(link_title):
    assert autolinked(LINK_TITLE)  # the check sees what Streamlit would link
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["article"] = LINK_TITLE
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    (heading,) = at.subheader[:1]
    assert shown(heading.value).replace("\u2060", "") == LINK_TITLE  # every character shown as written
    assert not autolinked(heading.value), autolinked(heading.value)
    (meta,) = [c.value for c in at.caption if "evil" in c.value]  # the source, "www.evil.example"
    assert not autolinked(meta), autolinked(meta)
    assert [b.proto.url for b in at.get("link_button")] == [OWN_URL]


HOSTILE_ARTICLE = f"""---
title: {LINK_TITLE}
source: www.evil.example
url: {OWN_URL}
published: 2021-05-01
---
Pakistan and Russia signed a defence cooperation agreement in April 2021.
"""


def test_in_a_browser_the_sources_page_links_only_the_articles_own_url(browser, tmp_path):  # noqa: F811
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "link_title.md").write_text(HOSTILE_ARTICLE, "utf-8")
    proc, base = start_server({corpus.ENV_VAR: str(corpus_dir), "DATABASE_URL": f"sqlite:///{tmp_path}/s.sqlite"},
                              tmp_path / "streamlit.log")
    try:
        page = browser.new_page()
        page.goto(f"{base}/sources")
        # the whole run is drawn: the link button and the last heading
        page.locator("[data-testid='stLinkButton'] a").wait_for(timeout=30_000)
        page.locator("[data-testid='stMain'] h3", has_text="Events read from this article").wait_for()
        hrefs = page.eval_on_selector_all("[data-testid='stMain'] a", "links => links.map(a => a.href)")
        heading = page.locator("[data-testid='stMain'] h3", has_text="evil.example").first.inner_text()
        page.close()
    finally:
        stop_server(proc)
    assert heading.replace("\u2060", "") == LINK_TITLE
    assert not [h for h in hrefs if "evil.example" in h], hrefs
    assert OWN_URL in hrefs  # the "Open the original" button
