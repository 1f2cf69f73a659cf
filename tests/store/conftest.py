"""Every store test runs on SQLite (a temporary file) and on PostgreSQL (TEST_POSTGRES_URL, set by
.ci/run): each PostgreSQL test gets its own schema, chosen through the URL's search_path."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine

import store
from store.db import normalise_url


def postgres_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL", "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set: in CI the store tests must also run on PostgreSQL "
                        "(.ci/run starts a server and sets it)")
        pytest.skip("no PostgreSQL for the store tests: set TEST_POSTGRES_URL (as .ci/run does) to run them")
    return url


@pytest.fixture(scope="session")
def _pg_admin():
    engines = {}
    yield engines
    for e in engines.values():
        e.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, _pg_admin):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    base = normalise_url(postgres_url())
    admin = _pg_admin.get("admin") or _pg_admin.setdefault("admin", create_engine(base))
    schema = f"store_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def engine(store_url):
    e = store.open_store(store_url)
    yield e
    e.dispose()


@pytest.fixture
def other_engine(store_url, engine):
    """A second session on the same store, as a colleague's browser would have."""
    e = store.connect(store_url)
    yield e
    e.dispose()
