"""A chronology to cite: the filtered events, one line each in date order, as Markdown and as Word.

Each line gives the date at its precision, what happened (type, name, countries; planned, cancelled
and inferred said in words), the first evidence sentence quoted, and a reference to every source
article. A source gets one number, the first time a line cites it, and keeps it for every later line.
Markdown has real footnotes (`[^1]`); Word gets superscript numbers and a numbered list of sources
with links. Article text is untrusted: it is escaped in Markdown and stripped of characters XML
cannot hold in Word, and only http(s) links are written.
"""
from __future__ import annotations

import io
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from urllib.parse import quote

import pandas as pd

from preprocessing.schema import EVIDENCE_JOINER

from . import safe
from .dates import period_label, period_start
from .labels import event_status, type_label

DEFAULT_TITLE = "Defence cooperation: a chronology"
UNDATED = "Undated"

# Characters with inline meaning in CommonMark, GFM, pandoc or common extensions (links, emphasis,
# code, HTML, footnotes, strikethrough, highlights, maths, tables, mentions). The rest of ASCII
# punctuation is left as it is, so that the file still reads as text: "(" or "!" make a link or an
# image only after a "]" or before a "[". Block syntax cannot start: each text is one line after our prefix.
_MD_SPECIAL = set(string.punctuation) - set(".,;:?!'\"-/%()+")
_MD_ESCAPE = re.compile("([" + re.escape("".join(sorted(_MD_SPECIAL))) + "])")
# What XML 1.0 cannot hold: python-docx (lxml) refuses a string with any of these.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Percent-encoded in links: what would end a Markdown autolink or is not allowed in a URL at all.
_URL_SAFE = "".join(sorted(set(string.punctuation) - set('<>"\\`{}|^ ') | {"%"}))


@dataclass(frozen=True)
class Citation:
    """One article behind a source name: the parts a footnote gives (empty when unknown)."""

    title: str
    outlet: str = ""
    published: str = ""  # "9 Nov 2020"
    url: str = ""  # http(s) only, percent-encoded; "" otherwise


@dataclass(frozen=True)
class Source:
    number: int
    label: str  # the name in the events' `sources` column
    citations: tuple[Citation, ...]  # more than one when articles share the name (then: one of these)


@dataclass(frozen=True)
class Line:
    when: str  # "8–21 Nov 2020", "Oct 2019", "2017"; "" undated ("until …" when only an end is known)
    description: str  # "Exercise: Druzhba-5 (Pakistan, Russia), planned"
    evidence: str  # the first evidence sentence, unquoted
    refs: tuple[int, ...]  # source numbers


@dataclass(frozen=True)
class Chronology:
    title: str
    made: date
    note: str  # what produced it (filters, corpus), or ""
    dated: tuple[Line, ...]
    undated: tuple[Line, ...]
    sources: tuple[Source, ...] = field(default=())

    @property
    def count(self) -> int:
        return len(self.dated) + len(self.undated)


# ---------------------------------------------------------------- text


def _plain(text: object) -> str:
    """One line of text: white space (newlines too) collapsed, characters XML cannot hold dropped."""
    if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text)):
        return ""
    return " ".join(_XML_INVALID.sub("", str(text)).split())


def md_escape(text: object) -> str:
    """Text that Markdown shows literally: links, emphasis, HTML and footnote references stay characters."""
    return _MD_ESCAPE.sub(r"\\\1", _plain(text))


def link(url: object) -> str:
    """A web address fit to write as a link, or "" (javascript:, data:, file:, ... are not links)."""
    url = safe.url(_plain(url))
    # Encoded, not refused: a space or ">" inside would end the autolink and let the rest read as Markdown.
    return quote(url, safe=_URL_SAFE) if url else ""


def _items(value) -> list[str]:
    if value is None or isinstance(value, str) or not isinstance(value, Iterable):
        return [_plain(value)] if _plain(value) else []
    return [t for t in (_plain(v) for v in value) if t]


def _flag(value) -> bool:
    return False if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else bool(value)


# ---------------------------------------------------------------- dates


