"""Hostile and careless input at the door (issue 9, items 5 and 7).

Item 7: the command reads only regular files (a device, a named pipe, a socket is refused with one
line and never read), never more than the size limit whatever a file claims, exits quietly when
its reader goes away, reads UTF-16 without a byte-order mark, and says when front matter is not
closed. Item 5: text is NFC and free of zero-width and bidirectional control characters from the
moment it is read, so an invisible character makes no second article and turns no title around.
"""
from __future__ import annotations

import os
import random
import socket
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import store
from app import adding
from preprocessing import articles as articles_mod
from preprocessing.articles import MAX_BYTES, ArticleError, read_article
from preprocessing.cleaning import clean_text
from preprocessing.cli import main
from preprocessing.html_reader import article_from_html, article_from_paste, read_upload
from preprocessing.pipeline import extract_articles
from tests.test_pages import (DRUZHBA6, _router_runs_every_page, any_store, overview, paste,  # noqa: F401
                              run_app, seed_only, texts)

ROOT = Path(__file__).resolve().parents[1]
DAWN = ROOT / "data" / "articles" / "007_j10c-arrive-pakistan-dawn.md"
ARTICLE = """---
title: Pakistan, China begin joint air exercise
source: Example News
published: 2021-03-15
---
ISLAMABAD: Pakistan and China began the joint air exercise Shaheen-IX in Bhholari on Sunday.
"""
TEXT = "Pakistan and Russia began the joint exercise Druzhba-5 on Sunday near Tarbela.\n"
ZWSP, RLO, PDF, LRI, PDI = "\u200b", "\u202e", "\u202c", "\u2066", "\u2069"
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
             "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]


def extract(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "preprocessing", "extract", *args], stderr=subprocess.PIPE,
                          text=True, cwd=ROOT, timeout=timeout, **kwargs)


def lines_about(err: str, path) -> list[str]:
    return [line for line in err.splitlines() if str(path) in line]


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "shaheen.md"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


# ---------------------------------------------------------------- item 7: only regular files

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_at_once_with_one_line(article):
    started = time.monotonic()
    proc = extract("/dev/zero", str(article), timeout=30)  # it used to read 1.3 GB in 10 s
    assert time.monotonic() - started < 30
    assert proc.returncode == 1
    [line] = lines_about(proc.stderr, "/dev/zero")
    assert line == "preprocessing: /dev/zero: is a device, not a file (only regular files are read)"
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, article):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    proc = extract(str(fifo), str(article), timeout=30)  # reading it would wait for a writer for ever
    assert proc.returncode == 1
    [line] = lines_about(proc.stderr, fifo)
    assert "is a named pipe, not a file" in line
    assert "Shaheen-9" in proc.stdout, "the other files are still read"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_and_a_folder_are_refused(tmp_path):
    with tempfile.TemporaryDirectory(dir="/tmp") as short:  # a socket's path must be short
        path = os.path.join(short, "s.md")
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path)
            with pytest.raises(ArticleError, match="is a socket, not a file"):
                read_article(path)
    with pytest.raises(ArticleError, match="is a folder, not a file"):
        read_article(tmp_path)


def test_a_link_to_an_article_is_read_and_a_link_to_a_device_is_not(tmp_path, article):
    link = tmp_path / "link.md"
    link.symlink_to(article)
    assert read_article(link).article.title == "Pakistan, China begin joint air exercise"
    if os.path.exists("/dev/zero"):
        bad = tmp_path / "zero.md"
        bad.symlink_to("/dev/zero")
        with pytest.raises(ArticleError, match="is a device"):
            read_article(bad)


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """The size of every os.read the reader makes."""
    sizes: list[int] = []
    real = os.read

    def spy(fd, n):
        data = real(fd, n)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(articles_mod.os, "read", spy)
    return sizes


