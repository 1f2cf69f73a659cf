"""Shared by every test: the dashboard's events store is a temporary SQLite file, never data/store.sqlite."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _temporary_store(tmp_path_factory, monkeypatch):
    # Each test gets an empty store of its own; a test that needs another URL sets DATABASE_URL itself.
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    # kept extraction results go to a file of the test session's, never data/cache
    monkeypatch.setenv("DEFENCE_DASHBOARD_CACHE", str(_cache_file(tmp_path_factory)))


_CACHE: list = []


def _cache_file(tmp_path_factory):
    if not _CACHE:
        _CACHE.append(tmp_path_factory.mktemp("extraction-cache") / "extractions.sqlite")
    return _CACHE[0]


@pytest.fixture(scope="session")
def _web_server():
    from tests.http_server import WebServer

    with WebServer() as server:
        yield server


@pytest.fixture
def news_site(_web_server, monkeypatch):
    """The local news server (tests/http_server.py), its request counts reset, and private addresses
    allowed for the fetcher (it is on 127.0.0.1)."""
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE", "1")
    _web_server.hits.clear()
    _web_server.agents.clear()
    return _web_server
