"""Plotly figures from the events table: pure functions, tested without Streamlit.

Every figure has a title, axis titles with units and a legend title. Plotly draws a subset of HTML
(<a href>, <b>, <br>) in every label, so each string from the data is escaped with `plain` where the
figure takes it: hover texts (they quote article sentences, wrapped with <br>), axis categories,
marker texts, legend names and titles.
Undated events cannot be placed on a time axis; the pages say how many were left out.

Markers say how the text knows of an event: filled for reported, hollow for inferred, a right-pointing
triangle for planned (announced or scheduled) and a cross for cancelled (hollow too when inferred),
each keeping the colour of its row. Planned and cancelled events of every row are one trace each, under
one legend entry that shows and hides them.
"""
from __future__ import annotations

import html
import textwrap
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .labels import EVENT_TYPES, STATUS_MEANINGS, TYPE_COLOURS, event_status, subtype_label, type_colour, type_label
from .rows import records

TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
TEMPLATE.layout.update(
    font=dict(family="Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif", size=13, color="#262730"),
    # The title at the very top; the legend at the very bottom of the figure, below the axis title. A
    # legend that wraps (a phone has room for one entry a line) then takes height from the plot instead
    # of running into the title.
    title=dict(x=0, xanchor="left", y=1, yanchor="top", yref="container", pad=dict(t=14), font=dict(size=17),
               automargin=True),
    colorway=[TYPE_COLOURS[t] for t in EVENT_TYPES],
    hoverlabel=dict(bgcolor="white", font_size=12, align="left"),
    legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0),
    margin=dict(l=10, r=20, t=70, b=20),
)
DATE_AXIS = "Date (start of the reported period)"
HOVER_WIDTH = 70
HOVER_LIMIT = 600  # characters of evidence in a tooltip; the table has the rest
SHORT_HOVER = 160  # the same, on a chart of more than GL_POINTS events
GL_POINTS = 1000  # above this many markers a timeline draws with WebGL: SVG takes seconds for thousands
# Above this many dated events the overview's timeline counts them per type and month: thousands of
# overlapping markers say less than their counts, and take the browser seconds to draw. Filtering
# down to this many brings every event back.
DENSE_EVENTS = 2500
POLICY_LINES = 60  # above this many policy changes the transfers chart draws no vertical line for each
LABEL_POINTS = 100  # above this many transfers the point labels go (they overlap anyway); the hover keeps them
# Rows of the transfers chart: the pairs with the most events get their own, the rest share one
# ("Other pairs (312)"), so that thousands of pairs make a chart of a screen or two, not of 48,000 px.
MAX_PAIR_ROWS = 30
MAX_POLICY_ROWS = 12
STATUS_SYMBOLS = {"planned": "triangle-right", "cancelled": "x"}  # reported rows keep their chart's own shape
STATUS_NAMES = {"planned": "Planned", "cancelled": "Cancelled"}  # the hover says what each means
PLANNED, CANCELLED = STATUS_NAMES["planned"], STATUS_NAMES["cancelled"]
KEY_COLOUR = "#555"


def plain(text: object) -> str:
    """Data text that plotly shows as written: &, < and > as entities. Quotes stay as they are: plotly
    turns &amp; &lt; &gt; back into characters but would show &quot; as written."""
    return html.escape(str(text), quote=False)


