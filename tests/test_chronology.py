"""The chronology (app/chronology.py): order, precision, footnotes, safe links and text, the Word file,
and its two download buttons on the Overview page."""
from __future__ import annotations

import io
import re
from datetime import date

import docx
import pandas as pd
import pytest

from app import chronology
from app.dates import add_time_columns
from preprocessing.model import Article
from preprocessing.table import to_frame
from tests import factories
from tests.test_pages import _router_runs_every_page, fixed, run_app  # noqa: F401  (fixtures)

MADE = date(2026, 1, 8)


def markdown(events=None, articles=None, **kw) -> str:
    events = factories.events_table() if events is None else events
    return chronology.chronology_markdown(events, factories.articles() if articles is None else articles,
                                          "Pakistan–Russia", made=MADE, **kw)


def event_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def table(*records: dict) -> pd.DataFrame:
    return add_time_columns(to_frame(list(records)))


def word(events=None, articles=None, **kw) -> docx.document.Document:
    events = factories.events_table() if events is None else events
    data = chronology.chronology_docx(events, factories.articles() if articles is None else articles,
                                      "Pakistan–Russia", made=MADE, **kw)
    return docx.Document(io.BytesIO(data))


# ---------------------------------------------------------------- order and dates


@pytest.mark.parametrize("start, end, expected", [
    ("2020-11-08", "", "8 Nov 2020"),
    ("2019-10", "", "Oct 2019"),
    ("2017", "", "2017"),
    ("2020-11-08", "2020-11-21", "8–21 Nov 2020"),
    ("2020-10-28", "2020-11-03", "28 Oct – 3 Nov 2020"),
    ("2020-12-28", "2021-01-03", "28 Dec 2020 – 3 Jan 2021"),
    ("2019-10", "2019-11", "Oct–Nov 2019"),
    ("2021", "2031", "2021–2031"),
    ("2020-11-08", "2020-12", "8 Nov 2020 – Dec 2020"),  # each end at its own precision
    ("2020-11-08", "2020-11-08", "8 Nov 2020"),
    ("", "2020-11-21", "until 21 Nov 2020"),
    ("", "", ""),
    ("2020-13", "", ""),
])
def test_a_date_is_written_at_its_precision(start, end, expected):
    assert chronology.when_text(start, end) == expected


def test_lines_are_in_date_order_whatever_the_tables_order():
    shuffled = factories.events_table().iloc[::-1]
    lines = event_lines(markdown(shuffled))
    dated = [re.match(r"- \*\*(.+?)\*\*:", line)[1] for line in lines[:-1]]
    assert dated == ["2014", "2016", "2017", "Aug 2018", "3 Jul 2019", "Oct 2019", "Sep 2020", "8–21 Nov 2020",
                     "4 Mar 2022"]
    assert lines[0].startswith("- **2014**: Policy change: arms embargo (Pakistan, Russia). "
                               "“Russia had lifted the embargo on sale of arms to Pakistan in 2014.”[^1]")


def test_a_year_comes_before_the_months_of_that_year():
    events = table(factories.event("ev_day", "visit", date_start="2019-10-05", evidence="A day."),
                   factories.event("ev_month", "visit", date_start="2019-10", evidence="A month."),
                   factories.event("ev_year", "visit", date_start="2019", evidence="A year."))
    assert [line.split("**")[1] for line in event_lines(markdown(events))] == ["2019", "Oct 2019", "5 Oct 2019"]


def test_undated_events_come_last_in_their_own_section():
    events = table(factories.event("ev_none", "visit", name="talks", evidence="They met."),
                   factories.event("ev_bad", "visit", date_start="2020-13", date_precision="month",
                                   evidence="A month that is not one."),
                   factories.event("ev_2015", "agreement", date_start="2015", evidence="Signed in 2015."))
    text = markdown(events)
    dated, undated = text.split("\n## Undated\n")
    assert event_lines(dated) == ["- **2015**: Agreement. “Signed in 2015.”[^1]"]
    assert event_lines(undated) == ["- Visit or meeting: talks. “They met.”[^1]",
                                    "- Visit or meeting. “A month that is not one.”[^1]"]
    assert "## Undated" not in markdown(events.iloc[2:])


def test_planned_cancelled_and_inferred_are_said_in_words():
    lines = event_lines(markdown(factories.events_with_status()))
    assert "Exercise: Druzhba-5 (Pakistan, Russia), planned. “The 5th round" in lines[7]
    assert "Exercise: Kavkaz-2020 (Pakistan, Russia), cancelled. " in lines[6]
    assert "Exercise: Druzhba-1 (Pakistan, Russia), inferred (the text implies it but does not state it)." in lines[1]
    assert ", planned" not in lines[0] and "inferred" not in lines[0]


