"""Finding and opening the store: the URL's precedence, the schema version, an unreachable database."""
from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, update

import store
from store.db import DEFAULT_URL, MIGRATIONS, SCHEMA_VERSION, init_schema, stored_version, write
from store.tables import schema_version


class NoSecretsFile(dict):
    """Like st.secrets when there is no secrets.toml: any lookup raises FileNotFoundError."""

    def __getitem__(self, key):
        raise FileNotFoundError("no secrets.toml")


SECRETS = {"connections": {"events": {"url": "postgresql://from-secrets/db"}}}


def test_resolve_url_prefers_the_environment_then_the_secrets_then_the_bundled_sqlite_file():
    assert store.resolve_url(SECRETS, {"DATABASE_URL": "sqlite:///env.db"}) == "sqlite:///env.db"
    assert store.resolve_url(SECRETS, {}) == "postgresql://from-secrets/db"
    assert store.resolve_url(SECRETS, {"DATABASE_URL": "  "}) == "postgresql://from-secrets/db"
    assert store.resolve_url(None, {}) == DEFAULT_URL
    assert store.resolve_url({"connections": {"other": {}}}, {}) == DEFAULT_URL
    assert store.resolve_url(NoSecretsFile(), {}) == DEFAULT_URL
    assert DEFAULT_URL.startswith("sqlite:///") and DEFAULT_URL.endswith("/data/store.sqlite")


def test_the_default_store_file_is_not_committed():
    gitignore = (store.db.ROOT / ".gitignore").read_text()
    assert "data/store.sqlite*" in gitignore


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(store.StoreUnavailable) as err:
        store.connect("postgresql://nobody:s3cret-pw@127.0.0.1:1/x")
    msg = str(err.value)
    assert "\n" not in msg and "s3cret-pw" not in msg
    assert msg.startswith("cannot reach the events store at postgresql+psycopg://nobody:***@127.0.0.1:1/x")


def test_the_briefs_url_without_password_is_unavailable_too():
    with pytest.raises(store.StoreUnavailable, match="cannot reach the events store"):
        store.connect("postgresql://nobody@127.0.0.1:1/x")


def test_a_sqlite_file_that_cannot_be_created_is_unavailable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(store.StoreUnavailable) as err:
        store.connect(f"sqlite:///{blocker}/store.sqlite")
    assert "\n" not in str(err.value)


def test_a_malformed_url_never_repeats_its_password():
    with pytest.raises(store.StoreUnavailable) as err:
        store.connect("::not a url:pw-in-here@")
    assert "pw-in-here" not in str(err.value)
    with pytest.raises(store.StoreUnavailable, match="no database driver"):
        store.connect("nosuchdb://u:p@h/x")


def test_a_database_that_goes_away_is_reported_as_unavailable_by_every_call():
    gone = create_engine("postgresql+psycopg://nobody:pw@127.0.0.1:1/x", connect_args={"connect_timeout": 2})
    for call in (store.load_state, store.list_articles, store.history, store.export_store):
        with pytest.raises(store.StoreUnavailable):
            call(gone)
    with pytest.raises(store.StoreUnavailable):
        store.save_edit(gone, "ev_1", {"name": "x"}, {}, 0, "alice")


def test_the_schema_is_versioned_and_init_is_idempotent(engine):
    assert stored_version(engine) == SCHEMA_VERSION == MIGRATIONS[-1][0]
    assert init_schema(engine) == SCHEMA_VERSION  # a second start changes nothing
    assert store.list_articles(engine) == []


def test_a_store_from_a_newer_dashboard_is_refused(engine):
    with write(engine) as conn:
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    with pytest.raises(store.StoreError, match="newer than this dashboard"):
        init_schema(engine)


def test_migrations_after_the_stored_version_run_in_order(engine, monkeypatch):
    ran = []
    monkeypatch.setattr(store.db, "MIGRATIONS", MIGRATIONS + [(SCHEMA_VERSION + 1, "test", lambda c: ran.append(1))])
    monkeypatch.setattr(store.db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    assert init_schema(engine) == SCHEMA_VERSION + 1
    assert ran == [1] and stored_version(engine) == SCHEMA_VERSION + 1
    init_schema(engine)
    assert ran == [1]  # not again


def test_the_store_never_imports_streamlit():
    code = "import sys, store; assert 'streamlit' not in sys.modules, 'streamlit imported'"
    subprocess.run([sys.executable, "-c", code], cwd=store.db.ROOT, check=True)
