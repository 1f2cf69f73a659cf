"""Split a Russian article into sentences (razdel), without wire datelines or page furniture."""
from __future__ import annotations

import re

from razdel import sentenize

from ..model import Article, Sentence
from .temporal import dateline_length

# Links to other stories, photo credits, subscription prompts: not the article's text.
_CHROME = re.compile(r"(?i)^\W{0,3}(?:читайте\s+также|читайте\s+нас|смотрите\s+также|по\s+теме|фото|видео|"
                     r"подписывайтесь|подпишитесь|реклама|поделиться|источник)\b\s*[:|–—-]?")


def split_text(text: str) -> list[tuple[int, int]]:
    out = []
    for para in re.finditer(r"[^\n]+", text):
        body = para.group()
        skip = dateline_length(body)
        for s in sentenize(body[skip:]):
            chunk = s.text
            if chunk.strip():
                out.append((para.start() + skip + s.start, para.start() + skip + s.stop))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    spans = [(s, e) for s, e in split_text(article.text) if not _CHROME.match(article.text[s:e])]
    return [Sentence(article.doc_id, i, article.text[s:e], s, e) for i, (s, e) in enumerate(spans)]
