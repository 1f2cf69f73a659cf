"""Web addresses, news feeds and files → the store, and what became of each article, in one line each.

The Add-articles page and `python -m store add` both go through here, so they say the same thing.
A run gathers first (fetching and reading, nothing written), then stores everything it read in one
store.add_articles batch, exactly as uploads are stored: deduplicated by normalised URL and by text
against the bundled articles, the store and the batch itself.

An address already known (bundled or stored, by store.url_key) is reported as a duplicate without
being fetched; so is one given twice. Every failure is one line (ingest.fetch.FetchError, the
readers' ArticleError, ingest.feeds.FeedError); nothing here raises for one bad address or feed.
StoreError from the store itself propagates: the batch was then not stored at all.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import store
from preprocessing.articles import ArticleError, ReadResult
from preprocessing.model import Article
from store.articles import input_label  # the store's name for an input: Skipped.label

from . import feeds as feeds_mod
from . import web
from .fetch import FEED, PAGE, FetchError, Limits, fetch

Progress = Callable[[int, int, str], None]  # (steps done, steps known so far, what is being done now)
OUTCOMES = ("added", "skipped", "failed")
# How each outcome is written: the command prints it, the page lists it.
FORMATS = {"added": "added   {label} ({url})",
           "skipped": "skipped {label}: {reason}{existing}",
           "failed": "failed  {label}: {reason}"}
REPEATED = "same URL as another address in this batch"
# Control characters (C0, DEL, C1): a title or a feed's name must not move a terminal's cursor or
# colour its output when the command prints it, nor break a line in the page's report.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def printable(text: object) -> str:
    """Untrusted text (titles, names, server messages) as one line of plain characters."""
    return " ".join(_CONTROLS.sub(" ", str(text or "")).split())


@dataclass(frozen=True)
class Line:
    """What became of one article (or one address that gave none)."""
    outcome: str  # one of OUTCOMES
    label: str  # the article's title, else the address or file it was asked for by
    url: str = ""  # the address (or file) it was asked for by
    reason: str = ""  # why it was skipped or failed: one line
    existing: str = ""  # the title of the article it repeats
    via: str = ""  # the address of the feed that linked to it

    def text(self) -> str:
        existing = f" (“{printable(self.existing)}”)" if self.existing else ""
        return FORMATS[self.outcome].format(label=printable(self.label), url=printable(self.url) or "no address",
                                            reason=printable(self.reason), existing=existing)


class FeedSource(Protocol):
    """A feed to read: store.Feed (saved; its read is recorded), or any name and address (id None)."""
    id: int | None
    name: str
    url: str


@dataclass(frozen=True)
class OneFeed:
    """A feed given once (`--feed URL`), not saved."""
    url: str
    name: str = ""
    id: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "name", self.name or self.url)


@dataclass(frozen=True)
class FeedResult:
    name: str
    url: str
    id: int | None = None
    error: str = ""  # why the feed itself could not be read ("" when it was)
    counts: Mapping[str, int] = field(default_factory=dict)  # outcome → articles
    left_out: int = 0  # entries beyond ingest.feeds.MAX_ENTRIES

    def summary(self) -> str:
        """The one line a saved feed keeps as its last result."""
        if self.error:
            return f"failed: {printable(self.error)}"
        n = sum(self.counts.values())
        text = (f"{n} article(s): {self.counts.get('added', 0)} new, {self.counts.get('skipped', 0)} already "
                f"stored or repeated, {self.counts.get('failed', 0)} failed")
        return text + (f"; {self.left_out} older entries left for later" if self.left_out else "")

    def text(self) -> str:
        name = printable(self.name)
        return f"failed  feed {name} ({printable(self.url)}): {printable(self.error)}" if self.error else \
            f"feed    {name}: {self.summary()}"


@dataclass(frozen=True)
class Report:
    lines: tuple[Line, ...] = ()
    feeds: tuple[FeedResult, ...] = ()
    added: tuple[Article, ...] = ()  # as stored, in order
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # store.text_sha256 → the reader's notes

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0 or any(f.error for f in self.feeds)

    def summary(self) -> str:
        failed_feeds = sum(1 for f in self.feeds if f.error)
        return (", ".join(f"{self.count(o)} {o}" for o in OUTCOMES)
                + (f"; {failed_feeds} feed(s) could not be read" if failed_feeds else ""))


# ---------------------------------------------------------------- what is known already

def _where(article: Article) -> str:
    """How store.add_articles names an article a new one repeats."""
    by, at = article.metadata.get("added_by"), str(article.metadata.get("added_at") or "")
    return f"an article added by {by} on {at[:10]}" if by else "a bundled article"


def known_urls(articles: Iterable[Article]) -> dict[str, tuple[str, str]]:
    """URL key → (title, where it is) for the bundled and stored articles."""
    known: dict[str, tuple[str, str]] = {}
    for a in articles:
        if (key := store.url_key(a.url)) is not None:
            known.setdefault(key, (a.label, _where(a)))
    return known


def address(text: str) -> str:
    """An address as typed: trimmed, https:// added to one pasted without a scheme (`www.x.com/a`)."""
    text = str(text or "").strip()
    return "https://" + text if text and "://" not in text and store.url_key(text) else text


