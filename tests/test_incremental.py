"""Incremental and parallel extraction (issue 10): kept results and worker processes never change
the table; only new or changed articles, or a new extractor or lexicon, are read again."""
from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import store
import store.corpus
from preprocessing import batch
from preprocessing.articles import read_article
from preprocessing.cache import FileCache, MemoryCache
from preprocessing.lexicon import build_lexicon
from preprocessing.pipeline import extract_articles
from store.extractions import StoreCache

ROOT = Path(__file__).resolve().parent.parent
# real-looking articles by many outlets: the blind sets' articles and the seed
FILES = sorted([*ROOT.glob("tests/heldout2*/articles/*.md"), *ROOT.glob("seeds/*.txt")])


@pytest.fixture(scope="module")
def articles():
    return [read_article(f).article for f in FILES]


@pytest.fixture(scope="module")
def lex():
    return build_lexicon(ROOT / "data")


@pytest.fixture(scope="module")
def full(articles, lex):
    """The table a plain extraction of every article gives: what every other way must equal."""
    return extract_articles(articles, lex)


@pytest.fixture
def extracted(monkeypatch):
    """The doc_ids of the articles actually read by the extractor (not taken from a cache)."""
    seen: list[str] = []
    real = batch.extract_each

    def counting(articles, *args, **kwargs):
        seen.extend(a.doc_id for a in articles)
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(batch, "extract_each", counting)
    return seen


def test_the_corpus_is_big_enough_to_mean_something(articles, full):
    assert len(articles) >= 60 and len(full.records) >= 150


def test_kept_results_give_exactly_the_full_table_and_a_second_run_extracts_nothing(
        tmp_path, articles, lex, full, extracted):
    cache = FileCache(tmp_path / "cache.sqlite")
    first = extract_articles(articles, lex, cache=cache)
    assert len(extracted) == len(articles)
    extracted.clear()
    again = extract_articles(articles, lex, cache=cache)
    assert extracted == []
    assert first.records == again.records == full.records
    assert first.span_records == again.span_records == full.span_records


def test_adding_one_article_extracts_that_one_and_merges_again(tmp_path, articles, lex, full, extracted):
    cache, memory = FileCache(tmp_path / "cache.sqlite"), MemoryCache()
    before = extract_articles(articles[:-1], lex, cache=cache, memory=memory)
    extracted.clear()
    after = extract_articles(articles, lex, cache=cache, memory=memory)
    assert extracted == [articles[-1].doc_id]
    assert after.records == full.records
    assert len(after.records) != len(before.records) or after.records != before.records


def test_a_changed_title_or_text_reads_that_article_again(tmp_path, articles, lex, extracted):
    cache = FileCache(tmp_path / "cache.sqlite")
    extract_articles(articles, lex, cache=cache)
    changed = list(articles)
    changed[3] = dataclasses.replace(changed[3], title=changed[3].title + " (updated)")
    changed[5] = dataclasses.replace(changed[5], text=changed[5].text + "\nA sentence added later.")
    extracted.clear()
    got = extract_articles(changed, lex, cache=cache)
    assert sorted(extracted) == sorted([articles[3].doc_id, articles[5].doc_id])
    assert any(changed[3].title in r["sources"] for r in got.records)
    assert got.records == extract_articles(changed, lex).records


