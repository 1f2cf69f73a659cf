"""Article text with every evidence span marked and labelled by its event, as safe HTML.

All article text is passed through `html.escape` before any markup is added,
so `<script>` or `<img onerror=...>` in an article is shown as characters and
never runs. Labels are escaped too: they come from the extractor, which read
them from the same untrusted text.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .labels import type_colour, type_label


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    event_id: str
    label: str  # short tag shown in the text, e.g. "E3"
    title: str  # longer description for the tooltip, e.g. "Exercise · Druzhba-5 · 8 Nov 2020"
    event_type: str = ""


CSS = """
<style>
.article-text { white-space: pre-wrap; line-height: 1.7; font-size: 1rem; }
.article-text mark { padding: 0.1em 0.15em; border-radius: 0.2em; color: inherit; }
.article-text .ev-tag { font-size: 0.7em; font-weight: 600; vertical-align: super; margin-right: 0.15em;
  padding: 0 0.3em; border-radius: 0.6em; color: #fff; }
</style>
"""


def _clean(spans: list[Span], length: int) -> list[Span]:
    out = []
    for s in spans:
        start, end = max(0, int(s.start)), min(length, int(s.end))
        if start < end:
            out.append(Span(start, end, s.event_id, s.label, s.title, s.event_type))
    return out


def _tint(colour: str) -> str:
    """The type's colour, light enough to read black text on."""
    return colour + "33"  # #RRGGBB + alpha


def highlight(text: str, spans: list[Span]) -> str:
    """HTML of `text` with each span in <mark>, tagged at its start with its event label.

    Overlapping spans (one sentence evidence for two events) are cut at every
    boundary; each piece is marked once and its tooltip names every event it
    supports.
    """
    spans = _clean(spans, len(text))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, s.label)):
        starts.setdefault(s.start, []).append(s)
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        for s in starts.get(a, []):
            parts.append(f'<span class="ev-tag" style="background:{type_colour(s.event_type)}" '
                         f'title="{html.escape(s.title)}">{html.escape(s.label)}</span>')
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if covering:
            title = html.escape("; ".join(dict.fromkeys(f"{s.label}: {s.title}" for s in covering)))
            ids = html.escape(" ".join(dict.fromkeys(s.event_id for s in covering)))
            colour = _tint(type_colour(covering[0].event_type))
            parts.append(f'<mark data-events="{ids}" title="{title}" style="background:{colour}">'
                         f"{piece}</mark>")
        else:
            parts.append(piece)
    return CSS + '<div class="article-text">' + "".join(parts) + "</div>"


def spans_for(rows, spans, doc_id: str) -> list[Span]:
    """Spans of the given events (rows with `tag`, as tables.article_events makes them) in one article."""
    info = {r.event_id: r for r in rows.itertuples()}
    out = []
    for s in spans[(spans["doc_id"] == doc_id) & spans["event_id"].isin(list(info))].itertuples():
        r = info[s.event_id]
        title = " · ".join(x for x in (type_label(r.event_type), r.name, r.when_label,
                                       "inferred" if r.inferred else "") if x)
        out.append(Span(int(s.start), int(s.end), s.event_id, r.tag, title, r.event_type))
    return out
