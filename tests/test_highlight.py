"""app.highlight: evidence spans marked in escaped article text; nothing in an article runs."""
from __future__ import annotations

from app.highlight import Span, highlight, spans_for
from app.tables import article_events
from tests.factories import ARTICLE_A, TEXT_A, events_table, spans


def body(html_out: str) -> str:
    return html_out.split('<div class="article-text">', 1)[1]


def test_script_and_onerror_are_escaped_text():
    out = highlight("Hi <script>window.__pwned=1</script> and <img src=x onerror=\"window.__pwned=1\">", [])
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in out


def test_hostile_text_inside_a_span_and_in_labels_is_escaped():
    text = 'A <img src=x onerror="alert(1)"> B'
    out = highlight(text, [Span(0, len(text), "ev<1>", "E1<b>", 'title"><script>x</script>', "exercise")])
    assert "<img" not in out and "<script" not in out and "<b>" not in body(out).replace("<mark", "")
    assert "E1&lt;b&gt;" in out and 'data-events="ev&lt;1&gt;"' in out


def test_every_span_is_marked_and_tagged():
    text = "One. Two. Three."
    out = body(highlight(text, [Span(0, 4, "a", "E1", "first", "exercise"),
                                Span(10, 16, "b", "E2", "second", "policy")]))
    assert out.count("<mark") == 2
    assert ">E1</span><mark" in out and ">E2</span><mark" in out
    assert "Two." in out  # unmarked text is kept


def test_overlapping_spans_are_cut_and_name_every_event():
    text = "abcdefghij"
    out = body(highlight(text, [Span(0, 6, "a", "E1", "first", "exercise"),
                                Span(3, 10, "b", "E2", "second", "visit")]))
    assert out.count("<mark") == 3  # abc | def (both) | ghij
    assert 'data-events="a b"' in out
    assert "E1: first; E2: second" in out


def test_text_is_unchanged_apart_from_markup():
    import html
    import re
    out = body(highlight(TEXT_A, [Span(0, 10, "a", "E1", "t", "exercise")]))
    plain = re.sub(r'<span class="ev-tag"[^>]*>.*?</span>', "", out)
    plain = html.unescape(re.sub(r"<[^>]+>", "", plain))
    assert plain == TEXT_A


def test_out_of_range_spans_are_clamped_or_dropped():
    out = body(highlight("short", [Span(-5, 3, "a", "E1", "", ""), Span(4, 99, "b", "E2", "", ""),
                                   Span(3, 3, "c", "E3", "", "")]))
    assert out.count("<mark") == 2 and "E3" not in out


def test_spans_for_an_article_use_its_event_tags():
    rows = article_events(events_table(), spans(), "a.md", ARTICLE_A)
    got = spans_for(rows, spans(), "a.md")
    assert [(s.label, s.event_id) for s in got] == [("E1", "ev_druzhba5"), ("E2", "ev_druzhba4")]
    assert got[0].title.startswith("Exercise · Druzhba-5 · 8 Nov 2020")
    assert all(s.event_id != "ev_j10c" for s in got)
