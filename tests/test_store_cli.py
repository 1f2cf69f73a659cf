"""`python -m store add ...` and `python -m store export` (issue 10, item 3), end to end on a temporary SQLite
store and the local news server (tests/http_server.py): one line per article, exit codes, idempotence,
saved feeds read and marked.

Most tests stand in a small module of their own for store/corpus.py (`fake_corpus`: the seed and one
bundled copy of a served page), so that they are fast and know exactly what is bundled; the last ones
run the command as it is, on the real bundled corpus.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

import preprocessing
import store
from preprocessing.articles import read_article
from preprocessing.model import Article
from store import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_a2ef007e2f04334a.txt"
SHAKTI = "Indian and French troops begin Exercise Shakti in Meghalaya"
K2 = "South Korea delivers first K2 tanks of second contract to Poland"
VISIT = "Japanese defence minister visits Manila to deepen security ties"
BRAZIL = "Brazil and France sign submarine maintenance agreement"
BUNDLED_VISIT = "Nakatani in Manila (bundled copy)"


@pytest.fixture
def fake_corpus(monkeypatch, news_site):
    """store.corpus as the command uses it: the seed and a bundled copy of the visit (by its address)."""
    bundled = [read_article(SEED).article,
               Article("visit-copy.md", "Gen Nakatani arrived in Manila on Sunday.", title=BUNDLED_VISIT,
                       url=news_site.url("/news/japan-philippines-visit"))]
    module = types.ModuleType("store.corpus")
    module.bundled_articles = lambda environ=None: list(bundled)

    def curated_events(engine, environ=None) -> pd.DataFrame:
        extracted = preprocessing.extract_articles(bundled + store.list_articles(engine))
        return store.curate(extracted.events, store.history(engine), store.load_state(engine)).table

    module.curated_events = curated_events
    monkeypatch.setitem(sys.modules, "store.corpus", module)
    monkeypatch.setattr(store, "corpus", module, raising=False)
    return bundled


def run(*argv: str) -> tuple[int, list[str], str]:
    """(exit status, stdout's lines, stderr) of the command, in this process."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        code = cli.main(list(argv), out=out)
    finally:
        sys.stderr = old
    return code, out.getvalue().splitlines(), err.getvalue()


def engine():
    import os
    return store.open_store(os.environ["DATABASE_URL"])


def titles() -> list[str]:
    e = engine()
    try:
        return sorted(a.title for a in store.list_articles(e))
    finally:
        e.dispose()


def test_web_addresses_are_added_once_and_a_second_run_says_so(fake_corpus, news_site):
    urls = [news_site.url("/news/india-france-shakti"), news_site.url("/chain/3")]
    code, lines, err = run("add", *urls, "--author", "nightly job")
    assert code == 0, (lines, err)
    assert lines == [f"added   {SHAKTI} ({urls[0]})", f"added   {K2} ({urls[1]})"]
    assert "store: 2 added, 0 skipped, 0 failed" in err
    assert titles() == sorted([SHAKTI, K2])
    stored = {a.title: a for a in store.list_articles(engine())}
    assert stored[K2].url == news_site.url("/news/k2-tanks-poland"), "stored under its canonical address"
    assert stored[K2].metadata["added_by"] == "nightly job" and str(stored[K2].published) == "2025-04-10"

    news_site.hits.clear()
    tracked = news_site.url("/news/k2-tanks-poland?utm_source=x")
    code, lines, _ = run("add", *urls, tracked)
    assert code == 0
    assert lines[0].startswith(f"skipped {urls[0]}: same URL as an article added by nightly job on ")
    assert lines[0].endswith(f"(“{SHAKTI}”)")
    assert lines[1].startswith(f"skipped {K2}: same text as an article added by nightly job"), \
        "reached by a redirect: fetched, then recognised by the store"
    assert lines[2].startswith(f"skipped {tracked}: same URL as an article added by nightly job")
    assert news_site.hits["/news/india-france-shakti"] == news_site.hits["/news/k2-tanks-poland"] == 0
    assert news_site.hits["/chain/0"] == 1, "only the redirecting address, unknown to the store, was fetched"
    assert titles() == sorted([SHAKTI, K2]), "nothing added the second time"


def test_a_bundled_article_counts_and_a_failure_is_one_line_and_exit_1(fake_corpus, news_site, tmp_path):
    article = tmp_path / "brazil.md"
    article.write_text(f"---\ntitle: {BRAZIL} (wire)\nsource: Test Wire\npublished: 2025-03-27\n---\n"
                       "Brazil and France signed a defence cooperation agreement in Rio de Janeiro on Wednesday.\n")
    visit, missing = news_site.url("/news/japan-philippines-visit"), news_site.url("/news/no-such-story")
    code, lines, err = run("add", str(article), visit, missing, str(tmp_path / "nowhere.md"),
                           news_site.url("/report.pdf"))
    assert code == 1
    assert sorted(lines) == sorted([
        f"added   {BRAZIL} (wire) ({article})",
        f"skipped {visit}: same URL as a bundled article (“{BUNDLED_VISIT}”)",
        f"failed  {missing}: HTTP 404 (Not Found)",
        f"failed  {tmp_path / 'nowhere.md'}: no such file",
        f"failed  {news_site.url('/report.pdf')}: not a web page (the server sent application/pdf)"])
    assert news_site.hits["/news/japan-philippines-visit"] == 0, "a bundled address is not fetched"
    assert "1 added, 1 skipped, 3 failed" in err
    assert titles() == [f"{BRAZIL} (wire)"], "what could be read was added"


def test_a_feed_given_once_adds_its_articles_and_is_not_saved(fake_corpus, news_site):
    rss = news_site.url("/feeds/defence.rss")
    code, lines, _ = run("add", "--feed", rss, "--feed", news_site.url("/feeds/naval.atom"))
    assert code == 0, lines
    assert [line.split(" (")[0] for line in lines[:5]] == [
        f"added   {SHAKTI}", f"added   {K2}",
        "skipped " + news_site.url("/news/japan-philippines-visit") + ": same URL as a bundled article",
        f"added   {BRAZIL}",
        "skipped " + news_site.url("/news/k2-tanks-poland") + ": same URL as another address in this batch"]
    shakti = rss.replace("/feeds/defence.rss", "/news/india-france-shakti?utm_source=rss&utm_medium=feed")
    assert lines[0] == f"added   {SHAKTI} ({shakti})", "the address the feed gave"
    atom = news_site.url("/feeds/naval.atom")
    assert lines[5:] == [f"feed    {rss}: 3 article(s): 2 new, 1 already stored or repeated, 0 failed",
                         f"feed    {atom}: 2 article(s): 1 new, 1 already stored or repeated, 0 failed"]
    assert store.list_feeds(engine()) == []
    assert titles() == sorted([SHAKTI, K2, BRAZIL])


def test_saved_feeds_are_read_marked_and_a_broken_one_fails_alone(fake_corpus, news_site):
    e = engine()
    store.save_feed(e, "Defence Digest", news_site.url("/feeds/defence.rss"), "alice")
    store.save_feed(e, "Broken", news_site.url("/feeds/broken.rss"), "alice")
    store.save_feed(e, "Not a feed", news_site.url("/news/k2-tanks-poland"), "alice")
    code, lines, _ = run("add", "--saved-feeds")
    assert code == 1
    assert f"failed  feed Broken ({news_site.url('/feeds/broken.rss')}): not a readable RSS or Atom feed " \
           "(mismatched tag, line 4)" in lines
    assert f"failed  feed Not a feed ({news_site.url('/feeds/k2-tanks-poland'.replace('feeds', 'news'))}): " \
           "a web page, not an RSS or Atom feed (give the feed's own address)" in lines
    assert "feed    Defence Digest: 3 article(s): 2 new, 1 already stored or repeated, 0 failed" in lines
    assert titles() == sorted([SHAKTI, K2])
    feeds = {f.name: f for f in store.list_feeds(e)}
    assert all(f.last_read_at is not None for f in feeds.values())
    assert feeds["Broken"].last_result.startswith("failed: not a readable RSS or Atom feed")
    assert feeds["Defence Digest"].last_result == "3 article(s): 2 new, 1 already stored or repeated, 0 failed"

    first = feeds["Defence Digest"].last_read_at
    code, lines, _ = run("add", "--saved-feeds")
    again = {f.name: f for f in store.list_feeds(e)}["Defence Digest"]
    assert again.last_result == "3 article(s): 0 new, 3 already stored or repeated, 0 failed"
    assert again.last_read_at > first
    assert titles() == sorted([SHAKTI, K2])
    e.dispose()


@pytest.mark.parametrize("argv, says", [
    ([], "store: the following arguments are required: command"),
    (["add"], "store: add what? give files, web addresses, --feed URL or --saved-feeds"),
    (["add", "x.md", "--published", "last week"], "--published wants YYYY-MM-DD, not 'last week'"),
    (["export"], "the following arguments are required: -o/--output"),
    (["export", "-o", "events.xlsx"], "store: events.xlsx: output must end in .csv, .json, .parquet"),
])
def test_a_usage_error_is_one_line_and_exit_2(argv, says, capsys):
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1


def test_an_unreachable_store_is_one_line_without_its_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody:secret-pw@127.0.0.1:1/x")
    code, lines, err = run("add", "https://news.example/a")
    assert code == 1 and lines == []
    assert "cannot reach the events store at postgresql+psycopg://nobody:***@127.0.0.1:1/x" in err
    assert "secret-pw" not in err and len(err.strip().splitlines()) == 1


def test_the_store_is_found_as_the_app_finds_it(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[connections.events]\nurl = "sqlite:////tmp/from-secrets.sqlite"\n')
    found = cli.read_secrets([tmp_path / "absent.toml", secrets])
    assert cli.configured_url({}, found) == "sqlite:////tmp/from-secrets.sqlite"
    assert cli.configured_url({"DATABASE_URL": "sqlite:////tmp/env.sqlite"}, found) == "sqlite:////tmp/env.sqlite"
    assert cli.configured_url({}, {"DATABASE_URL": "sqlite:////tmp/top.sqlite", **found}) == "sqlite:////tmp/top.sqlite"
    assert cli.configured_url({}, {}) == store.DEFAULT_URL
    secrets.write_text("[connections.events\nurl = ")
    assert cli.read_secrets([secrets]) is None
    with pytest.raises(store.StoreUnavailable, match="the secrets file cannot be read"):
        cli.configured_url({}, None)


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_export_writes_the_curated_table_with_edits_applied_and_rejected_events_left_out(
        fake_corpus, news_site, tmp_path, suffix):
    assert run("add", news_site.url("/news/k2-tanks-poland"))[0] == 0
    e = engine()
    events = fake_corpus and sys.modules["store.corpus"].curated_events(e)
    k2 = events.loc[events["sources"].map(lambda s: K2 in s)].iloc[0]
    other = events.loc[events["event_id"] != k2["event_id"]].iloc[0]
    store.save_edit(e, k2["event_id"], {"location": "Gdynia"}, {"location": k2["location"]}, 0, "alice")
    store.set_status(e, other["event_id"], "rejected", 0, "alice")
    e.dispose()

    out = tmp_path / f"events{suffix}"
    code, lines, err = run("export", "-o", str(out))
    assert code == 0 and lines == [] and f"store: wrote {len(events) - 1} event(s) to {out}" in err
    table = {".csv": lambda p: pd.read_csv(p, keep_default_na=False), ".json": lambda p: pd.DataFrame(json.loads(
        p.read_text("utf-8"))), ".parquet": pd.read_parquet}[suffix](out)
    assert len(table) == len(events) - 1 and other["event_id"] not in set(table["event_id"])
    row = table.set_index("event_id").loc[k2["event_id"]]
    assert row["location"] == "Gdynia" and "location" in str(row["edited_fields"])
    assert list(table.columns[-2:]) == ["review_status", "edited_fields"]
    assert not list(tmp_path.glob(".events*")), "no temporary file left behind"


def test_the_command_runs_as_a_module(tmp_path):
    done = subprocess.run([sys.executable, "-m", "store", "add"], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == "store: add what? give files, web addresses, --feed URL or --saved-feeds (see --help)"


def test_the_command_adds_end_to_end_with_the_real_bundled_corpus(news_site, tmp_path):
    pytest.importorskip("store.corpus", reason="store/corpus.py (bundled_articles) is not written yet")
    url = news_site.url("/news/india-france-shakti")
    for expected in ("added   ", "skipped "):
        done = subprocess.run([sys.executable, "-m", "store", "add", url], capture_output=True, text=True,
                              cwd=ROOT, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(expected)
