"""Split a Russian article into sentences (razdel), without wire datelines or page furniture."""
from __future__ import annotations

import re

from razdel import sentenize

from ..model import Article, Sentence
from .temporal import dateline_length

# Links to other stories, photo credits, subscription prompts: not the article's text.
_CHROME = re.compile(r"(?i)^\W{0,3}(?:читайте\s+также|читайте\s+нас|смотрите\s+также|по\s+теме|фото|видео|"
                     r"подписывайтесь|подпишитесь|реклама|поделиться|источник)\b\s*[:|–—-]?")


# razdel takes the capital letter of a designation for an initial: "вертолетов Ми-35М. Об этом сообщил"
_AFTER_DESIGNATION = re.compile(r"\d[А-ЯЁA-Z]{1,4}(\.)\s+(?=[«\"А-ЯЁA-Z])")


def split_text(text: str) -> list[tuple[int, int]]:
    out = []
    for para in re.finditer(r"[^\n]+", text):
        body = para.group()
        skip = dateline_length(body)
        for s in sentenize(body[skip:]):
            start = para.start() + skip + s.start
            cut = 0
            for m in _AFTER_DESIGNATION.finditer(s.text):
                out.append((start + cut, start + m.end(1)))
                cut = m.end()
            if s.text[cut:].strip():
                out.append((start + cut, start + len(s.text)))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    spans = [(s, e) for s, e in split_text(article.text) if not _CHROME.match(article.text[s:e])]
    return [Sentence(article.doc_id, i, article.text[s:e], s, e) for i, (s, e) in enumerate(spans)]