@lru_cache(maxsize=65536)  # the same sentences are wrapped on every rerun of every page
def wrap(text: str, width: int = HOVER_WIDTH, limit: int = HOVER_LIMIT) -> str:
    """Escaped text broken into <br>-separated lines that fit a tooltip."""
    text = " ".join((text or "").split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return "<br>".join(plain(line) for line in textwrap.wrap(text, width)) or "(no evidence text)"


def _hover_text(title: str, when_label: str, inferred: bool, evidence: str, *lines: str,
                status: str = "reported", limit: int = HOVER_LIMIT) -> str:
    """Tooltip: bold title, date, extra lines (already escaped), status and inference, then the evidence."""
    body = "<br>".join([f"<b>{plain(title)}</b>", plain(when_label), *(x for x in lines if x)])
    status = event_status(status)
    tag = f"<br><i>{status}: {STATUS_MEANINGS[status]}</i>" if status != "reported" else ""
    tag += "<br><i>inferred: the text implies it but does not state it</i>" if inferred else ""
    return f"{body}{tag}<br><br>{wrap(evidence, limit=limit)}"


def _hover(row, *lines: str, limit: int = HOVER_LIMIT) -> str:
    """Tooltip for an events-table row (from records)."""
    title = row.name or type_label(row.event_type)
    return _hover_text(title, row.when_label, row.inferred, row.evidence, *lines,
                       status=getattr(row, "status", ""), limit=limit)


def _hover_limit(points: int) -> int:
    """Evidence characters per tooltip: shorter on a chart of thousands of points, whose hover texts
    would otherwise be megabytes sent to the browser on every rerun (the table has every sentence)."""
    return HOVER_LIMIT if points <= GL_POINTS else SHORT_HOVER


def statuses(rows: pd.DataFrame) -> pd.Series:
    """Each row's status (reported, planned or cancelled); a table without the column is all reported."""
    if "status" not in rows.columns:
        return pd.Series("reported", index=rows.index, dtype="str")
    return pd.Series([event_status(s) for s in rows["status"].tolist()], index=rows.index, dtype="str")


def _countries(row) -> str:
    return plain("Countries: " + ", ".join(row.countries)) if len(row.countries) else ""


def _base(title: str, x_title: str, y_title: str, legend_title: str, height: int = 420) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, title=title, height=height, legend_title_text=legend_title,
                      xaxis_title=x_title, yaxis_title=y_title)
    return fig


def _rows_height(rows: int) -> int:
    """Figure height for a chart with one category row per kind: no tall empty band for one row."""
    return 200 + 55 * max(rows, 1)


def _dated(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["when"].notna()]


def _inferred_key(fig: go.Figure) -> None:
    """One legend entry explaining hollow markers, instead of a hollow twin of every entry."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="Inferred (hollow marker)",
                             marker=dict(size=12, symbol="circle-open", color="#555", line=dict(width=2)),
                             hoverinfo="skip"))


def _markers(fig: go.Figure, rows: pd.DataFrame, y: list[str] | str, name: str, colour: str, hover: list[str],
             symbol: str = "circle") -> None:
    """Reported rows as filled markers and inferred rows as hollow ones, under one legend entry that is
    always drawn filled (hollow means inferred, and says so in its own legend entry)."""
    ys = pd.Series(y if isinstance(y, list) else [y] * len(rows), index=rows.index, dtype="object")
    hovers = pd.Series(hover, index=rows.index, dtype="object")
    for inferred in (False, True):
        part = rows[rows["inferred"] == inferred]
        if part.empty:
            continue
        scatter = go.Scattergl if len(rows) > GL_POINTS else go.Scatter
        fig.add_trace(scatter(
            x=part["when"], y=list(ys[part.index]), mode="markers", name=name, legendgroup=name,
            showlegend=False,
            marker=dict(size=13, color=colour, symbol=symbol + ("-open" if inferred else ""),
                        line=dict(width=2, color=colour)),
            customdata=part["event_id"], hovertext=list(hovers[part.index]), hoverinfo="text"))
    if len(rows):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=name,
                                 marker=dict(size=13, color=colour, symbol=symbol, line=dict(width=2, color=colour)),
                                 hoverinfo="skip"))


def _status_markers(fig: go.Figure, rows: pd.DataFrame, y: pd.Series, colour: pd.Series,
                    hover: pd.Series) -> None:
    """Planned and cancelled rows (of any row of the chart), one trace per status in each row's colour,
    its shape from STATUS_SYMBOLS (hollow when inferred), and one grey legend entry per status that
    shows and hides that trace."""
    status = statuses(rows)
    for code, symbol in STATUS_SYMBOLS.items():
        part = rows[status == code]
        if part.empty:
            continue
        scatter = go.Scattergl if len(part) > GL_POINTS else go.Scatter
        colours = list(colour[part.index])
        fig.add_trace(scatter(
            x=part["when"], y=list(y[part.index]), mode="markers", name=STATUS_NAMES[code], legendgroup=code,
            showlegend=False,
            marker=dict(size=14, color=colours, symbol=[symbol + ("-open" if i else "") for i in part["inferred"]],
                        line=dict(width=2, color=colours)),
            customdata=part["event_id"], hovertext=list(hover[part.index]), hoverinfo="text"))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=STATUS_NAMES[code], legendgroup=code,
                                 marker=dict(size=13, symbol=symbol, color=KEY_COLOUR,
                                             line=dict(width=2, color=KEY_COLOUR)),
                                 hoverinfo="skip"))


def _type_row(code: str) -> str:
    """An event type's row and legend name (an unknown type is its code, which an edit may have typed)."""
    return plain(type_label(code))