def test_the_first_evidence_sentence_is_quoted():
    events = table(factories.event("ev", "exercise", date_start="2020", evidence="It began. | It is aimed at peace."))
    assert event_lines(markdown(events)) == ["- **2020**: Exercise. “It began.”[^1]"]


def test_the_header_says_when_and_from_what():
    note = chronology.provenance(["type: exercise", "country: Pakistan"], raw=False, articles=2)
    text = markdown(note=note)
    assert text.startswith("# Pakistan–Russia\n\nMade on 8 Jan 2026: 10 events, 2 sources.\n\n"
                           "Filters: type: exercise; country: Pakistan. Events from the curated table "
                           "(analysts' corrections applied), from a corpus of 2 articles.\n")
    assert chronology.provenance([], raw=True, articles=1) == (
        "No filters: every event in the corpus. Events from the raw extraction, from a corpus of 1 article.")


# ---------------------------------------------------------------- footnotes and links


def test_each_source_has_one_footnote_number_reused_in_reading_order():
    text = markdown(factories.events_table().iloc[::-1])  # the table starts with article B's events
    lines = event_lines(text)
    assert [re.findall(r"\[\^(\d+)\]", line) for line in lines] == [["1"]] * 8 + [["2"], ["2"]]
    definitions = [line for line in text.splitlines() if line.startswith("[^")]
    assert definitions == [
        "[^1]: “Pakistan and Russia hold drills”, Example News, 9 Nov 2020, <https://example.org/a>.",
        "[^2]: “Jets arrive in Pakistan”, Other Wire, 5 Mar 2022.",
    ]


def test_an_event_with_several_sources_cites_each_once():
    events = table(factories.event("ev", "exercise", date_start="2020",
                                   sources=[factories.ARTICLE_B, factories.ARTICLE_A, factories.ARTICLE_B]))
    assert event_lines(markdown(events))[0].endswith("[^1][^2]")
    assert "[^1]: “Jets arrive in Pakistan”" in markdown(events)


def test_only_web_links_are_written():
    articles = [Article(f"{i}.md", "", title=f"T{i}", url=url) for i, url in enumerate(
        ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://example.org/x",
         "http://example.org/ok", " https://example.org/a b>[x](javascript:alert(1)) "])]
    events = table(*[factories.event(f"ev{i}", "visit", date_start="2020", sources=[a.title])
                     for i, a in enumerate(articles)])
    text = markdown(events, articles)
    definitions = [line for line in text.splitlines() if line.startswith("[^")]
    assert definitions[:4] == ["[^1]: “T0”.", "[^2]: “T1”.", "[^3]: “T2”.", "[^4]: “T3”."]
    assert definitions[4] == "[^5]: “T4”, <http://example.org/ok>."
    # A space or ">" would end the autolink and let the rest be read as a Markdown link: encoded.
    assert definitions[5] == "[^6]: “T5”, <https://example.org/a%20b%3E[x](javascript:alert(1))>."
    hrefs = {h.address for p in word(events, articles).paragraphs for h in p.hyperlinks}
    assert hrefs == {"http://example.org/ok", "https://example.org/a%20b%3E[x](javascript:alert(1))"}


def test_a_source_name_two_articles_share_lists_both():
    articles = [Article("a.md", "", title="Drills begin", source="Wire One", url="https://one.example/x"),
                Article("b.md", "", title="Drills begin", source="Wire Two", published=date(2020, 11, 9))]
    events = table(factories.event("ev", "exercise", date_start="2020", sources=["Drills begin"]))
    assert ("[^1]: “Drills begin”, Wire One, <https://one.example/x>; also “Drills begin”, Wire Two, 9 Nov 2020."
            in markdown(events, articles))


def test_a_source_without_its_article_is_named_still():
    events = table(factories.event("ev", "exercise", date_start="2020", sources=["Lost article"]))
    assert "[^1]: “Lost article”." in markdown(events, articles=[])


# ---------------------------------------------------------------- untrusted text


INJECTION = ("See [click](https://evil.example) and ![img](https://evil.example/x.png) **bold** _it_ `code` "
             "<script>alert(1)</script> &amp; [^9] ~~gone~~ $x$ |a|b|\n# heading\n\n- item")