def addresses(text: str) -> list[str]:
    """The addresses in a box of them, one a line (blank lines and # comments ignored)."""
    return [address(line) for line in str(text or "").splitlines() if line.strip() and not line.strip().startswith("#")]


# ---------------------------------------------------------------- gathering (nothing stored yet)

@dataclass(frozen=True)
class _Read:
    input: store.ArticleInput
    asked: str  # the address or file it was asked for by
    via: str = ""
    seq: int = 0  # where it was asked for in the run: the report keeps that order


class Batch:
    """One run: the articles read so far and the lines of what will not be stored."""

    def __init__(self, known: Iterable[Article], *, published: date | None = None, limits: Limits | None = None,
                 progress: Progress | None = None):
        self.known, self.asked = known_urls(known), set()
        self.published, self.limits, self.progress = published, limits, progress
        self.read: list[_Read] = []
        self.lines: list[tuple[int, Line]] = []  # (seq, line): what will not be stored
        self.notes: dict[str, tuple[str, ...]] = {}
        self.feeds: list[FeedResult] = []
        self.done, self.total, self.asked_so_far = 0, 0, 0

    def _step(self, label: str) -> None:
        if self.progress:
            self.progress(self.done, max(self.total, 1), label)
        self.done += 1

    def _next(self) -> int:
        self.asked_so_far += 1
        return self.asked_so_far

    def take(self, result: ReadResult, asked: str, via: str = "", seq: int | None = None) -> None:
        """An article read from a file or a page, to be stored."""
        seq = self._next() if seq is None else seq
        self.read.append(_Read(store.ArticleInput.from_article(result.article), asked, via, seq))
        self.notes[store.text_sha256(result.article.text)] = tuple(result.notes)

    def fail(self, asked: str, reason: str, via: str = "", seq: int | None = None) -> None:
        """An address or file that gave no article, and why."""
        self.lines.append((self._next() if seq is None else seq, Line("failed", asked, asked, reason, via=via)))

    def _new(self, url: str, via: str, seq: int) -> bool:
        """False (and a line) for an address that is no web address, already known or already asked for."""
        key = store.url_key(url)
        if key is None:
            self.fail(url, "not a web address (http:// or https://)", via, seq)
            return False
        if key in self.known or key in self.asked:
            title, where = self.known.get(key, ("", ""))
            reason = f"same URL as {where}" if where else REPEATED
            self.lines.append((seq, Line("skipped", url, url, reason, title, via)))
            return False
        self.asked.add(key)
        return True

    def add_urls(self, urls: Iterable[str], via: str = "", published: Sequence[date | None] = ()) -> None:
        """Fetch and read each new address (`published`: a fallback date for each, e.g. a feed entry's)."""
        urls = [address(u) for u in urls]
        dates = list(published) + [None] * (len(urls) - len(published))
        wanted = [(u, d, seq) for u, d in zip(urls, dates) if self._new(u, via, seq := self._next())]
        self.total += len(wanted)
        for url, when, seq in wanted:
            self._step(f"Fetching {url}")
            try:
                page = fetch(url, PAGE, self.limits)
                self.take(web.article_from_page(page, when or self.published), url, via, seq)
            except (FetchError, ArticleError) as exc:
                self.fail(url, str(exc), via, seq)

    def add_feeds(self, sources: Iterable[FeedSource]) -> None:
        """Read each feed and add the articles it links to."""
        sources = list({store.url_key(address(s.url)) or s.url: s for s in sources}.values())  # a feed once
        self.total += len(sources)
        for source in sources:
            self._step(f"Reading the feed {source.name}")
            url = address(source.url)
            try:
                feed = feeds_mod.parse_feed(fetch(url, FEED, self.limits))
            except (FetchError, feeds_mod.FeedError) as exc:
                self.feeds.append(FeedResult(source.name, url, source.id, error=str(exc)))
                continue
            linked = [e for e in feed.entries if e.link]
            for e in feed.entries:
                if not e.link:
                    self.fail(e.title or "an entry", "the feed gives no link for it", url)
            self.add_urls([e.link for e in linked], url, [e.published for e in linked])
            self.feeds.append(FeedResult(source.name, url, source.id, left_out=feed.more))


