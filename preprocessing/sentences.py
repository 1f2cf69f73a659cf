"""Split article text into sentences with character offsets; datelines are not sentences."""
from __future__ import annotations

import re

from .model import Article, Sentence

# Abbreviations after which a full stop does not end a sentence (language facts, not domain data).
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "brig", "adm", "cdr", "sgt",
    "gov", "sen", "rep", "st", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.k",
    "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "dept", "govt", "mln", "bln", "hon", "ret", "cmdr", "rs",
}
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[#@]?[A-Z0-9])""")  # "#DRUZHBA" opens one too
# "ISLAMABAD:", "RAWALPINDI –", "MOSCOW, Oct 12 (Reuters) -", "NEW DELHI (AP) —"
_DATELINE = re.compile(
    r"""^[ \t]*[A-Z][A-Z.'’\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+(?:\s+\d{1,2})?(?:,\s*\d{4})?)?"""
    r"""(?:\s*\([^)\n]{1,40}\))?\s*(?::|[-–—]{1,2})\s+""")


def _ends_with_abbreviation(chunk: str) -> bool:
    m = re.search(r"([A-Za-z][A-Za-z.]*)\.$", chunk)
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREV or len(word) == 1  # initials: "J. Smith"


def _paragraph_spans(para: str) -> list[tuple[int, int]]:
    dl = _DATELINE.match(para)
    start = dl.end() if dl else 0
    spans = []
    for m in _BOUNDARY.finditer(para, start):
        if _ends_with_abbreviation(para[start:m.start() + 1].rstrip("\"'”’)]")):
            continue
        if re.search(r"\b(?:No|Nos|Vol|Art|Para|Sec|Sq|Sqn)\.$", para[start:m.start() + 1]) and \
                para[m.end():].lstrip()[:1].isdigit():
            continue  # "No. 17 Squadron": a number follows
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(para)))
    return spans


def split_text(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text`, stripped of surrounding space."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        for s, e in _paragraph_spans(para.group()):
            chunk = para.group()[s:e]
            if not chunk.strip():
                continue
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            out.append((para.start() + s + lead, para.start() + e - trail))
    return out


# Page furniture that survives cleaning: links to other stories, share and follow prompts.
_CHROME = re.compile(r"(?i)^\W{0,3}(?:read more|read also|also read|related(?: stories| news| articles)?|"
                     r"see also|more on this|click here|follow us|subscribe|share this|recommended)\b\s*[:|–—-]?")


def split_sentences(article: Article) -> list[Sentence]:
    """The article's sentences; "Read more: ..." lines are links to other stories, not its text."""
    spans = [(s, e) for s, e in split_text(article.text) if not _CHROME.match(article.text[s:e])]
    return [Sentence(article.doc_id, i, article.text[s:e], s, e) for i, (s, e) in enumerate(spans)]