def test_markdown_in_article_text_cannot_add_formatting_or_links():
    events = table(factories.event("ev", "exercise", date_start="2020", name="*Star*", countries=["[A](javascript:x)"],
                                   evidence=INJECTION, sources=["Title with [link](https://evil.example) *"]))
    articles = [Article("a.md", "", title="Title with [link](https://evil.example) *", source="<b>Outlet</b>",
                        url="https://example.org/a")]
    text = chronology.chronology_markdown(events, articles, "A [title](https://evil.example)", made=MADE)
    assert len(text.splitlines()) == 7, "article text never starts a line of its own"
    # Every Markdown-active character from the articles is backslash-escaped.
    unescaped = re.sub(r"\\.", "", text)
    for ch in "[]*_`<>&~$|#":
        found = [m.start() for m in re.finditer(re.escape(ch), unescaped)]
        allowed = {"[": 1 + 1, "]": 1 + 1, "<": 1, ">": 1, "*": 4, "#": 1}.get(ch, 0)  # ours: [^1], <url>, **date**, "# "
        assert len(found) == allowed, (ch, text)
    assert "“See \\[click\\](https://evil.example) and !\\[img\\](https://evil.example/x.png) \\*\\*bold\\*\\*" in text
    assert "\\<script\\>alert(1)\\</script\\> \\&amp; \\[\\^9\\] \\~\\~gone\\~\\~ \\$x\\$ \\|a\\|b\\| \\# heading - item”" in text
    assert text.startswith("# A \\[title\\](https://evil.example)\n")
    assert "[^1]: “Title with \\[link\\](https://evil.example) \\*”, \\<b\\>Outlet\\</b\\>, <https://example.org/a>." in text


def test_the_word_file_keeps_article_text_as_text():
    events = table(factories.event("ev", "exercise", date_start="2020", evidence="Bad\x00 bytes\x0b <b>here</b>"))
    lines = [p.text for p in word(events).paragraphs if p.style.name == "List Bullet"]
    assert lines == ["2020: Exercise. “Bad bytes <b>here</b>”1"]


# ---------------------------------------------------------------- Word


def test_the_word_file_has_the_title_lines_superscript_references_and_linked_sources():
    note = chronology.provenance(["type: exercise"], articles=2)
    document = word(factories.events_with_status().iloc[::-1], note=note)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[:3] == [("Title", "Pakistan–Russia"), ("Normal", "Made on 8 Jan 2026: 10 events, 2 sources."),
                              ("Normal", note)]
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert bullets[0] == ("2014: Policy change: arms embargo (Pakistan, Russia). "
                          "“Russia had lifted the embargo on sale of arms to Pakistan in 2014.”1")
    assert bullets[7] == "8–21 Nov 2020: Exercise: Druzhba-5 (Pakistan, Russia), planned. “The 5th round of the exercise began on Sunday.”1"
    assert bullets[-1] == "Visit or meeting (India, Russia). “The ministers also met on the sidelines.”2"
    assert [text for style, text in paragraphs if style.startswith("Heading")] == ["Undated", "Sources"]
    assert paragraphs.index(("Heading 1", "Undated")) == len(paragraphs) - 5

    first = next(p for p in document.paragraphs if p.style.name == "List Bullet")
    assert first.runs[0].bold and first.runs[0].text == "2014"
    assert first.runs[-1].text == "1" and first.runs[-1].font.superscript

    cited, uncited = document.paragraphs[-2:]
    assert cited.text == "1. “Pakistan and Russia hold drills”, Example News, 9 Nov 2020, https://example.org/a."
    assert [(h.address, h.text) for h in cited.hyperlinks] == [("https://example.org/a", "https://example.org/a")]
    rel = next(r for r in document.part.rels.values() if r.reltype.endswith("/hyperlink"))
    assert rel.is_external and rel.target_ref == "https://example.org/a"
    assert uncited.text == "2. “Jets arrive in Pakistan”, Other Wire, 5 Mar 2022." and not uncited.hyperlinks
    assert document.core_properties.title == "Pakistan–Russia"


def test_several_references_are_separated_in_word():
    events = table(factories.event("ev", "exercise", date_start="2020",
                                   sources=[factories.ARTICLE_A, factories.ARTICLE_B]))
    line = next(p for p in word(events).paragraphs if p.style.name == "List Bullet")
    assert [r.text for r in line.runs if r.font.superscript] == ["1", ",2"]


def test_an_empty_view_makes_valid_files():
    empty = factories.events_table().iloc[0:0]
    assert markdown(empty) == "# Pakistan–Russia\n\nMade on 8 Jan 2026: 0 events, 0 sources.\n"
    assert [p.text for p in word(empty).paragraphs] == ["Pakistan–Russia", "Made on 8 Jan 2026: 0 events, 0 sources."]


# ---------------------------------------------------------------- the page


def test_the_overview_page_offers_the_chronology_as_markdown_and_word(fixed):  # noqa: F811
    at = run_app()
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert {"Chronology (Markdown)", "Chronology (Word)"} <= set(buttons)
    assert all(buttons[label].deferred_file_id for label in ("Chronology (Markdown)", "Chronology (Word)")), \
        "made on the click, not on every run"