# ---------------------------------------------------------------- storing

def _pair(report: store.AddReport, read: list[_Read]) -> list[tuple[int, Line]]:
    """A line for each input, from what store.add_articles did with it: an added article is matched to
    its input by the store's text key, a skipped one by the store's label for it, both in order."""
    keys = [store.text_sha256(r.input.text) for r in read]
    open_ = list(range(len(read)))  # inputs not matched yet
    lines: dict[int, Line] = {}

    def match(test) -> int:
        i = next((i for i in open_ if test(i)), open_[0])
        open_.remove(i)
        return i

    for article in report.added:
        key = store.text_sha256(article.text)
        i = match(lambda i, key=key: keys[i] == key)
        lines[i] = Line("added", article.label, read[i].asked, via=read[i].via)
    for skipped in report.skipped:
        i = match(lambda i, label=skipped.label: input_label(read[i].input) == label)
        # what the store refuses (it repeats nothing) it cannot keep: a failure, not a skip
        lines[i] = Line("skipped" if skipped.existing else "failed", skipped.label, read[i].asked, skipped.reason,
                        skipped.existing, read[i].via)
    return [(read[i].seq, line) for i, line in lines.items()]


def store_batch(engine, batch: Batch, author: str, bundled: Iterable[Article] = ()) -> Report:
    """Store what `batch` read in one store.add_articles batch and say what became of each article.
    StoreError when the store fails (nothing of the batch is then stored)."""
    inputs = [r.input for r in batch.read]
    if batch.progress:
        batch.progress(batch.total, max(batch.total, 1), "Storing the articles…")
    added = store.add_articles(engine, inputs, author, bundled) if inputs else store.AddReport((), ())
    lines = tuple(line for _, line in sorted(batch.lines + _pair(added, batch.read), key=lambda pair: pair[0]))
    feeds = tuple(dataclasses.replace(f, counts={o: sum(1 for line in lines if line.via == f.url and line.outcome == o)
                                                 for o in OUTCOMES}) if not f.error else f for f in batch.feeds)
    return Report(lines, feeds, added.added, dict(batch.notes))


def record_reads(engine, report: Report) -> None:
    """Each saved feed of the report keeps when it was read and its one-line result."""
    for f in report.feeds:
        if f.id is not None:
            store.mark_read(engine, f.id, f.summary())


def known_articles(engine, bundled: Sequence[Article]) -> list[Article]:
    """The bundled and the stored articles: whose addresses a run does not fetch again."""
    return [*bundled, *store.list_articles(engine)]


def add_urls(engine, urls: Iterable[str], author: str, bundled: Sequence[Article] = (), *,
             known: Iterable[Article] | None = None, published: date | None = None, limits: Limits | None = None,
             progress: Progress | None = None) -> Report:
    """Fetch each address and store the articles (see the module's docstring). `known` (default: the
    bundled and stored articles) are the articles whose addresses are not fetched again."""
    batch = Batch(known_articles(engine, bundled) if known is None else known, published=published,
                  limits=limits, progress=progress)
    batch.add_urls(urls)
    return store_batch(engine, batch, author, bundled)


def read_feeds(engine, sources: Iterable[FeedSource], author: str, bundled: Sequence[Article] = (), *,
               known: Iterable[Article] | None = None, published: date | None = None, limits: Limits | None = None,
               progress: Progress | None = None) -> Report:
    """Read each feed, store the new articles it links to, and record the read of each saved feed."""
    batch = Batch(known_articles(engine, bundled) if known is None else known, published=published,
                  limits=limits, progress=progress)
    batch.add_feeds(sources)
    report = store_batch(engine, batch, author, bundled)
    record_reads(engine, report)
    return report
