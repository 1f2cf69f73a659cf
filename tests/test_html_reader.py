"""Uploads and pastes: HTML reduced to the article by trafilatura, names that are only labels."""
from __future__ import annotations

import builtins
import io
import os
import pathlib
from datetime import date

import pytest

from preprocessing import pipeline
from preprocessing.articles import MAX_BYTES, ArticleError
from preprocessing.html_reader import MAX_NAME, article_from_html, article_from_paste, read_upload, safe_name

NEWS = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pakistan and Russia begin Druzhba-2020 drills | The Daily Ledger</title>
<meta property="og:title" content="Pakistan and Russia begin Druzhba-2020 drills">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://www.dailyledger.example/world/druzhba-2020">
<meta property="article:published_time" content="2020-11-09T10:12:00+05:00">
<meta name="author" content="Staff Reporter">
<script>var tracker = "HEAD_SCRIPT_PAYLOAD"; window.ads = [];</script>
<style>body { font-family: serif; } .STYLE_RULE { color: red; }</style>
</head>
<body>
<header>
  <nav><ul><li><a href="/">NAV_HOME</a></li><li><a href="/world">NAV_WORLD</a></li>
  <li><a href="/subscribe">NAV_SUBSCRIBE now</a></li></ul></nav>
  <div class="ad banner">AD_BANNER: Buy cheap flights to Dubai today, book now!</div>
</header>
<main>
<article>
  <h1>Pakistan and Russia begin Druzhba-2020 drills</h1>
  <p>Special forces of Pakistan and Russia began the fifth edition of the joint exercise
  Druzhba-2020 at the Tarbela training area on Sunday, the military's media wing said.</p>
  <p>The drills, which will continue till 21st November, focus on counter-terrorism operations
  in mountainous terrain, according to the statement issued in Rawalpindi.</p>
  <div class="ad inline-ad">AD_INLINE: Subscribe to our newsletter for the best deals today!</div>
  <p>The exercise has been held annually since 2016, alternating between the two countries.</p>
  <script>document.write("BODY_SCRIPT_PAYLOAD");</script>
  <p>Officials said the exercise reflected growing defence cooperation between Islamabad and
  Moscow, which also signed an agreement on military training in 2018.</p>
</article>
<section id="comments" class="comments">
  <h3>Comments</h3>
  <div class="comment"><p>COMMENT_ONE: Great news for the region, finally a real partnership!</p></div>
  <div class="comment"><p>COMMENT_TWO: I disagree with this analysis completely and totally.</p></div>
</section>
<aside class="related"><h3>Related stories</h3><ul>
  <li><a href="/a">RELATED_ONE China holds naval drills</a></li>
  <li><a href="/b">RELATED_TWO India buys jets</a></li></ul></aside>
