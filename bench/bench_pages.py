"""Benchmark: how long each dashboard page takes to draw in headless Chromium, against a "hello" app.

    .venv/bin/python bench/bench_pages.py [--repeat 5] [--n-articles 2000] [--seed 1] [--keep]

1. Writes N synthetic articles (bench/corpus.py) into a temporary folder.
2. Starts three Streamlit servers on free ports: bench/hello_app.py (one title,
   one plotly chart), the dashboard on the seed corpus (seeds/ + data/articles/,
   what a fresh clone shows) and the dashboard on seeds/ + the N articles. Both
   dashboards get their corpus through DEFENCE_DASHBOARD_CORPUS and their events
   store through DATABASE_URL (in the temporary folder): nothing in the repo is written.
3. Opens every page once per server: the first visit extracts the articles and
   fills the cache, and is reported on its own as the first (uncached) load.
4. Opens every page --repeat times more, interleaved with the hello app, and
   takes the median of each. One load is the time from navigation start to the
   moment the script has finished, nothing is stale or loading, and every
   plotly chart on the page has drawn: its last plotly_afterplot event (Streamlit
   draws each chart twice; for the map it is after the country outlines have loaded).
5. Prints each page's median and its ratio to the hello app's, PASS/FAIL against
   1.5x (seed corpus) and 2x (N articles); exit status 1 if a target fails.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `bench` imports from the project root

from bench.corpus import write_corpus  # noqa: E402

ENV_VAR = "DEFENCE_DASHBOARD_CORPUS"  # app/corpus.py's ENV_VAR; not imported, so this process stays free of Streamlit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ("overview", "exercises", "arms_transfers", "visits", "relations", "sources", "add_articles",
         "review")  # url paths (dashboard.py)
TARGETS = {"seed": 1.5, "big": 2.0}  # page median / hello median
QUIET_MS = 1000  # the page must stay finished this long, so a rerun or a redraw that follows is counted too

# Runs in every page before Streamlit does. It records, with performance.now() (ms since navigation
# start), the last moment the page became finished: a script run was seen and is over, nothing is
# stale, no skeleton or spinner, an h1 is shown and every plotly chart has fired plotly_afterplot.
# Checking on every DOM mutation, inside the page, keeps Playwright's polling out of the figure.
PROBE = """
(() => {
  const b = window.__bench = {ran: false, done: null, charts: 0};
  const finished = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!b.ran || !app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector("[data-stale='true'], [data-testid='stSkeleton'], [data-testid='stSpinner']"))
      return false;
    if (!document.querySelector("[data-testid='stMain'] h1")) return false;
    const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
    b.charts = charts.length;
    return charts.every(c => { const gd = c.querySelector('.js-plotly-plot'); return gd && gd.__drawn; });
  };
  const check = () => {
    const now = finished();
    if (now && b.done === null) b.done = performance.now();
    if (!now) b.done = null;
  };
  // Streamlit draws each chart twice (a re-render at the same size); the finish line is the last draw.
  const drawn = gd => { gd.__drawn = true; check(); if (b.done !== null) b.done = performance.now(); };
  const hook = gd => { if (!gd.__hooked && gd.on) { gd.__hooked = true; gd.on('plotly_afterplot', () => drawn(gd)); } };
  new MutationObserver(records => {
    for (const r of records) {
      if (r.attributeName === 'data-test-script-state' &&
          (r.oldValue === 'running' || r.target.dataset.testScriptState === 'running')) b.ran = true;
      // Hook every plotly div as soon as it appears (plotly marks it with the class before it draws).
      if (r.type === 'attributes' && r.attributeName === 'class' && r.target.classList.contains('js-plotly-plot'))
        hook(r.target);
      for (const n of r.addedNodes || [])
        if (n instanceof Element) n.querySelectorAll('.js-plotly-plot').forEach(hook);
    }
    check();
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: str, corpus: list[Path] | None, work: Path, name: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # The events store (store/db.py) in the temporary folder too: the benchmark writes nothing in the repo.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{work / f'{name}.sqlite'}"}
    if corpus is not None:
        env[ENV_VAR] = os.pathsep.join(map(str, corpus))
    # Same flags as tests/test_browser.py; cwd=ROOT so .streamlit/config.toml applies to every server alike.
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=(work / f"{name}.log").open("w"), stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def stop_server(proc: subprocess.Popen, timeout: float = 10) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_healthy(proc: subprocess.Popen, base: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not come up at {base}; see {log}")
        time.sleep(0.2)


def load_ms(context, url: str, timeout_ms: int) -> tuple[float, int]:
    """One load of `url` in a fresh tab: (ms from navigation start to finished, charts drawn)."""
    page = context.new_page()
    try:
        page.goto(url, timeout=timeout_ms)
        page.wait_for_function("window.__bench.done !== null && "
                               f"performance.now() - window.__bench.done > {QUIET_MS}", timeout=timeout_ms, polling=100)
        error = page.locator("[data-testid='stException']")
        if error.count():
            raise RuntimeError(f"{url} shows an exception: {error.first.inner_text()}")
        return page.evaluate("[window.__bench.done, window.__bench.charts]")
    finally:
        page.close()


def ratio_cell(ms: float, hello: float, target: float) -> str:
    r = ms / hello
    return f"{r:5.2f}x {'PASS' if r <= target else 'FAIL'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="measured loads per page (the median is kept)")
    ap.add_argument("--n-articles", type=int, default=2000, help="size of the synthetic corpus")
    ap.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (corpus, server logs)")
    args = ap.parse_args(argv)

    load_before = os.getloadavg()[0]  # other work on the machine shows in the figures: printed with them
    work = Path(tempfile.mkdtemp(prefix="bench_pages_"))
    procs: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        write_corpus(work / "articles", n=args.n_articles, seed=args.seed)
        print(f"wrote {args.n_articles} articles in {time.perf_counter() - t0:.1f} s")

        servers = {}  # name → base url
        for name, script, corpus in (
                ("hello", "bench/hello_app.py", None),
                ("seed", "dashboard.py", [ROOT / "seeds", ROOT / "data" / "articles"]),
                ("big", "dashboard.py", [ROOT / "seeds", work / "articles"])):
            proc, base = start_server(script, corpus, work, name)
            procs.append(proc)
            servers[name] = base
        for proc, (name, base) in zip(procs, servers.items()):
            wait_healthy(proc, base, work / f"{name}.log")

        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # One context per server: its HTTP cache keeps Streamlit's JS after the first load, as a browser would.
            contexts = {}
            for name in servers:
                contexts[name] = browser.new_context(viewport={"width": 1400, "height": 1000})
                contexts[name].add_init_script(PROBE)

            def url(name: str, page: str) -> str:
                return servers[name] if name == "hello" or page == "overview" else f"{servers[name]}/{page}"

            # First visits, the root first (it runs the router, which also leaves Streamlit's old pages/ mode).
            first: dict[tuple[str, str], float] = {}
            charts: dict[tuple[str, str], int] = {}
            first[("hello", "")], _ = load_ms(contexts["hello"], url("hello", ""), 300_000)
            for name in ("seed", "big"):
                for page in PAGES:
                    first[(name, page)], charts[(name, page)] = load_ms(contexts[name], url(name, page), 300_000)
                    print(f"first visit  {name:5} {page:15} {first[(name, page)]:8.0f} ms", flush=True)

            # Measured loads, interleaved so that a slow spell of the machine hits hello and the pages alike.
            times: dict[tuple[str, str], list[float]] = {}
            for i in range(args.repeat):
                for page in PAGES:
                    for name in ("hello", "seed", "big"):
                        key = (name, "" if name == "hello" else page)
                        times.setdefault(key, []).append(load_ms(contexts[name], url(name, page), 120_000)[0])
                print(f"round {i + 1}/{args.repeat} done", flush=True)
            browser.close()
    finally:
        for proc in procs:
            stop_server(proc)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    hello = statistics.median(times[("hello", "")])
    med = {key: statistics.median(v) for key, v in times.items()}
    n = args.n_articles
    print(f"\nTime from navigation start to the last chart drawn, median of {args.repeat} "
          f"(hello: median of {len(times[('hello', '')])}); load average before/after: "
          f"{load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"hello app: {hello:.0f} ms (first load {first[('hello', '')]:.0f} ms)\n")
    head = f"{'page':15} {'charts':>6} {'seed ms':>8} {'/ hello':>11} {'charts':>6} {f'{n} ms':>8} {'/ hello':>11}"
    seed_cap, big_cap = f"(<= {TARGETS['seed']:g}x)", f"(<= {TARGETS['big']:g}x)"
    print(head + f"\n{'':15} {'':>6} {'':>8} {seed_cap:>11} {'':>6} {'':>8} {big_cap:>11}\n" + "-" * len(head))
    failed = False
    for page in PAGES:
        s, b = med[("seed", page)], med[("big", page)]
        failed |= s / hello > TARGETS["seed"] or b / hello > TARGETS["big"]
        print(f"{page:15} {charts[('seed', page)]:>6} {s:8.0f} {ratio_cell(s, hello, TARGETS['seed']):>11} "
              f"{charts[('big', page)]:>6} {b:8.0f} {ratio_cell(b, hello, TARGETS['big']):>11}")
    print("\nFirst (uncached) visit of each page, ms — the overview's includes extracting the corpus:")
    for page in PAGES:
        print(f"{page:15} seed {first[('seed', page)]:8.0f}   {n} {first[('big', page)]:8.0f}")
    print("\nRESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