def _types_present(dated: pd.DataFrame) -> list[str]:
    present = [t for t in EVENT_TYPES if t in set(dated["event_type"])]
    return present + sorted(set(dated["event_type"]) - set(present))


def is_dense(events: pd.DataFrame) -> bool:
    """Whether timeline() counts these events per month instead of drawing each."""
    return int(events["when"].notna().sum()) > DENSE_EVENTS


def timeline(events: pd.DataFrame) -> go.Figure:
    """Every dated event on one time axis, one row and colour per type; hollow markers are inferred,
    triangles planned, crosses cancelled. More than DENSE_EVENTS: their counts per month (dense_timeline)."""
    dated = _dated(events)
    if is_dense(events):
        return dense_timeline(dated)
    present = _types_present(dated)
    fig = _base("Every dated event over time, by type", DATE_AXIS, "Event type", "Event type",
                height=_rows_height(len(present)))
    status = statuses(dated)
    limit = _hover_limit(len(dated))
    hover = pd.Series([_hover(r, _countries(r), limit=limit) for r in records(dated)], index=dated.index,
                      dtype="object")
    for etype in present:
        rows = dated[(dated["event_type"] == etype) & (status == "reported")]
        _markers(fig, rows, _type_row(etype), _type_row(etype), type_colour(etype), list(hover[rows.index]))
    _status_markers(fig, dated, dated["event_type"].map(_type_row), dated["event_type"].map(type_colour), hover)
    if dated["inferred"].any():
        _inferred_key(fig)
    fig.update_yaxes(categoryorder="array",
                     categoryarray=[_type_row(t) for t in reversed(present)], automargin=True)
    fig.update_xaxes(type="date")
    return fig


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_hover(etype: str, month: pd.Timestamp, status: Counter, names: Counter) -> str:
    parts = [f"{status[c]} {c}" for c in ("reported", "planned", "cancelled") if status[c]]
    top = [plain(n) for n, _ in names.most_common(4)]
    named = ", ".join(top) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return "<br>".join(x for x in (f"<b>{_type_row(etype)}</b>", f"{_MONTH_NAMES[month.month - 1]} {month.year}",
                                   f"{status.total()} event(s): {', '.join(parts)}", named) if x)


