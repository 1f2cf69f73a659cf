"""News feeds the analysts save by name, to be read again and again (by "fetch now" or a scheduled
`python -m store add --saved-feeds`). Reading them is ingest's job; here they are only kept.

A feed is saved once: two addresses with the same key (store.url_key: scheme, `www.`, tracking
parameters... ignored) are one feed. Each feed remembers when it was last read and a one-line result.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from preprocessing.cleaning import clean_text

from .articles import MAX_URL_CHARS, url_key
from .db import read, utcnow, write
from .errors import StoreError
from .tables import feeds as t_feeds

MAX_NAME_CHARS = 200
MAX_RESULT_CHARS = 500


class FeedError(StoreError, ValueError):
    """A feed that cannot be saved (no name, not a web address, already saved); nothing was written."""


@dataclass(frozen=True)
class Feed:
    id: int
    name: str
    url: str
    added_at: datetime
    added_by: str
    last_read_at: datetime | None = None  # None: never read
    last_result: str = ""


def _one_line(value: object, limit: int) -> str:
    text = " ".join(clean_text(str(value or "")).replace("\x00", "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _feed(row) -> Feed:
    return Feed(row.id, row.name, row.url, row.added_at, row.added_by, row.last_read_at, row.last_result)


def _address(url: str) -> str:
    """The feed's address as it will be fetched: cleaned, https:// added when pasted without a scheme."""
    url = clean_text(str(url or "")).replace("\x00", "").strip()
    return url if not url or "://" in url else "https://" + url


def save_feed(engine: Engine, name: str, url: str, author: str) -> Feed:
    """Save a feed under `name`; FeedError for an empty or long name, an address that is not http(s),
    or a feed already saved (by any name)."""
    name, url = _one_line(name, 10 * MAX_NAME_CHARS), _address(url)
    if not name:
        raise FeedError("give the feed a name")
    if len(name) > MAX_NAME_CHARS:
        raise FeedError(f"the name is longer than {MAX_NAME_CHARS} characters")
    key = url_key(url) if len(url) <= MAX_URL_CHARS else None
    if key is None:
        raise FeedError("the feed's address is not a web address (http:// or https://)"
                        if len(url) <= MAX_URL_CHARS else f"the feed's address is longer than {MAX_URL_CHARS} characters")
    author = _one_line(author, MAX_NAME_CHARS) or "anonymous"
    try:
        with write(engine) as conn:
            same = conn.execute(select(t_feeds.c.name).where(t_feeds.c.url_key == key)).scalar()
            if same is not None:
                raise FeedError(f"this feed is already saved, as “{same}”")
            row = {"name": name, "url": url, "url_key": key, "added_at": utcnow(), "added_by": author,
                   "last_read_at": None, "last_result": ""}
            new_id = conn.execute(insert(t_feeds).values(**row)).inserted_primary_key[0]
    except IntegrityError:  # a colleague saved it between the check and the insert
        raise FeedError("this feed was saved by someone else a moment ago") from None
    return Feed(new_id, name, url, row["added_at"], author)


def list_feeds(engine: Engine) -> list[Feed]:
    """Every saved feed, by name."""
    with read(engine) as conn:
        rows = conn.execute(select(t_feeds).order_by(t_feeds.c.name, t_feeds.c.id)).all()
    return [_feed(r) for r in rows]


def delete_feed(engine: Engine, feed_id: int) -> bool:
    """Forget a saved feed (the articles read from it stay); False when it was already gone."""
    with write(engine) as conn:
        return conn.execute(delete(t_feeds).where(t_feeds.c.id == int(feed_id))).rowcount > 0


def mark_read(engine: Engine, feed_id: int, result: str, at: datetime | None = None) -> None:
    """Record that the feed was read (now, or `at`) and what came of it, in one line."""
    with write(engine) as conn:
        conn.execute(update(t_feeds).where(t_feeds.c.id == int(feed_id))
                     .values(last_read_at=at or utcnow(), last_result=_one_line(result, MAX_RESULT_CHARS)))