def when_text(start: str, end: str) -> str:
    """The date as precise as the text was: "8 Nov 2020", "8–21 Nov 2020", "Oct–Nov 2019", "2017–2018";
    "" when there is no start ("until 21 Nov 2020" when only the end is known)."""
    first, last = period_label(_plain(start)), period_label(_plain(end))
    if not first:
        return f"until {last}" if last else ""
    if not last or last == first:
        return first
    a, b = first.split(" "), last.split(" ")
    if len(a) == len(b) == 3 and a[1:] == b[1:]:  # days of one month
        return f"{a[0]}–{b[0]} {b[1]} {b[2]}"
    if len(a) == len(b) == 3 and a[2] == b[2]:  # days of one year
        return f"{a[0]} {a[1]} – {b[0]} {b[1]} {b[2]}"
    if len(a) == len(b) == 2 and a[1] == b[1]:  # months of one year
        return f"{a[0]}–{b[0]} {b[1]}"
    if len(a) == len(b) == 1:  # years
        return f"{first}–{last}"
    return f"{first} – {last}"  # precisions differ: each end as the text gave it


def _date_label(day: date | None) -> str:
    return period_label(day.isoformat()) if isinstance(day, date) else ""


# ---------------------------------------------------------------- the chronology


def describe(row: dict) -> str:
    """What happened, in words: type, name, countries, and whether it was planned, cancelled or inferred."""
    text = type_label(_plain(row.get("event_type")))
    if name := _plain(row.get("name")):
        text += f": {name}"
    if countries := _items(row.get("countries")):
        text += f" ({', '.join(countries)})"
    marks = []
    status = event_status(_plain(row.get("status")))
    if status != "reported":
        marks.append(status)
    if _flag(row.get("inferred")):
        marks.append("inferred (the text implies it but does not state it)")
    return ", ".join([text] + marks)


def _citations(articles: Iterable) -> dict[str, tuple[Citation, ...]]:
    """Source name → the articles that carry it (two articles may share a title: each is listed)."""
    out: dict[str, list[Citation]] = {}
    for a in articles:
        out.setdefault(a.label, []).append(Citation(
            title=_plain(a.title) or _plain(a.label), outlet=_plain(a.source),
            published=_date_label(a.published), url=link(a.url)))
    return {k: tuple(v) for k, v in out.items()}


def provenance(filters: Sequence[str] = (), raw: bool = False, articles: int | None = None) -> str:
    """One sentence on what produced the chronology: the view's filters (Filters.describe()) and the table."""
    text = ("Filters: " + "; ".join(filters) + "." if filters else "No filters: every event in the corpus.")
    table = "the raw extraction" if raw else "the curated table (analysts' corrections applied)"
    corpus = f", from a corpus of {articles} article{'s' if articles != 1 else ''}" if articles is not None else ""
    return f"{text} Events from {table}{corpus}."


def build(events: pd.DataFrame, articles: Iterable, title: str = DEFAULT_TITLE, *, note: str = "",
          made: date | None = None) -> Chronology:
    """The chronology both formats write: lines in date order (undated apart) and numbered sources."""
    citations = _citations(articles)
    keyed, undated = [], []
    for row in events.to_dict("records"):
        start, end = _plain(row.get("date_start")), _plain(row.get("date_end"))
        evidence = _plain(row.get("evidence")).split(EVIDENCE_JOINER)[0]
        line = (when_text(start, end), describe(row), evidence, list(dict.fromkeys(_items(row.get("sources")))))
        first = period_start(start)
        if pd.isna(first):  # no start, or not a date (2020-13): it has no place in the order
            undated.append(line)
        else:  # a period sorts at its start ("2019" before "Oct 2019"), a span after a point on its day
            keyed.append(((first, period_start(end) if end else first), line))
    ordered = [line for _, line in sorted(keyed, key=lambda kv: kv[0])] + undated  # stable: ties keep table order
    # Numbered after sorting, so the numbers run in the order the reader meets the sources.
    numbers: dict[str, int] = {}
    lines = [Line(when, what, evidence, tuple(numbers.setdefault(s, len(numbers) + 1) for s in labels))
             for when, what, evidence, labels in ordered]
    sources = tuple(Source(n, label, citations.get(label, (Citation(label),))) for label, n in numbers.items())
    made = made.date() if isinstance(made, datetime) else made or date.today()
    return Chronology(_plain(title) or DEFAULT_TITLE, made, _plain(note),
                      tuple(lines[:len(keyed)]), tuple(lines[len(keyed):]), sources)


