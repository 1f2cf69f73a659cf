"""Adding articles: uploads and pastes read into store inputs, stored, and what each new article
brought to the corpus (no Streamlit here).

Reading is preprocessing.html_reader's (names are labels, never paths); deduplication and the one
transaction per batch are store.add_articles'. What an article "merged into" is found by comparing
the raw extraction before and after: an event id that existed before is an event the article
reported again (its values were merged, differences recorded in `conflicts`); a new id is a new event.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

import store
from preprocessing.articles import ArticleError
from preprocessing.html_reader import UPLOAD_TYPES, article_from_paste, read_upload, safe_name

from . import tables

__all__ = ["UPLOAD_TYPES", "StoreError", "Outcome", "Reading", "add", "read_files", "read_paste"]
StoreError = store.StoreError  # what add() raises when the store fails: pages catch it without importing store
Progress = Callable[[int, int, str], None]  # (files done, files in all, the next file's name)


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
