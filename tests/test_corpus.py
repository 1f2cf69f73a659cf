"""app.corpus: which files form the corpus, a cache that a changed file or a stored article invalidates,
the curated table, and the store being unreachable."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import preprocessing
import store.corpus
import store
from app import corpus

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = """---
title: Test drill
source: Example News
published: 2020-11-09
---
Pakistan and Russia began the joint exercise Druzhba-5 on Sunday.
"""


def test_default_sources_are_seeds_and_data_articles():
    assert corpus.corpus_sources({}) == [ROOT / "seeds", ROOT / "data" / "articles"]


def test_env_var_replaces_the_sources(tmp_path):
    other = tmp_path / "more"
    got = corpus.corpus_sources({corpus.ENV_VAR: f"{tmp_path}{os.pathsep}{other}"})
    assert got == [tmp_path, other]


def test_corpus_files_are_articles_only(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.md", "sub/c.txt", "a.meta.toml", "notes.csv", ".hidden.txt"):
        (tmp_path / name).write_text("x", "utf-8")
    files = corpus.corpus_files([tmp_path, tmp_path / "b.txt", tmp_path / "missing"])
    assert [f.relative_to(tmp_path.resolve()).as_posix() for f in files] == ["a.md", "b.txt", "sub/c.txt"]


def test_the_project_corpus_has_the_seed_and_bundled_articles():
    files = corpus.corpus_files(corpus.corpus_sources({}))
    names = {f.name for f in files}
    assert "000_a2ef007e2f04334a.txt" in names
    assert len(list((ROOT / "data" / "articles").glob("*.md"))) >= 3


def test_fingerprint_changes_with_a_file(tmp_path):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, "utf-8")
    before = corpus.fingerprint([art])
    art.write_text(ARTICLE + "More text.\n", "utf-8")
    assert corpus.fingerprint([art]) != before


@pytest.fixture
def counted(monkeypatch):
    calls = []

    real = store.corpus.extract

    def counting(bundled, stored, *args, **kwargs):
        calls.append([a.doc_id for a in [*bundled, *stored]])
        return real(bundled, stored, *args, **kwargs)

    monkeypatch.setattr(store.corpus, "extract", counting)
    for cached in (corpus._extract, corpus._bundled, corpus._files_key, corpus._MEMORY):
        cached.clear()
    yield calls
    for cached in (corpus._extract, corpus._bundled, corpus._files_key, corpus._MEMORY):
        cached.clear()


def test_load_is_cached_until_a_file_changes(tmp_path, monkeypatch, counted):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, "utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    first = corpus.load_corpus()
    corpus.load_corpus()
    assert len(counted) == 1, "a rerun with unchanged files must not extract again"
    assert [a.title for a in first.articles] == ["Test drill"]
    assert {"when", "when_end", "when_label", "year"} <= set(first.events.columns)
    assert set(first.columns) >= set(preprocessing.COLUMNS) and "when" not in first.columns

    (tmp_path / "b.md").write_text(ARTICLE.replace("Test drill", "Second"), "utf-8")
    assert len(corpus.load_corpus().articles) == 1, "the folder is looked at again only after FILES_TTL"
    corpus._files_key.clear()  # FILES_TTL seconds later
    second = corpus.load_corpus()
    assert len(counted) == 2 and [a.title for a in second.articles] == ["Test drill", "Second"]


def test_unreadable_files_are_reported_not_raised(tmp_path, monkeypatch, counted):
    (tmp_path / "good.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    loaded = corpus.load_corpus()
    assert len(loaded.articles) == 1
    assert len(loaded.problems) == 1 and "empty.txt" in loaded.problems[0]


def test_article_names_are_unique():
    from preprocessing.model import Article
    loaded = corpus.Corpus(events=None, articles=(Article("a.md", "x", title="Same"), Article("b.md", "y", title="Same"),
                                                  Article("c.md", "z")), spans=None, columns=())
    assert loaded.article_names() == {"Same (a.md)": "a.md", "Same (b.md)": "b.md", "c.md": "c.md"}


def test_a_stored_article_joins_the_corpus_after_the_bundled_ones(tmp_path, monkeypatch, counted):
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    first = corpus.load_corpus()
    engine, status = corpus.open_engine()
    assert status.available and first.store.available
    report = store.add_articles(engine, [store.ArticleInput(
        "Pakistan and Russia began the joint exercise Druzhba-6 on Monday.", title="Added",
        published=__import__("datetime").date(2021, 10, 5))], "analyst")
    assert report.added
    second = corpus.load_corpus()
    corpus.load_corpus()
    assert len(counted) == 2, "a stored article is a new cache key; a rerun after it is a hit"
    assert [a.title for a in second.articles] == ["Test drill", "Added"] and second.bundled == 1
    assert [a.title for a in second.added_articles] == ["Added"]
    assert "Druzhba-6" in set(second.events["name"])


def test_the_curated_table_applies_edits_and_keeps_the_raw_one(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    event_id = corpus.load_corpus().events["event_id"].iloc[0]
    engine = corpus.open_engine()[0]
    version = store.save_edit(engine, event_id, {"date_start": "2019"}, old={"date_start": "2020-11-08"},
                              expected_version=0, author="analyst")
    loaded = corpus.load_corpus()
    assert loaded.version(event_id) == version == 1
    row = loaded.events.set_index("event_id").loc[event_id]
    assert row["date_start"] == "2019" and row["year"] == 2019 and row["edited_fields"] == ["date_start"]
    assert loaded.raw.set_index("event_id").loc[event_id, "year"] == 2020
    assert {"review_status", "edited_fields"} <= set(loaded.columns)
    raw = loaded.shown(True)
    assert raw.is_raw and raw.events is loaded.raw and "review_status" not in raw.columns
    store.set_status(engine, event_id, "rejected", expected_version=1, author="analyst")
    loaded = corpus.load_corpus()
    assert event_id not in set(loaded.events["event_id"]) and list(loaded.rejected["event_id"]) == [event_id]


def test_an_unreachable_store_leaves_the_bundled_corpus_and_says_why(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE, "utf-8")
    monkeypatch.setenv(corpus.ENV_VAR, str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://user:hunter2@127.0.0.1:1/db")
    loaded = corpus.load_corpus()
    assert not loaded.store.available and "cannot reach the events store" in loaded.store.message
    assert "hunter2" not in loaded.store.message
    assert [a.title for a in loaded.articles] == ["Test drill"] and len(loaded.events) == len(loaded.raw)
    assert corpus.open_engine()[0] is None, "retried only after RETRY_SECONDS, not on every rerun"


def test_a_views_figures_are_built_once_per_table_and_filters():
    import dataclasses

    from app import filters as flt
    from app import ui
    calls = []

    def make():
        calls.append(1)
        return object()

    base = corpus.Corpus(events=None, articles=(), spans=None, columns=(), key="t-1")
    view = ui.View(base, flt.Filters(), None)
    first = view.memo("timeline", make)
    assert view.memo("timeline", make) is first and len(calls) == 1, "a rerun or another session reuses it"
    ui.View(base, flt.Filters(types=("exercise",)), None).memo("timeline", make)
    ui.View(dataclasses.replace(base, key="t-2"), flt.Filters(), None).memo("timeline", make)  # an edit saved
    assert len(calls) == 3
    unnamed = ui.View(dataclasses.replace(base, key=""), flt.Filters(), None)
    unnamed.memo("timeline", make), unnamed.memo("timeline", make)
    assert len(calls) == 5, "a table nobody named is never shared"
