"""A fetched RSS or Atom feed → the articles it links to (feedparser; no Streamlit, no fetching).

feedparser is only ever given the bytes, wrapped in a stream: given a string it would fetch a URL or
open a local file of that name itself. Each entry's link is resolved against the feed's address;
the entry's title and date are kept only as fallbacks for a page that gives none.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import feedparser

from preprocessing.cleaning import clean_text

from .fetch import Fetched

MAX_ENTRIES = 100  # a read takes the first this many (feeds list the newest first): each is a page to fetch


class FeedError(Exception):
    """A feed that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Entry:
    link: str  # absolute; "" when the entry has none
    title: str = ""
    published: date | None = None


@dataclass(frozen=True)
class Feed:
    title: str
    entries: tuple[Entry, ...]
    more: int = 0  # entries left out beyond MAX_ENTRIES


def _date(entry) -> date | None:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return date(when.tm_year, when.tm_mon, when.tm_mday) if when else None
    except (ValueError, AttributeError):
        return None


def _one_line(value: object) -> str:
    return " ".join(clean_text(str(value or "")).split())


def _problem(parsed) -> str:
    exc = parsed.get("bozo_exception")
    text = _one_line(getattr(exc, "getMessage", lambda: exc)()) if exc is not None else ""
    line = getattr(exc, "getLineNumber", lambda: None)()
    return f"{text[:120]}{f', line {line}' if line else ''}" if text else "unknown format"


def parse_feed(page: Fetched) -> Feed:
    """The entries of the feed in `page`, in the feed's order (newest first, as feeds list them).
    FeedError when the bytes are not a feed; a feed with small faults is read as long as its entries
    still give links (feedparser reads leniently what a strict parser refuses)."""
    parsed = feedparser.parse(io.BytesIO(page.body), sanitize_html=True, resolve_relative_uris=True,
                              response_headers={"content-type": page.headers.get("Content-Type", ""),
                                                "content-location": page.url})
    entries = tuple(Entry(link=urljoin(page.url, str(e.get("link") or "").strip()) if e.get("link") else "",
                          title=_one_line(e.get("title")), published=_date(e))
                    for e in parsed.entries[:MAX_ENTRIES])
    if (parsed.get("bozo") or not parsed.get("version")) and not any(e.link for e in entries):
        raise FeedError(f"not a readable RSS or Atom feed ({_problem(parsed)})")
    return Feed(_one_line(parsed.feed.get("title")), entries, max(0, len(parsed.entries) - MAX_ENTRIES))
