"""app.figures: every figure has a title, axis titles with units, legend titles, and safe wrapped hover."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from app import figures, tables
from tests.factories import CANCELLED_IDS, PLANNED_IDS, events_table, events_with_status


@pytest.fixture(scope="module")
def events():
    return events_table()


def points_of(fig: go.Figure) -> list[str]:
    """Every event id plotted as a point, across traces."""
    return [i for t in fig.data if t.customdata is not None for i in t.customdata]


def hover_of(fig: go.Figure) -> str:
    return "\n".join(h for t in fig.data if t.hovertext is not None for h in t.hovertext)


def assert_readable(fig: go.Figure, x_title: str, y_title: str) -> None:
    layout = fig.layout
    assert layout.title.text, "figure has no title"
    assert layout.xaxis.title.text == x_title and layout.yaxis.title.text == y_title
    assert layout.legend.title.text, "figure has no legend title"


def figure_cases(events):
    ed = tables.exercise_editions(events)
    return [
        figures.timeline(events),
        figures.exercise_series(ed[ed["series"] == "Druzhba"], "Druzhba", ed[ed["kind"] == "multilateral"]),
        figures.transfers_over_time(events),
        figures.visits_timeline(events),
        figures.counts_per_year(events[events["event_type"].isin(["visit", "agreement"])]),
    ]


def test_timeline_has_every_dated_event_coloured_by_type(events):
    fig = figures.timeline(events)
    assert_readable(fig, figures.DATE_AXIS, "Event type")
    assert sorted(points_of(fig)) == sorted(events.loc[events["when"].notna(), "event_id"])
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend == ["Exercise", "Arms transfer", "Visit or meeting", "Agreement", "Policy change",
                      "Inferred (hollow marker)"]
    assert len({t.marker.color for t in fig.data if t.customdata is not None}) == 5
    # Inferred rows are drawn hollow, in the same legend group as their type.
    symbols = {i: t.marker.symbol for t in fig.data if t.name == "Exercise" and t.customdata is not None
               for i in t.customdata}
    assert symbols["ev_druzhba1"] == "circle-open" and symbols["ev_druzhba5"] == "circle"
    # the type's legend entry is filled even when its first points are inferred: hollow means inferred
    key = next(t for t in fig.data if t.name == "Exercise" and t.showlegend is not False)
    assert key.customdata is None and key.marker.symbol == "circle"


def test_hover_quotes_the_evidence_escaped_and_wrapped(events):
    text = hover_of(figures.timeline(events))
    assert "The 5th round of the exercise began on Sunday." in text
    assert "&lt;b&gt;on Friday&lt;/b&gt;" in text and "<b>on Friday</b>" not in text
    long = figures.wrap("word " * 60)
    assert long.count("<br>") >= 3 and all(len(line) <= figures.HOVER_WIDTH for line in long.split("<br>"))
    assert figures.wrap("x " * 2000).endswith("…")


def test_exercise_series_shows_editions_reported_and_inferred(events):
    ed = tables.exercise_editions(events)
    fig = figures.exercise_series(ed[ed["series"] == "Druzhba"], "Druzhba", ed[ed["kind"] == "multilateral"])
    assert_readable(fig, figures.DATE_AXIS, "Exercise (edition)")
    names = {t.name: list(t.y) for t in fig.data if t.showlegend is not False}
    assert names["Druzhba (reported)"] == ["Druzhba-4", "Druzhba-5"]
    assert names["Druzhba (inferred from the text)"] == ["Druzhba-1"]
    assert names["Multilateral exercises"] == ["Kavkaz"], "other exercises: one row per series"
    assert "Kavkaz-2020" in next(t for t in fig.data if t.name == "Multilateral exercises").hovertext[0]
    reported = next(t for t in fig.data if t.name == "Druzhba (reported)")
    inferred = next(t for t in fig.data if t.name == "Druzhba (inferred from the text)")
    assert reported.marker.symbol != inferred.marker.symbol
    assert "host Pakistan · 150 troops" in reported.text
    # The start–end span of Druzhba-5 is drawn as a line.
    spans = [t for t in fig.data if t.mode == "lines"]
    assert [list(t.y) for t in spans] == [["Druzhba-5", "Druzhba-5"]]
    assert pd.Timestamp(spans[0].x[1]) == pd.Timestamp("2020-11-21")
    # Chronological, earliest at the top.
    assert list(fig.layout.yaxis.categoryarray) == ["Druzhba-5", "Kavkaz", "Druzhba-4", "Druzhba-1"]


def test_transfers_chart_by_pair_with_policy_marked(events):
    fig = figures.transfers_over_time(events)
    assert_readable(fig, figures.DATE_AXIS, "Supplier → recipient")
    delivery = next(t for t in fig.data if t.name == "Delivery")
    assert set(delivery.y) == {"Russia → Pakistan", "China → Pakistan"}
    assert "Mi-35 ×4" in delivery.text
    policy = next(t for t in fig.data if t.name == "Policy change")
    # who did what to whom: the row names the pair, the label what changed
    assert list(policy.customdata) == ["ev_embargo"] and list(policy.text) == ["embargo lifted"]
    assert list(policy.y) == ["Policy: Russia → Pakistan"] and "Policy: Russia → Pakistan" in fig.layout.yaxis.categoryarray
    assert "Russia → Pakistan: embargo lifted" in policy.hovertext[0]
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].yref == "paper"


def test_meetings_inferred_and_planned_events_each_have_their_own_mark_in_the_legend(events):
    events = events.copy()
    meeting = events["event_id"] == "ev_meeting"
    events.loc[meeting, "date_start"] = "2021-03-04"
    events.loc[meeting, "when"] = pd.Timestamp("2021-03-04")
    events.loc[meeting, "inferred"] = True  # an inferred meeting: hollow square, never a plain hollow circle
    fig = figures.visits_timeline(events)
    keys = {t.name: t.marker.symbol for t in fig.data if t.showlegend is not False}
    assert keys["Official visit"] == "circle" and keys["Meeting"] == "square" and keys["Agreement"] == "star"
    assert keys["Inferred (hollow marker)"] == "circle-open"
    points = {i: t.marker.symbol for t in fig.data if t.customdata is not None for i in t.customdata}
    assert points["ev_meeting"] == "square-open" and points["ev_visit"] == "circle"


def test_visits_timeline_and_counts(events):
    fig = figures.visits_timeline(events)
    assert_readable(fig, figures.DATE_AXIS, "Kind of event")
    assert {t.name for t in fig.data} == {"Official visit", "Agreement"}  # the meeting is undated
    assert "Russia visited Pakistan" in hover_of(fig)
    bars = figures.counts_per_year(events[events["event_type"].isin(["visit", "agreement"])])
    assert_readable(bars, "Year", "Number of events")
    assert {t.name: (list(t.x), list(t.y)) for t in bars.data} == {
        "Official visit": ([2019], [1]), "Agreement": ([2018], [1])}
    assert bars.layout.barmode == "stack"


def test_every_figure_uses_the_house_template(events):
    for fig in figure_cases(events):
        assert fig.layout.template.layout.font.family == figures.TEMPLATE.layout.font.family
        assert fig.layout.title.text


def test_empty_input_gives_an_empty_figure_not_an_error(events):
    empty = events.iloc[0:0]
    for fig in figure_cases(empty):
        assert points_of(fig) == []


# ---------------------------------------------------------------- planned and cancelled events


def trace(fig: go.Figure, name: str, with_points: bool = True) -> go.Scatter:
    (found,) = [t for t in fig.data if t.name == name and (t.customdata is not None) == with_points]
    return found


def legend(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False]


def test_timeline_marks_planned_and_cancelled_events_apart_from_reported_and_inferred():
    events = events_with_status()
    fig = figures.timeline(events)
    assert sorted(points_of(fig)) == sorted(events.loc[events["when"].notna(), "event_id"]), "none left out"
    planned, cancelled = trace(fig, figures.PLANNED), trace(fig, figures.CANCELLED)
    assert sorted(planned.customdata) == sorted(PLANNED_IDS) and list(cancelled.customdata) == list(CANCELLED_IDS)
    assert set(planned.marker.symbol) == {"triangle-right"} and set(cancelled.marker.symbol) == {"x"}
    # Each keeps its row and its type's colour.
    by_id = dict(zip(planned.customdata, zip(planned.y, planned.marker.color)))
    assert by_id["ev_druzhba5"] == ("Exercise", figures.TYPE_COLOURS["exercise"])
    assert by_id["ev_visit"] == ("Visit or meeting", figures.TYPE_COLOURS["visit"])
    # The type traces hold only reported events; reported, inferred, planned and cancelled never share a shape.
    exercise_ids = {i for t in fig.data if t.name == "Exercise" and t.customdata is not None for i in t.customdata}
    assert exercise_ids == {"ev_druzhba1", "ev_druzhba4"}
    shapes = {t.marker.symbol for t in fig.data if t.name == "Exercise"} | {"triangle-right", "x"}
    assert shapes == {"circle", "circle-open", "triangle-right", "x"}
    # One grey legend entry per status, in the same legend group as its points (a click hides them).
    assert legend(fig) == ["Exercise", "Arms transfer", "Agreement", "Policy change", figures.PLANNED,
                           figures.CANCELLED, "Inferred (hollow marker)"]
    key = trace(fig, figures.PLANNED, with_points=False)
    assert key.legendgroup == planned.legendgroup == "planned" and planned.showlegend is False
    assert key.marker.color == figures.KEY_COLOUR and key.marker.symbol == "triangle-right"
    # A type whose only dated events are planned keeps its row.
    assert "Visit or meeting" in fig.layout.yaxis.categoryarray
    assert "<i>planned: announced or scheduled, not yet reported as held</i>" in "\n".join(planned.hovertext)
    assert "<i>cancelled: called off, or postponed without a new date</i>" in cancelled.hovertext[0]


def test_a_planned_event_the_text_only_implies_is_a_hollow_triangle():
    events = events_with_status()
    events.loc[events["event_id"] == "ev_druzhba1", "status"] = "planned"
    planned = trace(figures.timeline(events), figures.PLANNED)
    symbols = dict(zip(planned.customdata, planned.marker.symbol))
    assert symbols["ev_druzhba1"] == "triangle-right-open" and symbols["ev_druzhba5"] == "triangle-right"


def test_the_exercise_chart_stays_readable_with_hundreds_of_other_exercises():
    rows = []
    for i in range(400):  # 40 multilateral series of 10 editions each, beside one chosen series
        rows.append({"event_id": f"ev_{i}", "label": f"Series{i % 40}-{2000 + i // 40}", "series": f"Series{i % 40}",
                     "edition": str(2000 + i // 40), "kind": "multilateral", "host": "", "venue": "",
                     "participants": "", "troops": "", "when": pd.Timestamp(f"{2000 + i // 40}-06-01"),
                     "when_end": pd.NaT, "when_label": str(2000 + i // 40), "inferred": False, "status": "reported",
                     "evidence": "x", "date_start": str(2000 + i // 40), "date_end": "", "sources": ["a"]})
    others = pd.DataFrame(rows).astype({"when": "datetime64[us]", "when_end": "datetime64[us]"})
    chosen = others.iloc[:3].assign(series="Chosen", label=["Chosen-1", "Chosen-2", "Chosen-3"], kind="bilateral")
    fig = figures.exercise_series(chosen, "Chosen", others)
    rows_drawn = list(fig.layout.yaxis.categoryarray)
    assert len(rows_drawn) == 3 + figures.ALONGSIDE_SERIES + 1, "the chosen editions, 8 series, one shared row"
    assert "Other multilateral exercises (32 series)" in rows_drawn
    assert fig.layout.height <= 800
    assert sorted(points_of(fig)) == sorted([*others["event_id"], *chosen["event_id"]]), "nothing dropped"


def test_timeline_without_planned_or_cancelled_events_has_no_key_for_them(events):
    names = legend(figures.timeline(events))
    assert figures.PLANNED not in names and figures.CANCELLED not in names


def test_exercise_series_marks_planned_and_cancelled_editions():
    ed = tables.exercise_editions(events_with_status())
    fig = figures.exercise_series(ed[ed["series"] == "Druzhba"], "Druzhba", ed[ed["kind"] == "multilateral"])
    names = {t.name: list(t.y) for t in fig.data if t.showlegend is not False}
    assert names == {"Druzhba (reported)": ["Druzhba-4"], "Druzhba (inferred from the text)": ["Druzhba-1"],
                     "Druzhba (planned)": ["Druzhba-5"], "Multilateral exercises (cancelled)": ["Kavkaz"]}
    planned = trace(fig, "Druzhba (planned)")
    assert planned.marker.symbol == "triangle-right" and planned.marker.color == figures.TYPE_COLOURS["exercise"]
    assert list(planned.text) == ["planned · host Pakistan · 150 troops"]
    assert trace(fig, "Multilateral exercises (cancelled)").marker.symbol == "x"
    (span,) = [t for t in fig.data if t.mode == "lines"]
    assert list(span.y) == ["Druzhba-5", "Druzhba-5"] and span.line.dash == "dash", "a planned span is dashed"


def test_visits_timeline_and_counts_mark_planned_visits():
    events = events_with_status()
    fig = figures.visits_timeline(events)
    planned = trace(fig, figures.PLANNED)
    assert list(planned.customdata) == ["ev_visit"] and list(planned.y) == ["Official visit"]
    assert list(planned.marker.color) == [figures.KIND_COLOURS["Official visit"]]
    assert "Russia will visit Pakistan" in planned.hovertext[0]
    assert legend(fig) == ["Agreement", figures.PLANNED]
    bars = figures.counts_per_year(events[events["event_type"].isin(["visit", "agreement"])])
    assert {t.name: (list(t.x), list(t.y)) for t in bars.data} == {
        "Agreement": ([2018], [1]), figures.PLANNED_BARS: ([2019], [1])}
    assert trace(bars, figures.PLANNED_BARS, with_points=False).marker.pattern.shape == "/"
    cancelled = events.assign(status=events["status"].replace("planned", "cancelled"))
    bars = figures.counts_per_year(cancelled[cancelled["event_type"].isin(["visit", "agreement"])])
    assert [t.name for t in bars.data] == ["Agreement"], "cancelled events are not counted"


def test_transfers_chart_labels_a_planned_delivery():
    events = events_table()
    events.loc[events["event_id"] == "ev_j10c", "status"] = "planned"
    delivery = next(t for t in figures.transfers_over_time(events).data if t.name == "Delivery")
    assert "J-10C ×6 (planned)" in delivery.text and "Mi-35 ×4" in delivery.text


def test_a_policy_with_one_side_known_names_that_side():
    from collections import namedtuple
    Row = namedtuple("Row", "actor1 actor2 countries subtype")
    assert figures.policy_sides(Row("", "Iran", ["Iran"], "embargo_lifted")) == "→ Iran"
    assert figures.policy_sides(Row("United States", "", [], "sanctions_imposed")) == "United States →"
    assert figures.policy_label(Row("", "", ["China", "India"], "cooperation_suspended")) == \
        "China, India: cooperation suspended"


def _many(events: pd.DataFrame, n: int) -> pd.DataFrame:
    """`n` events made of the factory's dated rows, spread over months (ids unique)."""
    dated = events[events["when"].notna()].reset_index(drop=True)
    rows = pd.concat([dated] * (n // len(dated) + 1), ignore_index=True).iloc[:n].copy()
    rows["event_id"] = [f"ev_{i}" for i in range(n)]
    rows["when"] = pd.Series(pd.to_datetime([f"{2015 + i % 10}-{1 + i % 12:02d}-05" for i in range(n)]),
                             index=rows.index).astype("datetime64[us]")
    return rows


def test_thousands_of_events_are_counted_per_type_and_month_and_every_one_is_counted(events):
    many = _many(events, figures.DENSE_EVENTS + 500)
    fig = figures.timeline(many)
    assert "per month" in fig.layout.title.text and f"{figures.DENSE_EVENTS + 500:,} events" in fig.layout.title.text
    assert sum(sum(t.customdata) for t in fig.data) == len(many)
    per_type = {t.name: sum(t.customdata) for t in fig.data}
    expected = many["event_type"].map(figures._type_row).value_counts().to_dict()
    assert per_type == expected
    assert len(fig.to_json()) < 200_000, "counts, not thousands of points, go to the browser"
    one = next(t for t in fig.data if t.name == figures._type_row("exercise"))
    assert "event(s):" in one.hovertext[0] and "reported" in one.hovertext[0]


def test_up_to_the_threshold_every_event_is_its_own_point(events):
    few = _many(events, figures.DENSE_EVENTS)
    assert sorted(points_of(figures.timeline(few))) == sorted(few["event_id"])


def test_a_dense_timeline_escapes_names_in_its_hover(events):
    many = _many(events, figures.DENSE_EVENTS + 1)
    many.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    assert "<img" not in hover_of(figures.timeline(many))


def test_thousands_of_pairs_make_a_chart_of_a_few_screens_with_the_rest_on_one_row(events):
    transfers = events[(events["event_type"] == "arms_transfer") & events["when"].notna()]
    many = pd.concat([transfers.iloc[[0]]] * 200, ignore_index=True)
    many["event_id"] = [f"ev_{i}" for i in range(200)]
    many["actor1"] = ["Russia"] * 50 + [f"Supplier {i}" for i in range(150)]  # 151 pairs, Russia's the biggest
    fig = figures.transfers_over_time(many)
    rows = {y for t in fig.data if t.y is not None for y in t.y if y is not None}
    assert len(rows) == figures.MAX_PAIR_ROWS
    assert f"Other pairs ({151 - (figures.MAX_PAIR_ROWS - 1)})" in rows
    assert any(r.startswith("Russia → ") for r in rows)
    assert sorted(points_of(fig)) == sorted(many["event_id"]), "every transfer is still a point"
    assert "Supplier 149 → " in hover_of(fig), "the hover names the pair a shared row hides"
    assert fig.layout.height < 2000