</main>
<footer><p>FOOTER_TEXT © 2024 The Daily Ledger. All rights reserved.</p></footer>
</body>
</html>
"""

NO_ARTICLE = """<html><head><title>Sign in | Portal</title><script>var x = "SCRIPT_ONLY";</script></head>
<body><nav><a href="/">Home</a> <a href="/login">Log in</a></nav>
<form><input name="user"><input type="password"><button>Go</button></form>
<footer>© 2024 Portal</footer></body></html>"""

LISTING = """<html><head><title>World news</title></head><body>
<nav><ul><li><a href="/a">Home</a></li><li><a href="/b">World</a></li></ul></nav>
<ul class="headlines"><li><a href="/1">Pakistan and Russia begin drills</a></li>
<li><a href="/2">India buys jets</a></li><li><a href="/3">Turkey receives S-400</a></li></ul>
</body></html>"""

MARKERS = ("SCRIPT_PAYLOAD", "STYLE_RULE", "NAV_", "AD_", "COMMENT_", "RELATED_", "FOOTER_TEXT")


def test_news_page_gives_only_the_article_and_its_metadata():
    r = article_from_html(NEWS.encode("utf-8"), "druzhba.html")
    a = r.article
    assert a.title == "Pakistan and Russia begin Druzhba-2020 drills"
    assert a.source == "The Daily Ledger"
    assert a.url == "https://www.dailyledger.example/world/druzhba-2020"
    assert a.published == date(2020, 11, 9)  # the page's own date, not the footer's 2024
    assert a.metadata == {"author": "Staff Reporter"}
    assert a.doc_id == "druzhba.html" and a.path == ""
    assert a.text.startswith("Special forces of Pakistan and Russia began the fifth edition")
    assert "signed an agreement on military training in 2018." in a.text
    assert a.text.count("\n\n") == 3  # four paragraphs, as the bundled articles are laid out
    assert "Druzhba-2020 drills\n" not in a.text  # the headline is the title, not body text
    for marker in MARKERS:
        assert marker not in a.text, marker
    assert r.notes == ()


def test_article_from_html_feeds_the_extractor():
    article = article_from_html(NEWS, "druzhba.html").article  # str input as well as bytes
    result = pipeline.extract_articles([article])
    exercises = result.events[result.events["event_type"] == "exercise"]
    assert len(exercises) >= 1
    assert set(exercises.iloc[0]["countries"]) == {"Pakistan", "Russia"}


def test_script_content_is_never_text():
    page = ("<html><head><title>Army chiefs meet</title></head><body><article>"
            "<p>The army chiefs of the two countries met in Rawalpindi on Monday to discuss training.</p>"
            "<script>alert('SCRIPT_IN_ARTICLE'); var s = '<p>FAKE PARAGRAPH in a script.</p>';</script>"
            "<noscript>NOSCRIPT_TEXT please enable JavaScript to read this site.</noscript>"
            "<p>They agreed to hold a joint exercise next year, officials said after the talks.</p>"
            "</article></body></html>")
    text = article_from_html(page.encode(), "chiefs.html").article.text
    assert "met in Rawalpindi on Monday" in text and "joint exercise next year" in text
    assert "SCRIPT_IN_ARTICLE" not in text and "FAKE PARAGRAPH" not in text and "alert(" not in text


@pytest.mark.parametrize("page", [NO_ARTICLE, LISTING], ids=["login-page", "headline-list"])
def test_page_without_an_article_is_one_line_error(page):
    with pytest.raises(ArticleError) as exc:
        article_from_html(page.encode(), "page.html")
    assert "no article text" in str(exc.value) and "\n" not in str(exc.value)


def test_page_date_wins_and_given_date_is_the_fallback():
    dated = article_from_html(NEWS, "a.html", published=date(2021, 1, 1)).article
    assert dated.published == date(2020, 11, 9)
    undated = NEWS.replace('<meta property="article:published_time" content="2020-11-09T10:12:00+05:00">', "")
    assert article_from_html(undated, "a.html", published=date(2021, 1, 1)).article.published == date(2021, 1, 1)
    r = article_from_html(undated, "a.html")
    assert r.article.published is None and any("no publication date" in n for n in r.notes)


def test_windows_1252_page_declared_in_meta():
    page = ('<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body><article>'
            "<p>The minister\u2019s visit to Moscow was brief, but the talks on helicopters went on for hours.</p>"
            "</article></body></html>").encode("cp1252")
    a = article_from_html(page, "cafe.html").article
    assert a.title == "Café talks" and "minister’s visit" in a.text


def test_a_page_declaring_a_script_url_keeps_no_url():
    page = NEWS.replace("https://www.dailyledger.example/world/druzhba-2020", "javascript:alert(1)")
    assert article_from_html(page, "a.html").article.url == ""


# --- read_upload: dispatch by extension, names only as labels --------------------------------

def test_read_upload_txt_md_and_html():
    md = b"---\ntitle: Talks in Moscow\nsource: TASS\npublished: 2021-04-06\n---\nThe ministers met on Tuesday.\n"
    a = read_upload("talks.md", md).article
    assert (a.doc_id, a.title, a.source, a.published) == ("talks.md", "Talks in Moscow", "TASS", date(2021, 4, 6))
    t = read_upload("notes.TXT", "The ministers met on Tuesday.".encode("cp1252"), published=date(2021, 4, 6))
    assert t.article.published == date(2021, 4, 6) and t.article.text == "The ministers met on Tuesday."
    h = read_upload("page.htm", NEWS.encode())
    assert h.article.title == "Pakistan and Russia begin Druzhba-2020 drills"
    assert read_upload("PAGE.HTML", NEWS.encode()).article.source == "The Daily Ledger"


def test_text_upload_notes_a_guessed_encoding():
    r = read_upload("a.txt", "Caf\xe9 talks were held on Monday.".encode("cp1252"))
    assert r.notes[0] == "not UTF-8; read as Windows-1252"


@pytest.fixture
def touched(monkeypatch):
    """Every path opened, stat'ed or listed while the test runs (after a warm-up read, so that
    the libraries' own lazy loading is not counted)."""
    article_from_html(NEWS, "warm-up.html")
    seen: list[str] = []

    def spy(original):
        def wrapper(*args, **kwargs):
            seen.append(repr(args[:1]))
            return original(*args, **kwargs)
        return wrapper

    for module, names in ((builtins, ("open",)), (io, ("open",)),
                          (os, ("open", "stat", "lstat", "listdir", "scandir", "mkdir", "makedirs",
                                "remove", "rename", "replace"))):
        for name in names:
            monkeypatch.setattr(module, name, spy(getattr(module, name)))
    for name in ("exists", "is_file", "is_dir", "open", "read_bytes", "read_text", "write_bytes",
                 "write_text", "resolve", "stat", "mkdir", "touch"):
        monkeypatch.setattr(pathlib.Path, name, spy(getattr(pathlib.Path, name)))
    return seen


