"""Where the store lives and how it is opened: the URL, the engine, transactions, the schema version."""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .errors import StoreError, StoreUnavailable
from .tables import extractions, feeds, metadata, schema_version

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "data" / "store.sqlite"
DEFAULT_URL = f"sqlite:///{DEFAULT_PATH}"
ENV_VAR = "DATABASE_URL"
# Every statement, lock wait, busy wait and wait for a pooled connection gives up after this long, so
# a locked or hung database makes a page fall back to the bundled articles instead of freezing it.
TIMEOUT_VAR = "STORE_TIMEOUT_SECONDS"
TIMEOUT_SECRET = "timeout_seconds"  # [connections.events] timeout_seconds in the secrets
DEFAULT_TIMEOUT = 5.0
TIMEOUT_RANGE = (0.1, 600.0)
# PostgreSQL's codes for a cancelled statement and a lock not granted in time
_TIMEOUT_CODES = {"57014", "55P03"}


def resolve_url(secrets: Mapping | None, environ: Mapping[str, str] = os.environ) -> str:
    """The store's URL: `DATABASE_URL` in the environment, then a top-level `DATABASE_URL` secret
    (as hosts that give secrets as environment variables write it), then `[connections.events] url`
    in the secrets, then the embedded SQLite file under data/ (no set-up)."""
    url = str(environ.get(ENV_VAR) or "").strip()
    top = secrets.get(ENV_VAR) if isinstance(secrets, Mapping) else None
    return url or (top.strip() if isinstance(top, str) else "") or _secret_url(secrets) or DEFAULT_URL


def _secret_url(secrets: Mapping | None) -> str:
    if secrets is None:
        return ""
    try:
        value = secrets["connections"]["events"]["url"]
    except (KeyError, TypeError, AttributeError, FileNotFoundError):
        # st.secrets raises FileNotFoundError (a subclass) when there is no secrets.toml at all
        return ""
    return str(value or "").strip()


def resolve_timeout(secrets: Mapping | None = None, environ: Mapping[str, str] = os.environ) -> float:
    """Seconds any one database call may take: `STORE_TIMEOUT_SECONDS`, then `[connections.events]
    timeout_seconds` in the secrets, then 5. StoreUnavailable for a value that is not such a number
    (never silently no timeout)."""
    raw, where = environ.get(TIMEOUT_VAR), TIMEOUT_VAR
    if raw is None or not str(raw).strip():
        try:
            raw, where = secrets["connections"]["events"][TIMEOUT_SECRET], f"[connections.events] {TIMEOUT_SECRET}"
        except (KeyError, TypeError, AttributeError, FileNotFoundError):
            return DEFAULT_TIMEOUT
    try:
        seconds = float(str(raw).strip())
    except ValueError:
        seconds = math.nan
    low, high = TIMEOUT_RANGE
    if not low <= seconds <= high:  # NaN fails too
        raise StoreUnavailable(f"{where} must be a number of seconds from {low:g} to {high:g}, "
                               f"not {str(raw)[:40]!r}")
    return seconds


def normalise_url(url: str | URL) -> URL:
    """A SQLAlchemy URL; `postgres://` and `postgresql://` use psycopg 3, the driver we ship."""
    try:
        u = make_url(url)
    except ArgumentError:
        # the parser's own message repeats the whole string, password included
        raise StoreUnavailable("the events store's address is not a database URL "
                               f"(check {ENV_VAR} or [connections.events] url in the secrets)") from None
    if u.drivername in ("postgres", "postgresql"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def safe_url(url: str | URL) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a URL)"


def timed_out(exc: BaseException) -> bool:
    """A statement or lock timeout (PostgreSQL), a busy timeout (SQLite) or no pooled connection in time."""
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return (isinstance(exc, PoolTimeout) or getattr(orig, "sqlstate", None) in _TIMEOUT_CODES
            or "database is locked" in str(orig))


def unavailable(exc: BaseException, url: URL) -> StoreUnavailable:
    """A one-line StoreUnavailable for a driver error, with the password scrubbed."""
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    reason = lines[0] if lines else type(orig).__name__
    if url.password:
        reason = reason.replace(str(url.password), "***")
    if len(reason) > 300:
        reason = reason[:297] + "..."
    where = url.render_as_string(hide_password=True)
    if timed_out(exc):
        return StoreUnavailable(f"the events store at {where} did not answer in time (locked or busy): {reason}")
    return StoreUnavailable(f"cannot reach the events store at {where}: {reason}")


