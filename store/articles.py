"""Articles the analysts add: checked, deduplicated against the corpus, stored in one transaction.

A batch is one unit: every article that passes the checks is written in one transaction, so a
failure part-way (the database going away, a constraint) leaves the store exactly as it was and
nothing of the batch is added. Inputs that are refused or duplicates are not failures: they are
reported in `AddReport.skipped` and the others are still added.

Nothing here deletes an article: what an analyst added is never lost.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from preprocessing.articles import MAX_BYTES
from preprocessing.cleaning import clean_text
from preprocessing.dedupe import normalise_url, text_fingerprint
from preprocessing.language import declared, detect
from preprocessing.model import Article

from .db import read, utcnow, write
from .errors import StoreError
from .tables import articles as t_articles

MAX_TEXT_CHARS = MAX_BYTES  # the same bound the file reader applies
MAX_META_CHARS = 1000
MAX_URL_CHARS = 2000


@dataclass(frozen=True)
class ArticleInput:
    text: str  # the article's body (no front matter)
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    doc_id: str = ""  # a suggestion, e.g. the uploaded file's name: only a slug of its last part is kept
    language: str = ""  # as declared ("ru"); detected from the text when empty

    @classmethod
    def from_article(cls, article: Article) -> ArticleInput:
        """From an Article read by preprocessing (article_from_text) or the HTML reader."""
        return cls(text=article.text, title=article.title, source=article.source, url=article.url,
                   published=article.published, doc_id=article.doc_id, language=article.language)


@dataclass(frozen=True)
class Skipped:
    label: str  # the input's title, or its suggested name
    reason: str  # one line
    existing: str = ""  # title of the article it duplicates ("" when it was refused)


@dataclass(frozen=True)
class AddReport:
    added: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


@lru_cache(maxsize=65536)  # the bundled articles are checked against on every add: hash each once
def text_sha256(text: str) -> str:
    """The text's duplicate key: sha256 with case, Unicode forms, white space and invisible characters
    (zero-width, bidirectional controls) ignored. The readers clean text already; this holds for any
    caller. For text without invisible characters it is preprocessing.dedupe's key, unchanged."""
    return text_fingerprint(clean_text(text))


def url_key(url: str) -> str | None:
    """The URL's duplicate key (preprocessing.dedupe): scheme, `www.`, default port, fragment,
    trailing slash, tracking parameters, query order and invisible characters do not count.
    None for no web address."""
    return normalise_url(clean_text(url)) or None