@pytest.mark.parametrize("name, doc_id", [
    ("../../etc/passwd.md", "passwd.md"),
    ("C:\\x\\a.md", "a.md"),
    ("/absolute/path/to/report.txt", "report.txt"),
    ("..\\..\\windows\\system32\\drivers.html", "drivers.html"),
    ("my article (final) v2.md", "my_article_final_v2.md"),
    (".hidden.md", "hidden.md"),
    ("x\x00y\n.md", "x_y_.md"),
])
def test_names_are_labels_not_paths(touched, name, doc_id):
    data = NEWS.encode() if doc_id.endswith(".html") else b"The ministers met in Moscow on Tuesday."
    r = read_upload(name, data)
    assert r.article.doc_id == doc_id and r.article.path == ""
    assert touched == []


def test_safe_name_is_short_and_plain():
    long = safe_name("a" * 300 + ".html")
    assert len(long) == MAX_NAME and long.endswith(".html")
    assert safe_name("..") == "upload" and safe_name("") == "upload"
    assert safe_name("evil\u202egnp.md") == "evil_gnp.md"  # no right-to-left override in a label
    for odd in ("a/b/../c.md", "a\\b.md", "<script>.md", "x;rm -rf.md", "$(id).md"):
        assert all(ch.isalnum() or ch in "._-" for ch in safe_name(odd))


@pytest.mark.parametrize("name, data, reason", [
    ("a.txt", b"", "empty file"),
    ("a.md", b"  \n\t ", "empty file"),
    ("a.html", b"", "empty file"),
    ("a.txt", b"\x00\x01\x02binary\x00" * 50, "binary"),
    ("a.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "binary"),
    ("a.md", b"---\ntitle: only front matter\n---\n", "no article text"),
    ("a.md", b"x" * (MAX_BYTES + 1), "more than the 5 MB"),
    ("a.html", b"<p>" + b"x" * MAX_BYTES + b"</p>", "more than the 5 MB"),
    ("a.pdf", b"%PDF-1.7", ".pdf is not an article file"),
    ("README", b"text", "without an extension"),
])
def test_unreadable_uploads_raise_one_line(name, data, reason):
    with pytest.raises(ArticleError) as exc:
        read_upload(name, data)
    assert reason in str(exc.value) and "\n" not in str(exc.value)


# --- pastes ------------------------------------------------------------------------------------

def test_paste_form_fields_win_and_front_matter_fills_the_rest():
    text = "---\ntitle: Old title\nsource: TASS\nauthor: Staff\n---\nThe ministers met on Tuesday.\n"
    r = article_from_paste(text, title="New title", url="https://tass.example/1", published=date(2021, 4, 6))
    a = r.article
    assert (a.title, a.source, a.url, a.published) == ("New title", "TASS", "https://tass.example/1",
                                                       date(2021, 4, 6))
    assert a.metadata == {"author": "Staff"} and a.text == "The ministers met on Tuesday.\n"
    assert a.doc_id.startswith("pasted-") and a.doc_id == article_from_paste(text).article.doc_id


def test_paste_refuses_empty_and_drops_a_script_url():
    with pytest.raises(ArticleError):
        article_from_paste("   \n")
    r = article_from_paste("The ministers met on Tuesday.", url="javascript:alert(1)")
    assert r.article.url == "" and "not a web link" in r.notes[0]
