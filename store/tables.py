"""The store's tables (SQLAlchemy Core). Events are not stored: they are re-extracted from the
articles, so a better lexicon or extractor applies to them; the analysts' edits are kept here,
keyed by the events' stable ids."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, Column, Date, DateTime, Integer, MetaData, String, Table, Text, TypeDecorator

metadata = MetaData()


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite keeps no zone; PostgreSQL may convert it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware ones")
        value = value.astimezone(UTC)
        # SQLite would write the offset into its text form; keep one plain UTC form there
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


STATUSES = ("unreviewed", "confirmed", "rejected")
EDIT_KINDS = ("set", "status")

schema_version = Table(
    "schema_version", metadata,
    Column("id", Integer, primary_key=True),  # always 1: one row
    Column("version", Integer, nullable=False),
    Column("migrated_at", UTCDateTime, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published", Date, nullable=True),
    Column("text", Text, nullable=False),
    Column("text_sha256", String(64), nullable=False, unique=True),
    # NULL when the article has no URL: both backends allow many NULLs under a unique constraint
    Column("url_key", String(2048), nullable=True, unique=True),
    Column("added_at", UTCDateTime, nullable=False),
    Column("added_by", String(200), nullable=False),
    # "en", "ru": declared or detected when added; "" (restored from a backup) is detected when read
    Column("language", String(8), nullable=False, default="", server_default=""),
)

edits = Table(
    "edits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # the order edits are applied in
    Column("event_id", String(100), nullable=False, index=True),
    Column("field", String(50), nullable=False),
    Column("old_value", Text, nullable=False),  # JSON
    Column("new_value", Text, nullable=False),  # JSON
    Column("author", String(200), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(10), nullable=False),
    CheckConstraint("kind IN ('set', 'status')", name="edits_kind"),
)

event_state = Table(
    "event_state", metadata,
    Column("event_id", String(100), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False),  # optimistic concurrency: every save bumps it
    Column("updated_at", UTCDateTime, nullable=False),
    Column("updated_by", String(200), nullable=False),
    CheckConstraint("status IN ('unreviewed', 'confirmed', 'rejected')", name="event_state_status"),
    CheckConstraint("version >= 1", name="event_state_version"),
)

feeds = Table(
    "feeds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("url", Text, nullable=False),
    Column("url_key", String(2048), nullable=False, unique=True),  # store.articles.url_key: one feed once
    Column("added_at", UTCDateTime, nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("last_read_at", UTCDateTime, nullable=True),  # NULL: never read
    Column("last_result", Text, nullable=False, default=""),  # one line: what the last read found, or why it failed
)

# What the extractor read from one article, kept so that a restart or a new article does not extract
# every article again (preprocessing.cache). A cache, not data: never backed up, safe to empty.
extractions = Table(
    "extractions", metadata,
    Column("key", String(64), primary_key=True),  # the article's text and metadata and the extractor's version
    Column("version", String(64), nullable=False, index=True),  # the extractor's and data/*.toml's version
    Column("payload", Text, nullable=False),  # JSON: the article's events (preprocessing.cache.dump_events)
    Column("created_at", UTCDateTime, nullable=False),
)

DATA_TABLES = (articles, edits, event_state)  # what a backup holds, in insertion order (and `feeds`, apart)