def dense_timeline(dated: pd.DataFrame) -> go.Figure:
    """Thousands of dated events: one marker per type and month, its area the number of events that
    month (hover: how many reported, planned and cancelled, and the names among them)."""
    present = _types_present(dated)
    fig = _base(f"Dated events per month, by type ({len(dated):,} events; filter to {DENSE_EVENTS:,} "
                "or fewer to see each one)", "Month", "Event type", "Event type", height=_rows_height(len(present)))
    months = dated["when"].dt.to_period("M").dt.start_time.astype("datetime64[us]")
    status: dict[tuple, Counter] = defaultdict(Counter)
    names: dict[tuple, Counter] = defaultdict(Counter)
    for etype, month, st, name in zip(dated["event_type"].tolist(), months.tolist(), statuses(dated).tolist(),
                                      dated["name"].tolist()):
        status[(etype, month)][st] += 1
        if name:
            names[(etype, month)][name] += 1
    biggest = max(c.total() for c in status.values())
    for etype in present:
        keys = sorted(k for k in status if k[0] == etype)
        sizes = [status[k].total() for k in keys]
        fig.add_trace(go.Scatter(
            x=[k[1] for k in keys], y=[_type_row(etype)] * len(keys), mode="markers", name=_type_row(etype),
            marker=dict(size=[6 + 30 * (n / biggest) ** 0.5 for n in sizes], color=type_colour(etype),
                        opacity=0.75, line=dict(width=1, color=type_colour(etype))),
            customdata=sizes, hovertext=[_month_hover(etype, k[1], status[k], names[k]) for k in keys],
            hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=[_type_row(t) for t in reversed(present)], automargin=True)
    fig.update_xaxes(type="date")
    return fig


def exercise_series(editions: pd.DataFrame, series: str, alongside: pd.DataFrame | None = None) -> go.Figure:
    """Editions of one series on a time axis, plus (optionally) other exercises for context.

    Reported editions are filled circles, inferred ones hollow, planned ones triangles (their span
    dashed) and cancelled ones crosses, each status its own legend entry; a line runs from
    start to end where an end is known; the host and troop numbers are written
    beside each edition.
    """
    if alongside is not None:
        alongside = _collapsed(alongside)
    rows_shown = len(set(editions["label"])) + (0 if alongside is None else len(set(alongside["row"])))
    fig = _base(f"{plain(series)} exercise editions over time" if series else "Exercises over time",
                DATE_AXIS, "Exercise (edition)", "Exercise", height=max(360, 120 + 44 * rows_shown))
    colour = TYPE_COLOURS["exercise"]
    order: list[str] = []

    def add(rows: pd.DataFrame, name: str, symbol: str, color: str, dash: str = "solid"):
        rows = _dated(rows).sort_values("when", kind="stable")
        if rows.empty:
            return
        status = statuses(rows)
        y = [plain(v) for v in (rows["row"] if "row" in rows.columns else rows["label"])]
        for r, row in zip(records(rows), y):
            if pd.notna(r.when_end) and r.when_end > r.when:
                fig.add_trace(go.Scatter(x=[r.when, r.when_end], y=[row] * 2, mode="lines",
                                         line=dict(color=color, width=6, dash=dash), opacity=0.45,
                                         hoverinfo="skip", showlegend=False))
        where = [f"host {r.host}" if r.host else (f"at {r.venue}" if r.venue else "")
                 for r in records(rows)]
        notes = [plain(" · ".join(x for x in (st if st != "reported" else "", w, troops) if x))
                 for st, w, troops in zip(status, where, rows["troops"])]
        # hollow is inferred everywhere: a planned edition the text only implies is a hollow triangle
        symbols = [symbol if not inf or symbol.endswith("-open") else symbol + "-open" for inf in rows["inferred"]]
        fig.add_trace(go.Scatter(
            x=rows["when"], y=y, mode="markers+text" if "row" not in rows.columns else "markers", name=name, text=notes,
            textposition="middle right", textfont=dict(size=12, color="#555"),
            marker=dict(size=14, symbol=symbols[0] if len(set(symbols)) == 1 else symbols, color=color,
                        line=dict(width=2, color=color)),
            customdata=rows["event_id"],
            hovertext=[_hover_text(r.label, r.when_label, r.inferred, r.evidence,
                                   plain(f"Host: {r.host}") if r.host else "",
                                   plain(f"Venue: {r.venue}") if r.venue else "",
                                   plain(f"Participants: {r.participants}") if r.participants else "",
                                   plain(f"Size: {r.troops}") if r.troops else "", status=st)
                       for r, st in zip(records(rows), status)], hoverinfo="text"))
        order.extend(y)

    status = statuses(editions)
    reported = status == "reported"
    shown = plain(series)
    add(editions[~editions["inferred"] & reported], f"{shown} (reported)" if series else "Reported", "circle", colour)
    add(editions[editions["inferred"] & reported], f"{shown} (inferred from the text)" if series else "Inferred",
        "circle-open", colour, "dot")
    add(editions[status == "planned"], f"{shown} (planned)" if series else "Planned", STATUS_SYMBOLS["planned"],
        colour, "dash")
    add(editions[status == "cancelled"], f"{shown} (cancelled)" if series else "Cancelled",
        STATUS_SYMBOLS["cancelled"], colour, "dot")
    if alongside is not None:
        other = statuses(alongside)
        add(alongside[other == "reported"], "Multilateral exercises", "diamond", TYPE_COLOURS["policy"])
        add(alongside[other == "planned"], "Multilateral exercises (planned)", STATUS_SYMBOLS["planned"],
            TYPE_COLOURS["policy"], "dash")
        add(alongside[other == "cancelled"], "Multilateral exercises (cancelled)", STATUS_SYMBOLS["cancelled"],
            TYPE_COLOURS["policy"], "dot")
    # Earliest at the top, like a chronology read downwards.
    labels = list(dict.fromkeys(order))
    dated = pd.concat([_dated(editions)] + ([] if alongside is None else [_dated(alongside)]))
    when: dict = {}
    for lab, w in zip(dated["row"].fillna(dated["label"]) if "row" in dated.columns else dated["label"],
                      dated["when"]):
        lab = plain(lab)  # as the rows are named on the axis
        when[lab] = min(when.get(lab, w), w)  # a collapsed row sits where its first exercise is
    labels.sort(key=lambda lab: when[lab])
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True)
    fig.update_xaxes(type="date")
    _pad_dates(fig, dated["when"], dated["when_end"], right=0.25)
    return fig


