"""The Relations page's figure: events per year by type for one or two pairs of countries, side by side
on one shared scale. A pure function of the events, tested without Streamlit (tests/test_relations.py)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .figures import KEY_COLOUR, PLANNED_BARS, TEMPLATE, plain
from .labels import EVENT_TYPES, type_colour, type_label
from .relations import yearly_counts

Y_TITLE = "Events per year"
X_TITLE = "Year"


def events_per_year(panels: Sequence[tuple[str, pd.DataFrame]]) -> go.Figure:
    """Stacked bars of reported events per year, one colour per event type, for each (title, events)
    panel (one or two), side by side. The panels share the y axis, so bars of equal height are equal
    counts, and cover the same years. Planned events are one hatched grey segment on top; cancelled
    and undated events are not counted. A type has one legend entry, which shows and hides it in both."""
    counts = [yearly_counts(events) for _, events in panels]
    # One panel needs no title of its own: the figure's names the pair.
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[plain(title) for title, _ in panels] if len(panels) > 1 else None)
    titles = " and ".join(title for title, _ in panels)
    fig.update_layout(template=TEMPLATE, title=f"Events per year by type: {plain(titles)}", height=480,
                      barmode="stack", legend_title_text="Event type")
    every = pd.concat(counts)
    present = [t for t in EVENT_TYPES if t in set(every["event_type"])]
    present += sorted(set(every["event_type"]) - set(present))
    shown: set[str] = set()
    for col, ((title, _), c) in enumerate(zip(panels, counts), start=1):
        reported, planned = c[c["status"] == "reported"], c[c["status"] == "planned"]
        for etype in present:
            part = reported[reported["event_type"] == etype]
            if part.empty:
                continue
            label = plain(type_label(etype))  # an unknown type is its code, which an edit may have typed
            fig.add_trace(go.Bar(
                x=part["year"], y=part["n"], name=label, legendgroup=etype, showlegend=etype not in shown,
                legendrank=present.index(etype) + 1, marker_color=type_colour(etype),  # types in their order
                hovertemplate=f"{plain(title)}<br>{label}<br>%{{x}}: %{{y}} event(s)"
                              "<extra></extra>"),
                row=1, col=col)
            shown.add(etype)
        ahead = planned.groupby("year")["n"].sum().reset_index()
        if len(ahead):
            fig.add_trace(go.Bar(
                x=ahead["year"], y=ahead["n"], name=PLANNED_BARS, legendgroup="planned",
                showlegend="planned" not in shown, legendrank=len(present) + 1,
                marker=dict(color="#E6E6E6", line=dict(color=KEY_COLOUR, width=1),
                            pattern=dict(shape="/", fgcolor=KEY_COLOUR)),
                hovertemplate=f"{plain(title)}<br>Planned<br>%{{x}}: %{{y}} event(s)<extra></extra>"),
                row=1, col=col)
            shown.add("planned")
        if c.empty:
            axis = col if col > 1 else ""
            fig.add_annotation(text="No dated event in view", showarrow=False, font=dict(color=KEY_COLOUR),
                               xref=f"x{axis} domain", yref=f"y{axis} domain", x=0.5, y=0.5)
    _axes(fig, counts)
    return fig


def _axes(fig: go.Figure, counts: list[pd.DataFrame]) -> None:
    """The same years on every panel, whole years and whole events as ticks, axis titles with units."""
    every = pd.concat(counts)
    for col in range(1, len(counts) + 1):
        fig.update_xaxes(title_text=X_TITLE, tickformat="d", row=1, col=col)
        if len(every):
            first, last = int(every["year"].min()), int(every["year"].max())
            fig.update_xaxes(range=[first - 0.6, last + 0.6], dtick=1 if last - first <= 12 else None,
                             row=1, col=col)
    # The tallest stack of either panel sets the shared scale; below ten events, a tick per event.
    tallest = max((int(c.groupby("year")["n"].sum().max()) for c in counts if len(c)), default=0)
    fig.update_yaxes(title_text=Y_TITLE, rangemode="tozero", tick0=0, dtick=1 if tallest < 10 else None,
                     range=None if tallest else [0, 1], row=1, col=1)