def test_a_file_that_claims_to_be_small_is_read_no_further_than_the_limit(tmp_path, monkeypatch, reads):
    """A file that grows while it is read, or whose size lies (/proc, a network mount), is cut at
    the limit: the check is on what is read, not on what the file says."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"Pakistan and Russia held talks. " * (3 * MAX_BYTES // 32))
    real_stat, real_fstat = os.stat, os.fstat

    def small(result):
        fields = list(result)
        fields[stat.ST_SIZE] = 1000
        return os.stat_result(fields)

    monkeypatch.setattr(articles_mod.os, "stat", lambda *a, **k: small(real_stat(*a, **k)))
    monkeypatch.setattr(articles_mod.os, "fstat", lambda fd: small(real_fstat(fd)))
    with pytest.raises(ArticleError) as exc:
        read_article(big)
    assert "more than the 5 MB" in str(exc.value) and "\n" not in str(exc.value)
    assert sum(reads) == MAX_BYTES + 1


def test_a_large_file_is_refused_before_a_byte_is_read(tmp_path, reads):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * MAX_BYTES)  # sparse: 250 MB on paper
    with pytest.raises(ArticleError, match="250.0 MB is more than the 5 MB"):
        read_article(big)
    assert reads == []


def test_a_file_at_the_limit_is_read_whole(tmp_path):
    p = tmp_path / "full.txt"
    body = b"Pakistan and Russia held talks. "
    p.write_bytes(body * (MAX_BYTES // len(body)) + b"x" * (MAX_BYTES % len(body)))
    assert len(read_article(p).article.text) == MAX_BYTES


# ---------------------------------------------------------------- item 7: a reader that goes away

def test_a_broken_stdout_exits_1_quietly(article):
    read_end, write_end = os.pipe()
    os.close(read_end)  # `... | head -c1` after head has gone
    try:
        proc = extract(str(article), stdout=write_end, timeout=60)
    finally:
        os.close(write_end)
    assert proc.returncode == 1
    assert proc.stderr == "", proc.stderr  # no traceback, no "None: cannot write", no "Exception ignored"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_stdout_is_named_as_standard_output(article):
    with open("/dev/full", "w") as full:
        proc = extract(str(article), stdout=full, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "preprocessing: standard output: cannot write (No space left on device)"


# ---------------------------------------------------------------- item 7: encodings and front matter

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    p = tmp_path / "u16.md"
    p.write_bytes(ARTICLE.replace("Bhholari", "Bhholari\u2019s range").encode(codec))
    proc = extract(str(p))
    assert proc.returncode == 0, proc.stderr
    assert f"not UTF-8; read as {codec.upper()} without a byte-order mark" in proc.stderr
    assert "Shaheen-9" in proc.stdout and "2021-03-14" in proc.stdout
    assert read_article(p).article.title == "Pakistan, China begin joint air exercise"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_in_another_alphabet(tmp_path, codec):
    text = "Учения «Дружба-5» начались в Пакистане.\nРоссийские и пакистанские войска участвуют.\n"
    p = tmp_path / "ru.txt"
    p.write_bytes(text.encode(codec))
    assert read_article(p).article.text == text


def test_utf16_with_an_odd_last_byte_is_read_not_a_crash(tmp_path):
    p = tmp_path / "odd.txt"
    p.write_bytes("\ufeffPakistan and Russia held talks.".encode("utf-16-le") + b"!")
    assert read_article(p).article.text.startswith("Pakistan and Russia held talks.")


_RNG = random.Random(9)
NOISE = bytes(_RNG.randrange(256) for _ in range(4096))
QUIET_AUDIO = b"".join(_RNG.randrange(-300, 300).to_bytes(2, "little", signed=True) for _ in range(2048))
COUNTS = b"".join(_RNG.randrange(512).to_bytes(2, "little") for _ in range(2048))  # high byte 0 or 1, as text's


@pytest.mark.parametrize("data", [NOISE, QUIET_AUDIO, QUIET_AUDIO[1:], COUNTS, COUNTS[1:], b"\x00" * 4096,
                                  b"\x00\x01\x02binary\x00" * 50],
                         ids=["noise", "audio-le", "audio-be", "counts-le", "counts-be", "nul", "binary"])
def test_binary_is_still_refused(tmp_path, data):
    p = tmp_path / "b.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError, match="binary"):
        read_article(p)


@pytest.mark.parametrize("text", ["abcb", "Hi!!", "Ok.\n", "Talks.\n", "¡Sí!", "Moscow talks"])
def test_short_utf8_is_not_taken_for_utf16(tmp_path, text):
    p = tmp_path / "short.txt"
    p.write_bytes(text.encode("utf-8"))
    r = read_article(p)
    assert r.article.text == text and not any("UTF-16" in n for n in r.notes)


def test_unclosed_front_matter_is_read_as_text_with_a_note(tmp_path):
    p = tmp_path / "open.md"
    p.write_text("---\ntitle: Talks in Moscow\npublished: 2021-04-06\nThe ministers met on Tuesday.\n")
    proc = extract(str(p))
    assert f"preprocessing: {p}: front matter not closed (no second '---' line): read as text" in proc.stderr
    r = read_article(p)
    assert r.article.title == "" and "title: Talks in Moscow" in r.article.text
    closed = tmp_path / "closed.md"
    closed.write_text(ARTICLE)
    assert not any("front matter" in n for n in read_article(closed).notes)
    pasted = article_from_paste("---\ntitle: Talks\nThe ministers met on Tuesday.", title="Talks")
    assert "front matter not closed" in pasted.notes[0]
    uploaded = read_upload("open.md", p.read_bytes())
    assert "front matter not closed" in uploaded.notes[0]


# ---------------------------------------------------------------- item 5: one clean text

@pytest.mark.parametrize("ch", INVISIBLE)
def test_clean_text_drops_each_invisible_character(ch):
    assert clean_text(f"Druz{ch}hba-5 {ch}began") == "Druzhba-5 began"


def test_clean_text_composes_and_keeps_white_space():
    nfd = unicodedata.normalize("NFD", "Café in Zürich\n\n  Şahin\t")
    assert nfd != "Café in Zürich\n\n  Şahin\t"
    assert clean_text(nfd) == "Café in Zürich\n\n  Şahin\t"
    assert clean_text("e\u200b\u0301") == "é", "a zero-width character between a letter and its accent"
    assert clean_text(None) == "" and clean_text(clean_text(nfd + RLO)) == clean_text(nfd)


def test_a_right_to_left_override_in_a_title_is_removed_by_every_reader(tmp_path):
    spoof = f"Pakistan buys {RLO}FDP.exe{PDF} jets"  # displayed as "Pakistan buys exe.PDF jets"
    front = f"---\ntitle: {spoof}\nsource: {LRI}ISPR{PDI}\nurl: https://ex{ZWSP}ample.org/a\n---\n{TEXT}"
    p = tmp_path / "a.md"
    p.write_text(front)
    page = (f"<html><head><title>{spoof}</title></head><body><article><p>{spoof}</p><p>{TEXT}</p>"
            "</article></body></html>")
    pasted = article_from_paste(TEXT, title=spoof, source=f"{LRI}ISPR{PDI}", url=f"https://ex{ZWSP}ample.org/a")
    for a in (read_article(p).article, read_upload("a.md", front.encode()).article, pasted.article):
        assert (a.title, a.source, a.url) == ("Pakistan buys FDP.exe jets", "ISPR", "https://example.org/a")
    html = article_from_html(page, "a.html").article
    assert html.title == "Pakistan buys FDP.exe jets"
    assert html.text == TEXT.strip(), "the headline is still recognised and dropped"


def test_invisible_characters_inside_words_do_not_change_what_is_extracted(tmp_path):
    hidden = TEXT.replace("Druzhba", f"Dru{ZWSP}zh{ZWSP}ba").replace("Russia", f"Rus{RLO}sia")
    p = tmp_path / "hidden.md"
    p.write_text(hidden)
    a = read_article(p, date(2020, 11, 9)).article
    assert a.text == TEXT
    rows = extract_articles([a]).records
    assert [(r["name"], sorted(r["countries"])) for r in rows] == [("Druzhba-5", ["Pakistan", "Russia"])]


@pytest.fixture
def engine(tmp_path):
    e = store.open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield e
    e.dispose()


def _add(engine, reading, bundled=()):
    return store.add_articles(engine, reading.inputs, "alice", bundled=bundled)


def test_a_zero_width_space_makes_no_second_article(engine):
    first = _add(engine, adding.read_paste(TEXT, title="Druzhba-5 begins"))
    assert len(first.added) == 1
    hidden = TEXT.replace("exercise", f"exer{ZWSP}cise").replace(" on ", f" {ZWSP}on{ZWSP} ")
    second = _add(engine, adding.read_paste(hidden, title=f"Druzhba-5 begins{ZWSP}"))
    assert second.added == () and second.skipped[0].reason.startswith("same text as an article added by alice")
    again = _add(engine, adding.read_files([("again.txt", ("\ufeff" + hidden).encode("utf-8"))]))
    assert again.added == () and again.skipped[0].existing == "Druzhba-5 begins"
    # The key holds for a caller that skips the readers, too.
    direct = store.add_articles(engine, [store.ArticleInput(f"{ZWSP}{TEXT}{ZWSP}", title="direct")], "bob")
    assert direct.added == ()
    assert store.count_articles(engine) == 1
    (stored,) = store.list_articles(engine)
    assert ZWSP not in stored.text and stored.title == "Druzhba-5 begins"


def test_nfc_and_nfd_forms_are_one_article(engine):
    text = "Le ministre turc a visité Islamabad; Şahin et l’armée pakistanaise ont signé un accord.\n"
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert nfc != nfd
    assert len(_add(engine, adding.read_paste(nfd, title="Accord signé")).added) == 1
    report = _add(engine, adding.read_files([("nfc.md", nfc.encode("utf-8"))]))
    assert report.added == () and report.skipped[0].existing == "Accord signé"
    (stored,) = store.list_articles(engine)
    assert stored.text == nfc and stored.title == unicodedata.normalize("NFC", "Accord signé")


def test_an_invisible_character_in_a_url_makes_no_second_article(engine):
    _add(engine, adding.read_paste(TEXT, title="First", url="https://dawn.com/news/1"))
    report = _add(engine, adding.read_paste("Another text entirely about the talks.", title="Second",
                                            url=f"https://dawn.com/news/{ZWSP}1{RLO}"))
    assert report.added == () and report.skipped[0].reason.startswith("same URL as")
    assert store.url_key(f"https://{ZWSP}www.dawn.com/news/1") == store.url_key("https://dawn.com/news/1")


def test_a_bundled_article_with_hidden_characters_is_not_added_again(engine):
    bundled = [read_article(DAWN).article]
    data = DAWN.read_text("utf-8").replace(" the ", f" the{ZWSP} ").replace("Pakistan", f"Paki{RLO}stan")
    report = _add(engine, adding.read_files([("dawn-copy.md", data.encode("utf-8"))]), bundled)
    assert report.added == () and report.skipped[0].reason == "same text as a bundled article"


def test_the_add_page_skips_a_zero_width_copy_and_counts_one_source(any_store):
    title = "Druzhba-6 opens in Pakistan"
    at = paste(run_app(), DRUZHBA6, title=title, published=date(2021, 10, 5))
    assert "Added 1 article(s)" in texts(at.success)
    at = paste(at, DRUZHBA6.replace("Druzhba-6", f"Druzhba{ZWSP}-6"), title=f"{RLO}{title}",
               published=date(2021, 10, 5))
    warning = texts(at.warning)
    assert "1 not added" in warning and "same text as an article added by local" in warning
    row = overview(at).set_index("Name").loc["Druzhba-6"]
    assert row["Sources"] == title, "one source, its title as typed without the override"
