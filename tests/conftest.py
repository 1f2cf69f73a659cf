"""Shared by every test: the dashboard's events store is a temporary SQLite file, never data/store.sqlite."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _temporary_store(tmp_path_factory, monkeypatch):
    # Each test gets an empty store of its own; a test that needs another URL sets DATABASE_URL itself.
    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