def test_an_edited_lexicon_reads_every_article_again(tmp_path, articles, lex, extracted):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("articles", "cache", "*.sqlite*"))
    cache = FileCache(tmp_path / "cache.sqlite")
    extract_articles(articles[:10], build_lexicon(data), cache=cache)
    extracted.clear()
    extract_articles(articles[:10], build_lexicon(data), cache=cache)
    assert extracted == [], "the same data files: every result is kept"
    with (data / "exercises.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[series]]\nname = "Steppe Eagle"\naliases = ["Steppe Eagle"]\n')
    extract_articles(articles[:10], build_lexicon(data), cache=cache)
    assert len(extracted) == 10


def test_a_new_extractor_version_reads_every_article_again(tmp_path, articles, lex, extracted, monkeypatch):
    cache = FileCache(tmp_path / "cache.sqlite")
    extract_articles(articles[:5], lex, cache=cache)
    extracted.clear()
    monkeypatch.setattr("preprocessing.cache.code_version", lambda: "a-changed-extractor")
    extract_articles(articles[:5], lex, cache=cache)
    assert len(extracted) == 5


def test_a_damaged_or_unwritable_cache_costs_time_not_the_table(tmp_path, articles, lex, full, extracted):
    path = tmp_path / "cache.sqlite"
    extract_articles(articles, lex, cache=FileCache(path))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE results SET payload = 'not json' WHERE rowid IN (SELECT rowid FROM results LIMIT 3)")
        conn.execute("UPDATE results SET payload = '{\"fields\": [\"name\"], \"sentences\": [], \"events\": [[1]]}' WHERE rowid IN "
                     "(SELECT rowid FROM results LIMIT 2 OFFSET 3)")
    extracted.clear()
    assert extract_articles(articles, lex, cache=FileCache(path)).records == full.records
    assert len(extracted) == 5
    (tmp_path / "ro").write_text("a file where the cache's folder would be")
    unwritable = FileCache(tmp_path / "ro" / "cache.sqlite")
    assert extract_articles(articles[:4], lex, cache=unwritable).records == extract_articles(articles[:4], lex).records


def test_two_jobs_give_the_same_table_as_one(articles, lex, full):
    assert len(articles) >= batch.MIN_PARALLEL
    two = extract_articles(articles, lex, jobs=2)
    assert two.records == full.records and two.span_records == full.span_records


def test_the_command_with_two_jobs_writes_the_same_file_as_with_one(tmp_path):
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"events{jobs}.csv"
        proc = subprocess.run([sys.executable, "-m", "preprocessing", "extract", *map(str, FILES), "--jobs", str(jobs),
                               "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 150


def test_the_command_refuses_a_bad_jobs_value(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "preprocessing", "extract", str(FILES[0]), "--jobs", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--jobs wants a whole number" in proc.stderr


@pytest.fixture
def engine(tmp_path):
    return store.open_store(f"sqlite:///{tmp_path}/store.sqlite")


def test_stored_articles_keep_their_results_in_the_store(engine, articles, lex, full, extracted):
    cache = StoreCache(engine)
    assert extract_articles(articles, lex, cache=cache).records == full.records
    extracted.clear()
    assert extract_articles(articles, lex, cache=cache).records == full.records
    assert extracted == []
    with engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*), count(DISTINCT version) FROM extractions").one()
    assert n == (len({a.doc_id for a in articles}), 1)


def test_the_dashboards_corpus_after_a_restart_reads_kept_results(tmp_path, monkeypatch, extracted):
    """A server restart empties every in-process cache: the table comes from the kept results."""
    from app import corpus

    folder = tmp_path / "articles"
    folder.mkdir()
    for f in FILES[:20]:
        shutil.copy(f, folder / f.name)
    monkeypatch.setenv(corpus.ENV_VAR, str(folder))
    monkeypatch.setenv(store.corpus.CACHE_VAR, str(tmp_path / "cache.sqlite"))

    def restart():
        for cached in (corpus._extract, corpus._bundled, corpus._files_key, corpus._curate, corpus._MEMORY):
            cached.clear()

    restart()
    first = corpus.load_corpus()
    assert len(extracted) == 20
    extracted.clear()
    restart()
    second = corpus.load_corpus()
    assert extracted == []
    assert second.events.equals(first.events) and len(second.events) > 30
    restart()


def test_a_start_with_nothing_changed_reads_the_kept_table_and_equals_a_full_extraction(
        tmp_path, monkeypatch, articles, full, extracted):
    monkeypatch.setenv(store.corpus.CACHE_VAR, str(tmp_path / "cache.sqlite"))
    merges = []
    real = store.corpus.merged
    monkeypatch.setattr(store.corpus, "merged", lambda *a: merges.append(1) or real(*a))
    first = store.corpus.extract(articles, [])
    again = store.corpus.extract(articles, [])
    assert merges == [1] and extracted == [a.doc_id for a in articles]
    assert again.records == first.records == full.records and again.span_records == full.span_records
    # one article more: its events extracted, the rest kept, the whole merged again
    extracted.clear()
    memory = MemoryCache()
    store.corpus.warm(articles[:-1], [], memory)
    assert extracted == []
    assert store.corpus.extract(articles[:-1], [], memory=memory).records == extract_articles(articles[:-1]).records
    assert merges == [1, 1]


def test_the_garbage_collector_is_back_on_after_an_extraction_even_a_failed_one(articles, lex):
    import gc

    extract_articles(articles[:3], lex)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with batch.quiet_gc():
            assert not gc.isenabled()
            raise RuntimeError("a failure inside")
    assert gc.isenabled()


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_started_either_way_give_the_same_table(articles, lex, full, monkeypatch, method):
    """spawn is what a server (with threads) uses, fork what the command uses on Linux."""
    monkeypatch.setattr(batch, "_start_method", lambda: method)
    assert extract_articles(articles, lex, jobs=2).records == full.records