ALONGSIDE_SERIES = 8  # multilateral series drawn a row each beside the chosen one; the rest share a row


def _collapsed(alongside: pd.DataFrame) -> pd.DataFrame:
    """Other exercises one row per series (not per edition), the busiest ALONGSIDE_SERIES series apart and
    every other one in a shared row, so the chart stays readable with thousands of articles."""
    names = [s or "Unnamed multilateral exercises" for s in alongside["series"]]
    counts = pd.Series(names, dtype="str").value_counts()
    keep = set(sorted(counts.index, key=lambda n: (-counts[n], n))[:ALONGSIDE_SERIES])
    rest = len(counts) - len(keep)
    rows = [n if n in keep else f"Other multilateral exercises ({rest} series)" for n in names]
    return alongside.assign(row=pd.Series(rows, index=alongside.index, dtype="str"))


def _pad_dates(fig: go.Figure, starts: pd.Series, ends: pd.Series, right: float = 0.1,
               left: float = 0.05) -> None:
    """Widen the date axis so markers at the edges and their side labels are not cut off."""
    values = pd.concat([starts, ends]).dropna()
    if values.empty:
        return
    lo, hi = values.min(), values.max()
    span = max(hi - lo, pd.Timedelta(days=365))
    fig.update_xaxes(range=[lo - span * left, hi + span * right])


def _alternating(rows: pd.DataFrame) -> dict:
    """Label above, then below, then above... along each row, so neighbours' labels do not overlap."""
    out = {}
    for _, part in rows.sort_values("when", kind="stable").groupby("pair", sort=False):
        for i, idx in enumerate(part.index):
            out[idx] = "top center" if i % 2 == 0 else "bottom center"
    return out


TRANSFER_SYMBOLS = {"delivery": "circle", "order": "square", "supply_agreement": "diamond"}


def policy_sides(row) -> str:
    """Who did it to whom: "Russia → Pakistan", "→ Iran" when only the target is known, "United States →"
    when only the actor is, else the countries named."""
    if row.actor1 or row.actor2:
        return f"{row.actor1} → {row.actor2}".strip()
    return ", ".join(row.countries)


def policy_label(row) -> str:
    """"Russia → Pakistan: embargo lifted": who did what to whom."""
    what = subtype_label(row.subtype).lower() or "policy change"
    who = policy_sides(row)
    return f"{who}: {what}" if who else what[:1].upper() + what[1:]


def _top_rows(labels: list[str], keep: int, rest: str) -> list[str]:
    """Each label, or, past the `keep` - 1 most frequent ones, the shared row "rest (how many labels)"."""
    counts = pd.Series(labels, dtype="str").value_counts(sort=True)
    if len(counts) <= keep:
        return labels
    kept = set(counts.index[:keep - 1])
    shared = f"{rest} ({len(counts) - len(kept)})"
    return [label if label in kept else shared for label in labels]


