"""app.corpus: which files form the corpus, and a cache that a changed file invalidates."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import preprocessing
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
    real = preprocessing.extract_files

    def counting(paths, *args, **kwargs):
        calls.append(list(paths))
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(preprocessing, "extract_files", counting)
    corpus._extract.clear()
    yield calls
    corpus._extract.clear()


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