def connect(url: str | URL, timeout: float | None = None) -> Engine:
    """An engine for `url`, checked by opening one connection; StoreUnavailable when that fails.

    `timeout` (seconds; default resolve_timeout(), i.e. STORE_TIMEOUT_SECONDS or 5) bounds every
    call: a statement, a lock wait, SQLite's wait for a writer, the wait for a pooled connection.
    One that takes longer raises StoreUnavailable from read() and write()."""
    u = normalise_url(url)
    timeout = resolve_timeout() if timeout is None else timeout
    sqlite = u.get_backend_name() == "sqlite"
    kwargs: dict = {"pool_pre_ping": True}
    if not sqlite:
        kwargs["pool_timeout"] = timeout
    if sqlite:
        db = u.database or ""
        if db and db != ":memory:" and not db.startswith("file:"):
            try:
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise unavailable(exc, u) from None
        # the pool hands a connection to one thread at a time; wait for a writer (for `timeout`) instead
        # of failing at once
        kwargs["connect_args"] = {"timeout": timeout, "check_same_thread": False}
    elif u.get_backend_name() == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": max(10, math.ceil(timeout))}
    try:
        engine = create_engine(u, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreUnavailable(f"no database driver for {u.drivername!r} ({type(exc).__name__})") from None
    if sqlite:
        _sqlite_transactions(engine)
    elif u.get_backend_name() == "postgresql":
        _postgres_timeouts(engine, timeout)
    try:
        with engine.connect():
            pass
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        raise unavailable(exc, u) from None
    return engine


def _postgres_timeouts(engine: Engine, seconds: float) -> None:
    """statement_timeout and lock_timeout on every connection the pool opens (a SET, not the URL's
    `options`, which a pooler such as PgBouncer may refuse and which the URL may already use)."""
    ms = max(1, round(seconds * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET statement_timeout = {ms}")  # an int: nothing to quote
            cur.execute(f"SET lock_timeout = {ms}")
        dbapi_conn.commit()


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions on SQLite: pysqlite's own BEGIN handling skips DDL and defers locks."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # A write takes the write lock at once: a read-then-write transaction cannot then fail
        # half-way because another writer got in first (it waits for the busy timeout instead).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("store_write")
                             else "BEGIN")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back entirely when it raises."""
    try:
        with engine.connect() as conn:
            conn.execution_options(store_write=True)
            with conn.begin():
                yield conn
    except (OperationalError, InterfaceError, PoolTimeout) as exc:
        raise unavailable(exc, engine.url) from None


@contextmanager
def read(engine: Engine, *, snapshot: bool = False) -> Iterator[Connection]:
    """A read-only transaction; `snapshot` makes several SELECTs see one state (PostgreSQL)."""
    try:
        with engine.connect() as conn:
            if snapshot and conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
    except (OperationalError, InterfaceError, PoolTimeout) as exc:
        raise unavailable(exc, engine.url) from None


def utcnow() -> datetime:
    return datetime.now(UTC)


# Ordered schema migrations. A fresh store is created from tables.py and stamped with the latest
# version; a store at version k runs every step after k, each in the same transaction. A later step
# must be written against the tables as they were (plain DDL), not against tables.py.
Migration = tuple[int, str, Callable[[Connection], None]]
MIGRATIONS: list[Migration] = [
    (1, "initial tables: articles, edits, event_state", lambda conn: metadata.create_all(conn)),
    # new tables, created as tables.py defines them; a later change to them needs its own step
    (2, "saved news feeds; kept extraction results",
     lambda conn: metadata.create_all(conn, tables=[feeds, extractions], checkfirst=True)),
    (3, "each article's language",
     lambda conn: conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT ''")),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
_INIT_LOCK = 0x6465_6674  # PostgreSQL advisory lock: two app processes starting at once


def init_schema(engine: Engine) -> int:
    """Create or migrate the tables; returns the schema version. Safe to call on every start."""
    with write(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_INIT_LOCK})")
        schema_version.create(conn, checkfirst=True)
        current = conn.execute(select(schema_version.c.version)).scalar()
        if current is None:
            metadata.create_all(conn)
            conn.execute(insert(schema_version).values(id=1, version=SCHEMA_VERSION, migrated_at=utcnow()))
            return SCHEMA_VERSION
        if current > SCHEMA_VERSION:
            raise StoreError(f"the events store has schema version {current}, newer than this dashboard "
                             f"knows ({SCHEMA_VERSION}); update the dashboard")
        for version, _what, step in MIGRATIONS:
            if version > current:
                step(conn)
        if current < SCHEMA_VERSION:
            conn.execute(update(schema_version).values(version=SCHEMA_VERSION, migrated_at=utcnow()))
    return SCHEMA_VERSION


def stored_version(engine: Engine) -> int | None:
    """The schema version recorded in the store (None before init_schema)."""
    with read(engine) as conn:
        if not engine.dialect.has_table(conn, schema_version.name):
            return None
        return conn.execute(select(schema_version.c.version)).scalar()


def open_store(url: str | URL, timeout: float | None = None) -> Engine:
    """connect + init_schema: what a page needs (cache the engine, e.g. with st.cache_resource)."""
    engine = connect(url, timeout)
    init_schema(engine)
    return engine