def transfers_over_time(events: pd.DataFrame) -> go.Figure:
    """Arms transfers by supplier → recipient over time, with policy changes marked on the same axis."""
    dated = _dated(events)
    transfers = dated[dated["event_type"] == "arms_transfer"]
    policies = dated[dated["event_type"] == "policy"].sort_values("when", kind="stable")
    pairs = [plain(f"{a or 'unknown supplier'} → {b or 'unknown recipient'}")
             for a, b in zip(transfers["actor1"], transfers["actor2"])]
    # the hover names the pair; the row may be the shared one
    transfers = transfers.assign(pair=pd.Series(pairs, index=transfers.index, dtype="str"),
                                 row=pd.Series(_top_rows(pairs, MAX_PAIR_ROWS, "Other pairs"), index=transfers.index,
                                               dtype="str"))
    rows = sorted(set(transfers["row"]))
    sides = [policy_sides(r) for r in records(policies)]
    policy_rows = _top_rows([plain(f"Policy: {w}" if w else "Policy changes") for w in sides], MAX_POLICY_ROWS,
                            "Policy: other pairs")
    fig = _base("Arms transfers and policy changes over time", DATE_AXIS, "Supplier → recipient",
                "Deal or delivery", height=max(340, 200 + 48 * (len(rows) + len(set(policy_rows)))))
    positions = _alternating(transfers)
    for subtype in sorted(set(transfers["subtype"]), key=lambda s: (s not in TRANSFER_SYMBOLS, s)):
        part = transfers[transfers["subtype"] == subtype]
        text = [plain(" ".join(x for x in (", ".join(eq) or name, "" if pd.isna(q) else f"×{int(q)}",
                                           "" if st == "reported" else f"({st})") if x))
                for eq, name, q, st in zip(part["equipment"], part["name"], part["quantity"], statuses(part))]
        scatter = go.Scattergl if len(transfers) > GL_POINTS else go.Scatter  # SVG takes seconds for thousands
        fig.add_trace(scatter(
            x=part["when"], y=part["row"], mode="markers+text" if len(transfers) <= LABEL_POINTS else "markers",
            name=plain(subtype_label(subtype) or "Unspecified"),
            text=text, textposition=[positions[i] for i in part.index],
            marker=dict(size=14, color=TYPE_COLOURS["arms_transfer"],
                        symbol=[TRANSFER_SYMBOLS.get(subtype, "triangle-up") + ("-open" if i else "")
                                for i in part["inferred"]]),
            customdata=part["event_id"],
            hovertext=[_hover(r, r.pair, plain("Equipment: " + ", ".join(r.equipment))
                              if len(r.equipment) else "",
                              plain(f"Quantity: {int(r.quantity)} {r.quantity_unit}")
                              if pd.notna(r.quantity) else "", limit=_hover_limit(len(transfers)))
                       for r in records(part)], hoverinfo="text"))
    # a row per pair a policy is about ("Policy: Russia → Pakistan"), its marker saying what changed: the
    # rows say who did it to whom, and the short labels leave room for their neighbours
    if len(policies):
        scatter = go.Scattergl if len(policies) > GL_POINTS else go.Scatter
        fig.add_trace(scatter(
            x=policies["when"], y=policy_rows, mode="markers+text" if len(policies) <= LABEL_POINTS else "markers",
            name="Policy change",
            text=[plain(subtype_label(r.subtype).lower() or "policy change") for r in records(policies)],
            textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(policies))],
            marker=dict(size=14, symbol="x", color=TYPE_COLOURS["policy"]),
            customdata=policies["event_id"],
            hovertext=[_hover(r, plain(policy_label(r)), _countries(r), limit=_hover_limit(len(policies)))
                       for r in records(policies)], hoverinfo="text"))
        # All lines in one call: add_shape per line re-validates every earlier shape (quadratic). Past
        # POLICY_LINES the lines would hide the chart (and take seconds to build): the markers stay.
        if len(policies) <= POLICY_LINES:
            fig.update_layout(shapes=[dict(type="line", x0=when, x1=when, y0=0, y1=1, yref="paper", layer="below",
                                           line=dict(color=TYPE_COLOURS["policy"], width=1.5, dash="dot"))
                                      for when in policies["when"]])
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(rows))
                     + sorted(set(policy_rows), reverse=True), automargin=True)
    fig.update_xaxes(type="date")
    _pad_dates(fig, dated["when"], dated["when"].iloc[0:0], right=0.08, left=0.08)
    return fig


VISIT_ROWS = ("Official visit", "Meeting", "Other visit", "Agreement")
# A shape per kind as well as a colour: hollow stays free to mean inferred, triangles planned, crosses cancelled.
KIND_SYMBOLS = {"Official visit": "circle", "Meeting": "square", "Other visit": "diamond", "Agreement": "star"}
# One colour per kind, the same on the visits timeline and the per-year bars.
KIND_COLOURS = {"Official visit": TYPE_COLOURS["visit"], "Meeting": "#56B4E9", "Other visit": "#8FD3B6",
                "Agreement": TYPE_COLOURS["agreement"]}