# ---------------------------------------------------------------- Markdown


def _md_line(line: Line) -> str:
    parts = [f"**{md_escape(line.when)}**:" if line.when else "", md_escape(line.description) + "."]
    if line.evidence:
        parts.append(f"“{md_escape(line.evidence)}”")
    refs = "".join(f"[^{n}]" for n in line.refs)
    return "- " + " ".join(p for p in parts if p) + refs


def _md_citation(c: Citation) -> str:
    parts = [f"“{md_escape(c.title)}”"] + [md_escape(p) for p in (c.outlet, c.published) if p]
    return ", ".join(parts) + (f", <{c.url}>" if c.url else "")


def chronology_markdown(events: pd.DataFrame, articles: Iterable, title: str = DEFAULT_TITLE, *,
                        note: str = "", made: date | None = None) -> str:
    """The chronology as Markdown: a bulleted line per event, footnotes (`[^1]`) for its sources."""
    c = build(events, articles, title, note=note, made=made)
    out = [f"# {md_escape(c.title)}", "",
           f"Made on {_date_label(c.made)}: {c.count} event{'s' if c.count != 1 else ''}, "
           f"{len(c.sources)} source{'s' if len(c.sources) != 1 else ''}."]
    if c.note:
        out += ["", md_escape(c.note)]
    if c.dated:
        out += [""] + [_md_line(x) for x in c.dated]
    if c.undated:
        out += ["", f"## {UNDATED}", ""] + [_md_line(x) for x in c.undated]
    if c.sources:
        out.append("")
        for s in c.sources:
            out.append(f"[^{s.number}]: " + "; also ".join(_md_citation(x) for x in s.citations) + ".")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- Word


def _docx_hyperlink(paragraph, url: str, text: str) -> None:
    """A real link (a w:hyperlink with an external relationship), drawn in the Hyperlink style."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _hyperlink_style(document) -> None:
    # python-docx's template has no Hyperlink character style; Word's own is blue and underlined.
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    if "Hyperlink" not in [s.name for s in document.styles]:
        style = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        style.font.underline = True


def _docx_line(document, line: Line) -> None:
    p = document.add_paragraph(style="List Bullet")
    if line.when:
        p.add_run(line.when).bold = True
        p.add_run(": ")
    p.add_run(line.description + ".")
    if line.evidence:
        p.add_run(f" “{line.evidence}”")
    for i, n in enumerate(line.refs):  # "1,2": separate numbers, never "12"
        p.add_run(("," if i else "") + str(n)).font.superscript = True


def chronology_docx(events: pd.DataFrame, articles: Iterable, title: str = DEFAULT_TITLE, *,
                    note: str = "", made: date | None = None) -> bytes:
    """The chronology as a Word document: a line per event with superscript source numbers, then
    "Sources", numbered in the text (not by Word's list numbering, which a paste into a brief could
    continue from another list) with links."""
    import docx

    c = build(events, articles, title, note=note, made=made)
    document = docx.Document()
    _hyperlink_style(document)
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.comments = c.title, "", "", c.note
    props.created = props.modified = datetime.combine(c.made, time(), tzinfo=timezone.utc)

    document.add_heading(c.title, level=0)
    document.add_paragraph(f"Made on {_date_label(c.made)}: {c.count} event{'s' if c.count != 1 else ''}, "
                           f"{len(c.sources)} source{'s' if len(c.sources) != 1 else ''}.")
    if c.note:
        document.add_paragraph(c.note)
    for line in c.dated:
        _docx_line(document, line)
    if c.undated:
        document.add_heading(UNDATED, level=1)
        for line in c.undated:
            _docx_line(document, line)
    if c.sources:
        document.add_heading("Sources", level=1)
        for s in c.sources:
            p = document.add_paragraph()
            p.add_run(f"{s.number}. ")
            for i, x in enumerate(s.citations):
                p.add_run(("; also " if i else "")
                          + ", ".join([f"“{x.title}”"] + [v for v in (x.outlet, x.published) if v])
                          + (", " if x.url else ""))
                if x.url:
                    _docx_hyperlink(p, x.url, x.url)
            p.add_run(".")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
