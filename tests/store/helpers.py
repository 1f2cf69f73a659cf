"""Small helpers shared by the store tests."""
from __future__ import annotations

import json
from pathlib import Path

import store
from preprocessing.articles import read_article

ROOT = Path(__file__).resolve().parents[2]
DAWN = ROOT / "data" / "articles" / "007_j10c-arrive-pakistan-dawn.md"
REUTERS = ROOT / "data" / "articles" / "008_j10c-arrive-pakistan-reuters.md"


def bundled(path: Path):
    return read_article(path).article


def as_input(path: Path) -> store.ArticleInput:
    return store.ArticleInput.from_article(bundled(path))


def snapshot(engine) -> dict:
    """Everything the store holds, for 'nothing changed' checks (the export minus its timestamp)."""
    doc = json.loads(store.export_store(engine))
    doc.pop("exported_at")
    return doc