def _visit_row(etype: str, subtype: str) -> str:
    if etype == "agreement":
        return "Agreement"
    label = subtype_label(subtype)
    return label if label in VISIT_ROWS else "Other visit"


def visits_timeline(events: pd.DataFrame) -> go.Figure:
    """Visits, meetings and agreements on one time axis, one row and colour per kind; planned ones are
    triangles and cancelled ones crosses, as on the overview's timeline."""
    dated = _dated(events)
    dated = dated[dated["event_type"].isin(["visit", "agreement"])]
    rows = pd.Series([_visit_row(t, s) for t, s in zip(dated["event_type"], dated["subtype"])],
                     index=dated.index, dtype="str")
    present = [r for r in VISIT_ROWS if r in set(rows)]
    fig = _base("Visits, meetings and agreements over time", DATE_AXIS, "Kind of event", "Kind of event",
                height=_rows_height(len(present)))
    status = statuses(dated)

    def visited(r, st: str) -> str:
        if not (r.actor1 and r.actor2 and r.event_type == "visit"):
            return ""
        return plain(f"{r.actor1} {'will visit' if st == 'planned' else 'visited'} {r.actor2}")

    hover = pd.Series([_hover(r, visited(r, st),
                              plain("People: " + ", ".join(r.people)) if len(r.people) else "",
                              plain(f"Place: {r.location}") if r.location else "",
                              limit=_hover_limit(len(dated)))
                       for r, st in zip(records(dated), status)], index=dated.index, dtype="object")
    for row in present:
        part = dated[(rows == row) & (status == "reported")]
        _markers(fig, part, row, row, KIND_COLOURS[row], list(hover[part.index]), KIND_SYMBOLS[row])
    _status_markers(fig, dated, rows, rows.map(KIND_COLOURS), hover)
    if dated["inferred"].any():
        _inferred_key(fig)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(present)), automargin=True)
    fig.update_xaxes(type="date")
    _pad_dates(fig, dated["when"], dated["when"].iloc[0:0], right=0.05)
    return fig


PLANNED_BARS = "Planned (any kind)"


def counts_per_year(events: pd.DataFrame, title: str = "Events per year") -> go.Figure:
    """Stacked bars: number of events each year, one colour per kind (visit rows split by subtype).
    Planned events are one hatched grey segment on top, apart from the reported ones; cancelled
    events are not counted."""
    all_dated = _dated(events)
    status = statuses(all_dated)
    dated = all_dated[status == "reported"]
    planned = all_dated[status == "planned"]
    kinds = pd.Series([_visit_row(t, s) if t in ("visit", "agreement") else type_label(t)
                       for t, s in zip(dated["event_type"], dated["subtype"])],
                      index=dated.index, dtype="str")
    fig = _base(title, "Year", "Number of events", "Kind of event", height=360)
    colours = {**{type_label(t): c for t, c in TYPE_COLOURS.items()}, **KIND_COLOURS}
    counts = (pd.DataFrame({"year": dated["year"], "kind": kinds})
              .groupby(["kind", "year"]).size().rename("n").reset_index())
    kinds_present = dict.fromkeys(k for k in (*VISIT_ROWS, *(type_label(t) for t in EVENT_TYPES))
                                  if k in set(counts["kind"]))
    for kind in kinds_present:
        part = counts[counts["kind"] == kind]
        fig.add_trace(go.Bar(x=part["year"].astype("int64"), y=part["n"], name=plain(kind),
                             marker_color=colours.get(kind),
                             hovertemplate=f"{plain(kind)}<br>%{{x}}: %{{y}} event(s)<extra></extra>"))
    ahead = planned.groupby("year").size().rename("n").reset_index()
    if len(ahead):
        fig.add_trace(go.Bar(x=ahead["year"].astype("int64"), y=ahead["n"], name=PLANNED_BARS,
                             marker=dict(color="#E6E6E6", line=dict(color=KEY_COLOUR, width=1),
                                         pattern=dict(shape="/", fgcolor=KEY_COLOUR)),
                             hovertemplate="Planned<br>%{x}: %{y} event(s)<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1, tickformat="d")
    totals = pd.concat([counts[["year", "n"]], ahead]).groupby("year")["n"].sum()
    tallest = totals.max() if len(totals) else 0
    fig.update_yaxes(rangemode="tozero", tick0=0, dtick=1 if tallest < 10 else None)  # whole events only
    return fig
