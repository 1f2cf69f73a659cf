"""End to end: `streamlit run dashboard.py` driven by headless Chromium (Debian's package) with Playwright.

The server reads a temporary corpus (the seed, the bundled articles and one
hostile article) through DEFENCE_DASHBOARD_CORPUS, so data/ is never touched.
Each page is screenshotted to artifacts/screenshots/ for a person to look at.
Without /usr/bin/chromium the tests skip, except under CI, where they fail.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import store
from app.corpus import ENV_VAR

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# url path → (sidebar link, page title, number of charts the page draws for the test corpus)
PAGES = {"overview": ("Overview", "Defence cooperation at a glance", 2),
         "exercises": ("Exercise series", "Exercise series", 1),
         "arms_transfers": ("Arms transfers", "Arms transfers", 1),
         "visits": ("Visits and agreements", "Official visits and agreements", 2),
         "sources": ("Sources", "Sources", 0),
         "add_articles": ("Add articles", "Add articles", 0),
         "review": ("Review", "Review and correction", 0)}
HOSTILE = """---
title: Hostile test article
source: Nowhere
published: 2021-05-01
---
Pakistan and Russia signed a defence cooperation agreement in April 2021. <script>window.__pwned=1</script>
The text also holds <img src=x onerror="window.__pwned=1"> and <b>bold</b> markup.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, log_path: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` on a free port with `env` added; (process, base URL) once healthy."""
    port = _free_port()
    log = log_path.open("a")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--client.showErrorDetails", "full", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    log.close()  # the child keeps its own handle
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_server(proc)
            pytest.fail(f"streamlit did not come up; see {log_path}")
        time.sleep(0.2)


LOG_TROUBLE = ("Traceback (most recent call last)", "Stack (most recent call last)", "Exception", "Error:",
               "WARNING", "Warning:")


def log_trouble(log_path: Path) -> list[str]:
    """Lines of the server log that a clean run never prints: stack traces, exceptions, warnings."""
    lines = log_path.read_text("utf-8", errors="replace").splitlines() if log_path.exists() else []
    return [line for line in lines if any(word in line for word in LOG_TROUBLE)]


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    corpus_dir = tmp_path_factory.mktemp("corpus")
    for src in [*ROOT.joinpath("seeds").iterdir(), *ROOT.joinpath("data", "articles").iterdir()]:
        shutil.copy(src, corpus_dir / src.name)
    (corpus_dir / "zz_hostile.md").write_text(HOSTILE, "utf-8")
    store_file = tmp_path_factory.mktemp("store") / "store.sqlite"  # never data/store.sqlite
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    proc, base = start_server({ENV_VAR: str(corpus_dir), "DATABASE_URL": f"sqlite:///{store_file}"}, log)
    try:
        yield base
    finally:
        stop_server(proc)
    # every page, link and filter change of this module ran on this server: its log must be clean
    assert not log_trouble(log), "\n".join(log_trouble(log))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    failed = request.session.testsfailed
    yield pg
    if request.session.testsfailed > failed:  # keep what the browser showed when it failed
        SHOTS.mkdir(parents=True, exist_ok=True)
        for i, p in enumerate(context.pages):
            p.screenshot(path=str(SHOTS / f"FAILED-{request.node.name}-{i}.png"), full_page=True)
    context.close()


def settle(pg, title: str | None = None, charts: int = 0) -> None:
    """Wait until the run for the current URL has finished: its title shown, nothing stale, charts drawn.

    "notRunning" alone is not enough: it is also the state just before a
    rerun starts, so the page's own content is waited for too.
    """
    pg.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for()
    heading = pg.locator("[data-testid='stMain'] h1", has_text=title) if title else pg.locator(
        "[data-testid='stMain'] h1")
    heading.first.wait_for()
    pg.wait_for_function("document.querySelector(\"[data-testid='stApp']\")?.dataset.testScriptState"
                         " === 'notRunning' && !document.querySelector(\"[data-stale='true']\")")
    if charts:
        pg.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}")


def open_page(pg, url: str, title: str | None = None, charts: int = 0) -> None:
    pg.goto(url)
    settle(pg, title, charts)


def no_exception(pg) -> None:
    assert pg.locator("[data-testid='stException']").count() == 0, pg.locator(
        "[data-testid='stException']").first.inner_text()


def screenshot(pg, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = pg.evaluate("() => Math.max(...[...document.querySelectorAll("
                         "'[data-testid=stMain], [data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))")
    pg.set_viewport_size({"width": 1400, "height": min(int(height) + 60, 8000)})
    pg.wait_for_timeout(400)  # plotly redraws at the new size
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size({"width": 1400, "height": 1000})


def nav_link(pg, name: str):
    # exact: "Review" is also a case-insensitive substring of "Overview"
    return pg.locator("[data-testid='stSidebarNav']").get_by_role("link", name=name, exact=True)


def query(pg) -> dict[str, list[str]]:
    return parse_qs(urlsplit(pg.url).query)


def test_a_page_link_as_the_first_visit_runs_through_the_router(server, page):
    # Must stay the first test: Streamlit's old pages/ mode only catches a fresh server's first visit.
    open_page(page, f"{server}/arms_transfers?type=arms_transfer", "Arms transfers", charts=1)
    no_exception(page)
    expect(page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first).to_contain_text(
        "arms_transfer")


def test_every_page_renders_its_charts_without_an_exception(server, page):
    # One session, moving through the sidebar as a reader would (no full reload per page).
    open_page(page, server, PAGES["overview"][1], charts=2)
    for name, (link, title, charts) in PAGES.items():
        if name != "overview":
            nav_link(page, link).click()
            page.wait_for_function(f"location.pathname.endsWith('/{name}')")
            settle(page, title, charts)
        no_exception(page)
        expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(charts)
        if name == "overview":
            # The map's outlines come from static/, not a CDN.
            expect(page.locator(".js-plotly-plot .geo .countries path").first).to_be_attached()
        if name == "sources":
            expect(page.locator(".article-text mark").first).to_be_visible()
        screenshot(page, name)


def test_a_filter_change_updates_the_url_and_the_url_reproduces_the_view(server, browser, page):
    overview = PAGES["overview"][1]
    open_page(page, server, overview, charts=2)
    arms_count = page.get_by_test_id("stMetric").filter(has_text="Arms transfers").get_by_test_id("stMetricValue")
    expect(arms_count).not_to_have_text("0")
    box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.get_by_role("option", name="exercise", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('type=exercise')")
    expect(arms_count).to_have_text("0")  # the view follows the filter
    settle(page, overview, charts=2)
    url = page.url

    # A colleague opens the link in a fresh browser.
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = fresh.new_page()
        open_page(other, url, overview, charts=2)
        no_exception(other)
        assert query(other)["type"] == ["exercise"]
        type_box = other.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
        expect(type_box).to_contain_text("exercise")
        expect(other.get_by_test_id("stMetric").filter(has_text="Arms transfers")
               .get_by_test_id("stMetricValue")).to_have_text("0")
        # A page change keeps the filter in the view and the URL.
        nav_link(other, "Exercise series").click()
        other.wait_for_function("location.pathname.endsWith('/exercises')")
        settle(other, PAGES["exercises"][1], charts=1)
        assert query(other)["type"] == ["exercise"]
        expect(type_box).to_contain_text("exercise")
    finally:
        fresh.close()


def test_a_malformed_link_opens_with_a_notice(server, page):
    open_page(page, f"{server}/?type=bogus&from=abc", PAGES["overview"][1], charts=2)
    no_exception(page)
    expect(page.locator("[data-testid='stAlert']").filter(has_text="“bogus”")).to_have_count(1)
    expect(page.locator("[data-testid='stAlert']").filter(has_text="“abc”")).to_have_count(1)
    screenshot(page, "malformed_link_notice")


def test_downloads_are_named_by_the_filters_and_sources_link_to_their_articles(server, page):
    open_page(page, f"{server}/?country=Pakistan&from=2016", PAGES["overview"][1], charts=2)
    with page.expect_download() as csv:
        page.get_by_role("button", name="Download CSV").click()
    assert csv.value.suggested_filename == "defence-events_Pakistan_2016-now.csv"
    with page.expect_download() as word:
        page.get_by_role("button", name="Chronology (Word)").click()
    assert word.value.suggested_filename == "defence-chronology_Pakistan_2016-now.docx"
    no_exception(page)


def test_a_page_whose_filters_exclude_everything_says_so(server, page):
    open_page(page, f"{server}/exercises?type=visit", PAGES["exercises"][1])
    no_exception(page)
    expect(page.locator("[data-testid='stAlert']").first).to_contain_text("No exercises match the current filters")
    expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(0)
    screenshot(page, "empty_state")


def test_a_hostile_article_runs_no_script(server, page):
    open_page(page, f"{server}/sources", "Sources")
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Hostile test article").click()
    expect(page.locator("[data-testid='stMain'] h3", has_text="Hostile test article")).to_be_visible()
    settle(page, "Sources")
    no_exception(page)
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text and "<b>bold</b>" in text
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator(".article-text img, .article-text script, .article-text b").count() == 0
    screenshot(page, "sources_hostile")

    # The chosen article is in the link too, and the link opens it with nothing run.
    page.wait_for_function("location.search.includes('article=Hostile+test+article')")
    again = page.context.new_page()
    open_page(again, page.url, "Sources")
    expect(again.locator("[data-testid='stMain'] h3", has_text="Hostile test article")).to_be_visible()
    assert again.evaluate("() => typeof window.__pwned") == "undefined"


ADDED = """---
title: Druzhba-6 opens in Pakistan
source: Test Wire
url: https://example.org/news/druzhba-6
published: 2021-10-05
---
Pakistani and Russian special forces began the joint exercise Druzhba-6 on Monday in Tarbela.
The drills will continue until October 15.
"""


def charts_show(pg, text: str) -> bool:
    """Whether any plotly chart on the page draws a point whose data (id, hover text) holds `text`."""
    return pg.evaluate("t => [...document.querySelectorAll('.js-plotly-plot')]"
                       ".some(gd => JSON.stringify(gd.data || []).includes(t))", text)


def test_an_uploaded_article_is_on_the_charts_and_still_there_after_a_restart(browser, tmp_path):
    # A server of its own: the seed as the bundled corpus, and a store file that outlives the server.
    env = {ENV_VAR: str(ROOT / "seeds"), "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    article = tmp_path / "druzhba-6.md"
    article.write_text(ADDED, "utf-8")
    log = tmp_path / "streamlit.log"
    overview = PAGES["overview"][1]

    proc, base = start_server(env, log)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = context.new_page()
        open_page(pg, f"{base}/add_articles", "Add articles")
        expect(pg.locator("[data-testid='stCaptionContainer']", has_text="Editing is open")).to_be_visible()
        pg.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(article))
        expect(pg.locator("[data-testid='stFileUploader']")).to_contain_text("druzhba-6.md")
        pg.get_by_role("button", name="Add the files").click()
        expect(pg.locator("[data-testid='stAlert']", has_text="Added 1 article(s) with 1 event(s)")).to_be_visible()
        settle(pg, "Add articles")
        no_exception(pg)
        expect(pg.locator("[data-testid='stSidebar']")).to_contain_text("1 bundled + 1 added article(s)")
        screenshot(pg, "add_articles_report")

        nav_link(pg, "Overview").click()
        pg.wait_for_function("location.pathname === '/' || location.pathname.endsWith('/overview')")
        settle(pg, overview, charts=2)
        assert charts_show(pg, "Druzhba-6"), "the new event is on the overview's timeline"
        screenshot(pg, "overview_with_added_article")

        nav_link(pg, "Review").click()
        pg.wait_for_function("location.pathname.endsWith('/review')")
        settle(pg, PAGES["review"][1])
        no_exception(pg)
        screenshot(pg, "review_with_added_article")
        # a change saved to the store: the button names the event it confirms, and the event stays picked
        confirm = pg.get_by_role("button", name=re.compile(r"^Confirm “"))
        picked = pg.locator("[data-testid='stSelectbox']", has_text="Event").first.inner_text()
        confirm.click()
        expect(pg.locator("[data-testid='stAlert']", has_text="confirmed")).to_be_visible()
        settle(pg, PAGES["review"][1])
        no_exception(pg)
        assert pg.locator("[data-testid='stSelectbox']", has_text="Event").first.inner_text() == picked
        with pg.expect_download() as download:  # made on the click (a deferred download), not on every run
            pg.get_by_role("button", name="Download a backup of the store").click()
        backup = store.parse_backup(Path(download.value.path()).read_bytes())
        assert [a["title"] for a in backup["articles"]] == ["Druzhba-6 opens in Pakistan"]
        assert download.value.suggested_filename.endswith(".json.gz")
    finally:
        context.close()
        stop_server(proc)

    assert not log_trouble(log), "adding an article printed: " + "\n".join(log_trouble(log))
    proc, base = start_server(env, log)  # the same store file, a new server process
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        pg = context.new_page()
        open_page(pg, base, overview, charts=2)
        no_exception(pg)
        assert charts_show(pg, "Druzhba-6"), "the added article's event survives a restart"
        expect(pg.locator("[data-testid='stSidebar']")).to_contain_text("1 bundled + 1 added article(s)")
    finally:
        context.close()
        stop_server(proc)
