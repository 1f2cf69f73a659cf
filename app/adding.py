"""Adding articles: uploads, pastes, web addresses and news feeds read into store inputs, stored,
and what each new article brought to the corpus (no Streamlit here).

Reading is preprocessing.html_reader's (names are labels, never paths); fetching web pages and feeds
is ingest's (the command `python -m store add` shares it); deduplication and the one transaction per
batch are store.add_articles'. What an article "merged into" is found by comparing
the raw extraction before and after: an event id that existed before is an event the article
reported again (its values were merged, differences recorded in `conflicts`); a new id is a new event.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

import store
from ingest import run as ingest
from preprocessing.articles import UNREAD_LANGUAGE, ArticleError
from preprocessing.html_reader import UPLOAD_TYPES, article_from_paste, read_upload, safe_name

from . import tables

__all__ = ["UPLOAD_TYPES", "StoreError", "Outcome", "Reading", "add", "add_addresses", "delete_feed", "feeds_table",
           "fetch_feeds", "read_files", "read_paste", "save_feed"]
StoreError = store.StoreError  # what add() raises when the store fails: pages catch it without importing store
Progress = Callable[[int, int, str], None]  # (files done, files in all, the next file's name); ingest's too
UNREADABLE = "file(s) could not be read"
UNFETCHED = "address(es) could not be fetched or read"


@dataclass(frozen=True)
class Unreadable:
    name: str  # the file's safe label
    reason: str  # one line


@dataclass
class Reading:
    inputs: list[store.ArticleInput] = field(default_factory=list)
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # text fingerprint → the reader's notes
    unreadable: list[Unreadable] = field(default_factory=list)
    pasted: bool = False  # from the paste form (the page empties it once the article is added)

    def take(self, name: str, read: Callable) -> None:
        try:
            result = read()
        except ArticleError as exc:
            self.unreadable.append(Unreadable(name, str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - one bad upload must not stop the others
            self.unreadable.append(Unreadable(name, f"the file could not be read ({type(exc).__name__})"))
            return
        inp = store.ArticleInput.from_article(result.article)
        if self.pasted and inp.title:  # the id is a slug of this and the text's hash: a title reads better
            inp = dataclasses.replace(inp, doc_id=inp.title)
        self.inputs.append(inp)
        self.notes[store.text_sha256(result.article.text)] = tuple(result.notes)


def read_files(files: Iterable[tuple[str, bytes]], published: date | None = None,
               progress: Progress | None = None) -> Reading:
    """Uploaded (name, bytes) pairs, each read by its extension; `published` is the fallback date."""
    files = list(files)
    reading = Reading()
    for i, (name, data) in enumerate(files):
        if progress:
            progress(i, len(files), safe_name(name))
        reading.take(safe_name(name), lambda name=name, data=data: read_upload(name, data, published=published))
    if progress:
        progress(len(files), len(files), "")
    return reading


def read_paste(text: str, *, title: str = "", source: str = "", url: str = "",
               published: date | None = None) -> Reading:
    reading = Reading(pasted=True)
    reading.take(title.strip() or "the pasted text", lambda: article_from_paste(
        text, title=title, source=source, url=url, published=published))
    return reading


@dataclass(frozen=True)
class AddedArticle:
    title: str
    source: str
    published: str
    doc_id: str
    events: pd.DataFrame  # Event, Date, Type, Countries, Merged into, Conflicts, Event id
    merged: int  # how many of its events were already in the corpus
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    added: tuple[AddedArticle, ...] = ()
    skipped: tuple[store.Skipped, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    unreadable_heading: str = UNREADABLE  # "{n} {heading}:" above the unreadable ones
    feeds: tuple[ingest.FeedResult, ...] = ()  # the feeds read, each with its one-line result
    retry: tuple[str, ...] = ()  # the web addresses that gave no article, to try again

    def summary(self) -> str:
        events = sum(len(a.events) for a in self.added)
        merged = sum(a.merged for a in self.added)
        if not self.added:
            return "No article was added."
        return (f"Added {len(self.added)} article(s) with {events} event(s): {events - merged} new, "
                f"{merged} merged into events already in the corpus.")


def _merged_into(event_id: str, before: dict[str, list[str]], label: str, sources: list[str]) -> str:
    if event_id in before:
        return "merged into the event from " + "; ".join(before[event_id])
    others = [s for s in sources if s != label]
    return "new event" + (f" (also in {'; '.join(others)})" if others else "")


def outcome(report: store.AddReport, reading: Reading, before: pd.DataFrame, after) -> Outcome:
    """What the batch did: `before` is the raw events table before adding, `after` the corpus
    (app.corpus.Corpus) loaded after it."""
    known = dict(zip(before["event_id"], before["sources"].map(list)))
    raw = after.raw if after.raw is not None else after.events
    added = []
    for article in report.added:
        rows = tables.article_events(raw, after.spans, article.doc_id, article.label)
        shown = tables.event_rows(rows)
        shown.insert(4, "Merged into", [_merged_into(e, known, article.label, list(s))
                                        for e, s in zip(rows["event_id"], rows["sources"])])
        shown.insert(5, "Conflicts", rows["conflicts"].tolist())
        added.append(AddedArticle(
            title=article.label, source=article.source,
            published=article.published.isoformat() if article.published else "",
            doc_id=article.doc_id, events=shown, merged=int(rows["event_id"].isin(known).sum()),
            notes=reading.notes.get(store.text_sha256(article.text), ())))
    return Outcome(tuple(added), tuple(report.skipped), tuple(reading.unreadable))


def add(engine, reading: Reading, author: str, before, load: Callable) -> Outcome:
    """Store what was read (deduplicated against `before`'s bundled articles and the store), then
    `load()` the corpus again and say what each new article added. StoreError when the store fails
    (nothing of the batch is then stored)."""
    report = (store.add_articles(engine, reading.inputs, author, bundled=before.bundled_articles)
              if reading.inputs else store.AddReport((), ()))
    after = load() if report.added else before
    return outcome(report, reading, before.raw if before.raw is not None else before.events, after)


# ---------------------------------------------------------------- web addresses and news feeds

def _web_outcome(report: ingest.Report, before, load: Callable) -> Outcome:
    """A run of ingest as the uploads' report: failures are the unreadable ones, named by address."""
    failed = [Unreadable(line.label, line.reason) for line in report.lines if line.outcome == "failed"]
    skipped = tuple(store.Skipped(line.label, line.reason, line.existing)
                    for line in report.lines if line.outcome == "skipped")
    after = load() if report.added else before
    out = outcome(store.AddReport(report.added, skipped), Reading(notes=dict(report.notes), unreadable=failed),
                  before.raw if before.raw is not None else before.events, after)
    retry = tuple(dict.fromkeys(line.url for line in report.lines if line.outcome == "failed" and not line.via))
    return dataclasses.replace(out, unreadable_heading=UNFETCHED, feeds=report.feeds, retry=retry)


def add_addresses(engine, text: str, author: str, before, load: Callable, progress: Progress | None = None,
                  published: date | None = None) -> Outcome:
    """Fetch the web addresses in `text` (one a line) and store their articles, as uploads are: an
    address the corpus (`before`) already holds is not fetched. StoreError when the store fails."""
    report = ingest.add_urls(engine, ingest.addresses(text), author, before.bundled_articles, known=before.articles,
                             published=published, progress=progress)
    return _web_outcome(report, before, load)


def fetch_feeds(engine, author: str, before, load: Callable, progress: Progress | None = None) -> Outcome:
    """Read every saved feed now and store the new articles they link to; each feed records the read."""
    report = ingest.read_feeds(engine, store.list_feeds(engine), author, before.bundled_articles,
                               known=before.articles, progress=progress)
    return _web_outcome(report, before, load)


FEED_COLUMNS = ["Name", "Address", "Last read", "Last result"]


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "never"


def feeds_table(engine) -> tuple[pd.DataFrame, dict[str, int]]:
    """The saved feeds as the page lists them, and "name (address)" → id for picking one to delete."""
    saved = store.list_feeds(engine)
    table = pd.DataFrame([[f.name, f.url, _when(f.last_read_at), f.last_result or ""] for f in saved],
                         columns=FEED_COLUMNS, dtype="str")
    return table, {f"{f.name} ({f.url})": f.id for f in saved}


def save_feed(engine, name: str, url: str, author: str) -> str:
    """Save a feed; "" when it was saved, else why not (one line). StoreError when the store fails."""
    try:
        store.save_feed(engine, name, url, author)
    except store.FeedError as exc:
        return str(exc)
    return ""


def delete_feed(engine, feed_id: int) -> bool:
    return store.delete_feed(engine, feed_id)


def unread_language(note: str) -> bool:
    """Is this reader's note the one that says the article's language is not read (no events)?"""
    return note.endswith(UNREAD_LANGUAGE)
