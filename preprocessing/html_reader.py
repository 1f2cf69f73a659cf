"""Articles that arrive as uploads or pastes rather than files on disk. No Streamlit.

.txt/.md go through the same checks and decoding as the command line
(`articles.article_from_bytes`); HTML is reduced to the article's main text and
metadata by trafilatura. A name is only ever a label: nothing here opens,
creates or resolves a path, so `../../etc/passwd.md` is just `passwd.md`.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date

from .articles import (MAX_BYTES, UNCLOSED_FRONT, ArticleError, ReadResult, article_from_bytes,
                       article_from_text, check_bytes, split_front_matter, too_large, unclosed_front_matter)
from .cleaning import clean_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
UPLOAD_TYPES = tuple(s.lstrip(".") for s in TEXT_SUFFIXES + HTML_SUFFIXES)  # st.file_uploader(type=...)
MAX_NAME = 80  # characters of a doc_id made from an upload's name
# htmldate's "extensive" search takes any date on the page ("© 2024") for the publication
# date, which would anchor every relative date wrongly: only dates the markup declares count.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# A paragraph of running text: five words or more ending like a sentence. Menus, link lists
# and headline rolls have none, which is how a page without an article is recognised.
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]*$")


def safe_name(name: str) -> str:
    """A label for an uploaded file: its last path component (either separator), letters, digits,
    `.`, `-` and `_` only, at most MAX_NAME characters, the extension kept."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name or "")))[-1]
    base = re.sub(r"[^\w.-]+", "_", base).strip("._") or "upload"  # no hidden or dot-only names
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        ext = "." + ext if dot and len(ext) <= 5 else ""
        base = (stem if ext else base)[:MAX_NAME - len(ext)].rstrip("._") + ext
    return base


def _suffix(label: str) -> str:
    stem, dot, ext = label.rpartition(".")
    return "." + ext.lower() if dot and stem else ""


def _web_url(value: object) -> str:
    """Keep an article URL only if it is a web link (a page may declare `javascript:` anything)."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s/]", text, re.IGNORECASE) else ""


def _web_only(result: ReadResult) -> ReadResult:
    if not result.article.url or _web_url(result.article.url):
        return result
    article = dataclasses.replace(result.article, url="")
    return ReadResult(article, ("the URL is not a web link (http:// or https://); left out",) + result.notes)


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "replace"))


def _has_running_text(text: str) -> bool:
    return any(len(line.split()) >= 5 and _SENTENCE_END.search(line.strip())
               for line in text.splitlines())


def _extract(data: bytes | str):
    import trafilatura  # only the Add-articles page needs it

    try:
        # Comments are readers', not the article's; precision keeps inline promotions out of the
        # evidence (a missed event is visible, an invented one from an advert is not).
        return trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                           favor_precision=True, date_extraction_params=_DATE_PARAMS)
    except Exception:  # noqa: BLE001 - lxml and trafilatura raise many types on malformed markup
        raise ArticleError("the HTML could not be parsed") from None


def article_from_html(data: bytes | str, name: str, published: date | None = None) -> ReadResult:
    """An article from an HTML page: main text, title, date, URL and source (site name, else host).

    The page's own date wins; `published` is the fallback, as `--published` is for files.
    Raises ArticleError (one line) for oversized, empty or binary input and for pages without
    article text (a front page, a login page, or an article loaded by JavaScript).
    """
    label = safe_name(name)
    if isinstance(data, str):
        if _utf8_size(data) > MAX_BYTES:
            raise too_large(_utf8_size(data))
        if not data.strip():
            raise ArticleError("empty file")
    else:
        check_bytes(bytes(data))  # trafilatura decodes bytes itself, honouring <meta charset>
    doc = _extract(data)
    # Cleaned here already (article_from_text cleans again), so that the headline is recognised
    # below whatever invisible characters the page put in one and not the other.
    paragraphs = [p.strip() for p in clean_text(getattr(doc, "text", None)).splitlines() if p.strip()]
    title = " ".join(clean_text(getattr(doc, "title", None)).split())
    if paragraphs and title and " ".join(paragraphs[0].split()).casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline is the title, not a sentence of the article
    text = "\n\n".join(paragraphs)
    if not _has_running_text(text):
        raise ArticleError("no article text found in the page (a front page, a login page, "
                           "or an article its site loads with JavaScript?)")
    meta = {"title": title, "source": doc.sitename or doc.hostname or "",
            "url": _web_url(doc.url), "published": doc.date or ""}
    if doc.author:
        meta["author"] = doc.author
    result = article_from_text(text, label, published=published, extra_meta=meta, front_matter=False)
    notes = ("no title in the page; named by its file",) if not title else ()
    return ReadResult(result.article, notes + result.notes)


def read_upload(name: str, data: bytes, published: date | None = None) -> ReadResult:
    """One uploaded file, by its extension: .txt/.md as the command line reads them, .html/.htm
    through trafilatura. `published` is the fallback publication date. The name is only a label."""
    label = safe_name(name)
    suffix = _suffix(label)
    if suffix in HTML_SUFFIXES:
        return article_from_html(data, label, published)
    if suffix in TEXT_SUFFIXES:
        return _web_only(article_from_bytes(bytes(data), label, published=published))  # no path, no sidecar
    kinds = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES)
    raise ArticleError(f"{suffix or 'a file without an extension'} is not an article file ({kinds})")


def article_from_paste(text: str, *, title: str = "", source: str = "", url: str = "",
                       published: date | None = None) -> ReadResult:
    """An article pasted into the form. What the form says wins over front matter in the text;
    front matter fills what the form leaves empty. The doc_id is `pasted-` and a text hash."""
    from .dedupe import text_fingerprint

    raw = str(text or "")
    if _utf8_size(raw) > MAX_BYTES:
        raise too_large(_utf8_size(raw))
    raw = clean_text(raw)  # before the id is taken from it: a zero-width space makes no new article
    front, body, _ = split_front_matter(raw)
    form = {"title": title, "source": source, "url": url,
            "published": published.isoformat() if published else ""}
    meta = {**front, **{k: v for k, v in ((k, clean_text(v).strip()) for k, v in form.items()) if v}}
    if not body.strip():
        raise ArticleError("no article text (the text is empty or holds only front matter)")
    result = _web_only(article_from_text(body, f"pasted-{text_fingerprint(body)[:12]}", published=published,
                                         extra_meta=meta, front_matter=False))
    if unclosed_front_matter(raw):
        return ReadResult(result.article, (UNCLOSED_FRONT,) + result.notes)
    return result
