"""Benchmark (issue 10): a corpus of thousands of articles after a server restart, adding one article
to it, and extraction in worker processes. All against baselines measured in the same run.

    .venv/bin/python bench/bench_restart.py [--n-articles 2000] [--restarts 3] [--adds 3] [--repeat 2]

1. Writes N synthetic articles (bench/corpus.py) into a temporary folder; starts the one-chart hello
   app and the dashboard on seeds/ + the N articles (its store and its kept extraction results in the
   temporary folder: nothing in the repository is written).
2. **First page after a restart**: the overview is opened once (the first start extracts every
   article, in worker processes, and keeps the results), then the dashboard's server is stopped and
   started again `--restarts` times, and each time the overview's first load is timed in the browser
   (navigation start to the last chart drawn, as bench/bench_pages.py times it). Target: the median
   within 3x the hello app's median load (hello timed between the restarts).
3. **Adding one article**: on the Add articles page, an article is pasted and "Add the article"
   clicked; timed from the click to the report naming the article (stored, extracted, merged with the
   2,000, the page drawn again). `--adds` different articles; target: the median within 2 s.
4. **--jobs 2 against 1**: `python -m preprocessing extract <the N files> -o events.csv` with --jobs 1
   and --jobs 2, the faster of `--repeat` runs each, and the two outputs compared byte for byte.
   Target: at least 1.7x.

Prints the figures, PASS/FAIL per target and exits 1 when one fails. Needs Debian's Chromium.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import (CHROMIUM, CHROMIUM_ARGS, PROBE, load_ms, start_server,  # noqa: E402
                               stop_server, wait_healthy)
from bench.corpus import write_corpus  # noqa: E402

TARGETS = {"restart": 3.0, "add_seconds": 2.0, "jobs": 1.7}
PASTED = """PESHAWAR, {day} March (APP): Troops of the Pakistan Army and the Royal Saudi Land Forces began a
two-week joint exercise, Al-Samsaam-{n}, at the National Counter Terrorism Centre in Pabbi on Monday.
About {troops} soldiers from both sides are taking part in the drill, which will run until {end} March,
the ISPR said in a statement. The exercise is the {n}th of the series, held since 2011."""


def restart_loads(args, work: Path, contexts, hello_url: str) -> tuple[list[float], list[float], float]:
    """(overview's first load after each restart, hello's loads, the very first start's load), in ms."""
    proc, base = start_server("dashboard.py", [ROOT / "seeds", work / "articles"], work, "big")
    try:
        wait_healthy(proc, base, work / "big.log", timeout=120)
        t0 = time.perf_counter()
        first, _ = load_ms(contexts["big"], base, 600_000)
        print(f"first start, nothing kept: overview in {first / 1000:.1f} s "
              f"(wall {time.perf_counter() - t0:.1f} s)", flush=True)
    finally:
        stop_server(proc, timeout=15)
    after, hello = [], []
    for i in range(args.restarts):
        hello += [load_ms(contexts["hello"], hello_url, 60_000)[0] for _ in range(3)]
        proc, base = start_server("dashboard.py", [ROOT / "seeds", work / "articles"], work, "big")
        try:
            wait_healthy(proc, base, work / "big.log", timeout=120)
            ms, _ = load_ms(contexts["big"], base, 300_000)
            after.append(ms)
            print(f"restart {i + 1}: overview's first load {ms:.0f} ms", flush=True)
        finally:
            stop_server(proc, timeout=15)
    return after, hello, first


def add_times(args, work: Path, context) -> list[float]:
    """Seconds from clicking "Add the article" to the report naming it, one per pasted article."""
    proc, base = start_server("dashboard.py", [ROOT / "seeds", work / "articles"], work, "big")
    out = []
    try:
        wait_healthy(proc, base, work / "big.log", timeout=120)
        load_ms(context, base, 300_000)  # the server's first page: the corpus is loaded, as an analyst finds it
        page = context.new_page()
        for i in range(args.adds):
            page.goto(f"{base}/add_articles", timeout=120_000)
            page.get_by_role("tab", name="Paste text").click()
            title = f"Al-Samsaam exercise begins in Pabbi ({i + 1})"
            page.get_by_label("Title").fill(title)
            page.get_by_label("Article text").fill(PASTED.format(day=10 + i, n=8 + i, troops=300 + 10 * i, end=24 + i))
            button = page.get_by_role("button", name="Add the article")
            t0 = time.perf_counter()
            button.click()
            page.get_by_text("Added 1 article(s)").first.wait_for(timeout=120_000)
            page.get_by_text(title).first.wait_for(timeout=60_000)
            out.append(time.perf_counter() - t0)
            print(f"add {i + 1}: {out[-1]:.2f} s", flush=True)
        page.close()
    finally:
        stop_server(proc, timeout=15)
    return out


def jobs_times(args, work: Path) -> tuple[float, float, bool]:
    files = sorted(str(p) for p in (work / "articles").iterdir())
    best, outputs = {}, {}
    for jobs in (1, 2):
        runs = []
        for _ in range(args.repeat):
            out = work / f"events-{jobs}.csv"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "preprocessing", "extract", *files, "--jobs", str(jobs),
                            "-o", str(out)], cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
            runs.append(time.perf_counter() - t0)
            outputs[jobs] = out.read_bytes()
        best[jobs] = min(runs)
        print(f"extract --jobs {jobs}: best of {args.repeat}: {best[jobs]:.2f} s", flush=True)
    return best[1], best[2], outputs[1] == outputs[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n-articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--restarts", type=int, default=3)
    ap.add_argument("--adds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each --jobs value (the fastest is kept)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)

    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="bench_restart_"))
    os.environ["DEFENCE_DASHBOARD_CACHE"] = str(work / "kept.sqlite")  # the servers inherit it
    hello_proc = None
    try:
        write_corpus(work / "articles", n=args.n_articles, seed=args.seed)
        j1, j2, same = jobs_times(args, work)
        hello_proc, hello_url = start_server("bench/hello_app.py", None, work, "hello")
        wait_healthy(hello_proc, hello_url, work / "hello.log")
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = {}
            for name in ("hello", "big"):
                contexts[name] = browser.new_context(viewport={"width": 1400, "height": 1000})
                contexts[name].add_init_script(PROBE)
            load_ms(contexts["hello"], hello_url, 60_000)  # its scripts in the browser's cache, as for the others
            after, hello, first = restart_loads(args, work, contexts, hello_url)
            adds = add_times(args, work, contexts["big"])
            browser.close()
    finally:
        if hello_proc is not None:
            stop_server(hello_proc, timeout=15)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    hello_ms, restart_ms, add_s = statistics.median(hello), statistics.median(after), statistics.median(adds)
    rows = [
        ("first page after a restart", f"{restart_ms:.0f} ms = {restart_ms / hello_ms:.2f}x hello ({hello_ms:.0f} ms)",
         restart_ms / hello_ms <= TARGETS["restart"], f"<= {TARGETS['restart']:g}x"),
        ("adding one article", f"{add_s:.2f} s (median of {len(adds)})", add_s <= TARGETS["add_seconds"],
         f"<= {TARGETS['add_seconds']:g} s"),
        ("extract --jobs 2 vs 1", f"{j1:.2f} s / {j2:.2f} s = {j1 / j2:.2f}x, same output: {same}",
         j1 / j2 >= TARGETS["jobs"] and same, f">= {TARGETS['jobs']:g}x"),
    ]
    print(f"\n{args.n_articles} articles; load average before/after {load_before:.1f}/{os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs; first start with nothing kept: {first / 1000:.1f} s")
    for what, figure, ok, target in rows:
        print(f"{what:28} {figure:60} {target:9} {'PASS' if ok else 'FAIL'}")
    failed = not all(ok for _, _, ok, _ in rows)
    print("\nRESULT:", "FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