def slug(name: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by '-': a file name never becomes a path."""
    name = re.split(r"[\\/]", name or "")[-1]  # "C:\\fakepath\\x.md", "../../x.md" → "x.md"
    name = re.sub(r"\.(txt|md|html?|xml)$", "", name, flags=re.IGNORECASE)
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return s[:limit].rstrip("-")


def make_doc_id(suggestion: str, title: str, sha: str) -> str:
    """A stable id: a slug of the suggested name (or the title) and the text's hash. It has no dot,
    so it never equals a bundled file's name."""
    return f"{slug(suggestion) or slug(title) or 'article'}-{sha[:10]}"


def _clean(value: object) -> str:
    return str(value or "").replace("\x00", "").strip()


def input_label(inp: ArticleInput) -> str:
    """How an input is named in reports (Skipped.label): its title, else its suggested name."""
    return _clean(inp.title) or re.split(r"[\\/]", _clean(inp.doc_id))[-1] or "untitled article"


def _problem(inp: ArticleInput) -> str:
    """Why an input cannot be stored ("" when it can)."""
    if not isinstance(inp.text, str) or not inp.text.strip():
        return "no article text"
    if "\x00" in inp.text:
        return "the text holds NUL characters: it looks like a binary file"
    if len(inp.text) > MAX_TEXT_CHARS:
        return f"the text is longer than {MAX_TEXT_CHARS // 1048576} MB; split it or check it is the right file"
    for name in ("title", "source"):
        if len(_clean(getattr(inp, name))) > MAX_META_CHARS:
            return f"the {name} is longer than {MAX_META_CHARS} characters"
    url = _clean(inp.url)
    if url and (len(url) > MAX_URL_CHARS or url_key(url) is None):
        return "the URL is not an http(s) address"
    if inp.published is not None and not isinstance(inp.published, date):
        return "the publication date is not a date"
    return ""


def _author(author: str) -> str:
    return _clean(author)[:200] or "anonymous"


@dataclass(frozen=True)
class _Seen:
    title: str
    where: str  # "a bundled article", "an article added by X on D", "another article in this batch"


def _keys(bundled: Iterable[Article]) -> tuple[dict[str, _Seen], dict[str, _Seen]]:
    texts, urls = {}, {}
    for a in bundled:
        seen = _Seen(a.label, "a bundled article")
        texts.setdefault(text_sha256(a.text), seen)
        if (k := url_key(a.url)) is not None:
            urls.setdefault(k, seen)
    return texts, urls


def add_articles(engine: Engine, inputs: Iterable[ArticleInput], author: str,
                 bundled: Iterable[Article] = ()) -> AddReport:
    """Store new articles; duplicates (the same text up to case and white space, or the same
    normalised URL) of a stored article, a `bundled` one or an earlier input are skipped with the
    existing article's title. One transaction for the batch (see the module's docstring)."""
    author = _author(author)
    texts, urls = _keys(bundled)
    candidates, refused = [], []
    for inp in inputs:
        problem = _problem(inp)
        if problem:
            refused.append(Skipped(input_label(inp), problem))
            continue
        text = inp.text.replace("\r\n", "\n").replace("\r", "\n")
        published = inp.published.date() if isinstance(inp.published, datetime) else inp.published
        sha = text_sha256(text)
        url = _clean(inp.url)
        url = url if not url or "://" in url else "https://" + url  # pasted without its scheme
        candidates.append((inp, {
            "doc_id": make_doc_id(_clean(inp.doc_id), _clean(inp.title), sha), "title": _clean(inp.title),
            "source": _clean(inp.source), "url": url, "published": published, "text": text,
            "text_sha256": sha, "url_key": url_key(url), "added_by": author,
            "language": declared(inp.language) or detect(text)}))
    for attempt in (1, 2):
        try:
            return _add(engine, candidates, refused, texts, urls)
        except IntegrityError:
            # Another session stored one of these articles between our check and our insert; the
            # batch was rolled back, and a second pass reports it as a duplicate.
            if attempt == 2:
                raise StoreError("the articles could not be added (the store refused them); "
                                 "nothing was added") from None
    raise AssertionError("unreachable")


def _add(engine, candidates, refused, bundled_texts, bundled_urls) -> AddReport:
    added, skipped = [], list(refused)
    with write(engine) as conn:
        texts, urls = dict(bundled_texts), dict(bundled_urls)
        for row in conn.execute(select(t_articles.c.title, t_articles.c.doc_id, t_articles.c.text_sha256,
                                       t_articles.c.url_key, t_articles.c.added_by, t_articles.c.added_at)):
            seen = _Seen(row.title or row.doc_id, f"an article added by {row.added_by} on {row.added_at:%Y-%m-%d}")
            texts.setdefault(row.text_sha256, seen)
            if row.url_key:
                urls.setdefault(row.url_key, seen)
        now = utcnow()
        for inp, values in candidates:
            sha, key = values["text_sha256"], values["url_key"]
            what, seen = ("text", texts[sha]) if sha in texts else \
                ("URL", urls[key]) if key is not None and key in urls else ("", None)
            if seen is not None:
                skipped.append(Skipped(input_label(inp), f"same {what} as {seen.where}", seen.title))
                continue
            values = {**values, "added_at": now}
            new_id = conn.execute(insert(t_articles).values(**values)).inserted_primary_key[0]
            mine = _Seen(values["title"] or values["doc_id"], "another article in this batch")
            texts[values["text_sha256"]] = mine
            if values["url_key"]:
                urls[values["url_key"]] = mine
            added.append(_article(values, new_id))
    return AddReport(tuple(added), tuple(skipped))


def _article(row, store_id: int) -> Article:
    get = row.get if isinstance(row, dict) else row._mapping.get
    return Article(doc_id=get("doc_id"), text=get("text"), title=get("title"), source=get("source"),
                   url=get("url"), published=get("published"), path="", language=get("language") or "",
                   metadata={"store_id": store_id, "added_by": get("added_by"),
                             "added_at": get("added_at").isoformat()})


def list_articles(engine: Engine) -> list[Article]:
    """The stored articles in the order they were added (the corpus puts them after the bundled ones)."""
    with read(engine) as conn:
        rows = conn.execute(select(t_articles).order_by(t_articles.c.id)).all()
    return [_article(r, r.id) for r in rows]


def count_articles(engine: Engine) -> int:
    from sqlalchemy import func
    with read(engine) as conn:
        return conn.execute(select(func.count()).select_from(t_articles)).scalar_one()
