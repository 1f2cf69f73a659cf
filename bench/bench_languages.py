"""Extraction speed by language: Russian against English per 1,000 characters, and the English path
against the code before the Russian work (commit bd33496), each measured in the same run.

    .venv/bin/python bench/bench_languages.py [--repeat N] [--profile]

1. Russian vs English: the 24 Russian articles of tests/heldout_ru1 and heldout_ru2 and the 46 English
   ones of tests/heldout2..heldout5, read with read_article. The one-time loads are timed on their own
   first: the English and the Russian lexicon, the first article of each language (the Russian reader,
   pymorphy3's dictionaries), and lingua's first detection of an undeclared Cyrillic text, in a fresh
   process so that nothing is cached. Then each article's article_events is timed, the fastest of N
   passes; the sums give microseconds per 1,000 characters of article text. Before each pass the word
   and sentence caches (functools caches in preprocessing; not the lexicons, readers or detector) are
   emptied, so a pass costs what these articles cost a fresh process after its one-time loads; the
   figure with every word already cached is printed too. The garbage collector is off while timing,
   as it is in preprocessing.batch. Target: Russian at most 3x English.
2. English, now vs before: bd33496's preprocessing/ and data/ are unpacked into a temporary folder.
   Child processes (this script, same interpreter), alternately on the old and the current tree, each
   read the English articles and time them as above (fastest of 3 passes); the fastest child of each
   side is kept. Target: now / before at most 1.05. On this 2-CPU machine runs vary by 10-15 %.

Prints PASS/FAIL per target, exits 1 if one fails. --profile adds a cProfile of the Russian
article_events (top 15 by cumulative time).
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "bd33496"  # the last commit before the Russian work
RU_SETS = ("heldout_ru1", "heldout_ru2")
EN_SETS = ("heldout2", "heldout3", "heldout4", "heldout5")
RU_TARGET, EN_TARGET = 3.0, 1.05
CHILD_PASSES = 3
KEEP = {"default_lexicon", "reader_for", "_detector"}  # one-time loads: never emptied


def article_files(sets) -> list[Path]:
    return sorted(p for s in sets for p in (ROOT / "tests" / s / "articles").glob("*.md"))


def empty_word_caches() -> None:
    """Empty preprocessing's functools caches (word readings, sentence tenses), keeping the one-time loads."""
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] != "preprocessing":
            continue
        for attr, obj in list(vars(module).items()):
            if attr not in KEEP and hasattr(obj, "cache_clear") and getattr(obj, "__module__", "") == name:
                obj.cache_clear()


def fastest(step, groups: dict, passes: int, cold: bool = True) -> dict:
    """Each item's fastest step(item) over `passes` passes, per group of items. The groups take turns
    within a pass, so a slow spell of the machine hits them alike; the collector is off while timing,
    and the caches are emptied before each group's pass if `cold`."""
    best = {k: [float("inf")] * len(items) for k, items in groups.items()}
    for _ in range(passes):
        for k, items in groups.items():
            if cold:
                empty_word_caches()
            gc.collect()
            gc.disable()
            try:
                for i, item in enumerate(items):
                    t = time.perf_counter()
                    step(item)
                    best[k][i] = min(best[k][i], time.perf_counter() - t)
            finally:
                gc.enable()
    return best


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def per_1k(seconds: float, articles) -> float:
    return seconds * 1e6 / (sum(len(a.text) for a in articles) / 1000)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# --- 1. Russian vs English, in this process ---------------------------------------------------------

def cold_detect(text: str) -> tuple[str, float, float]:
    """language.detect on `text` in a fresh process, as for an article that declares no language:
    (language, first call s (imports lingua, builds its detector), second call s)."""
    code = ("import json, sys, time\nfrom preprocessing.language import detect\ntext = sys.stdin.read()\n"
            "t0 = time.perf_counter(); lang = detect(text); t1 = time.perf_counter(); detect(text)\n"
            "print(json.dumps([lang, t1 - t0, time.perf_counter() - t1]))")
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return tuple(json.loads(out.stdout))


def russian_vs_english(repeat: int) -> tuple[bool, list]:
    from preprocessing.articles import read_article
    from preprocessing.lexicon import default_lexicon
    from preprocessing.pipeline import article_events

    ru = [read_article(p).article for p in article_files(RU_SETS)]
    en = [read_article(p).article for p in article_files(EN_SETS)]
    lex, en_lex_s = timed(default_lexicon)
    _, ru_lex_s = timed(lex.for_language, "ru")
    _, en_first_s = timed(article_events, en[0], lex)
    _, ru_first_s = timed(article_events, ru[0], lex)
    lang, detect_s, detect_again_s = cold_detect(ru[0].text)

    def step(a):
        article_events(a, lex)

    cold = fastest(step, {"en": en, "ru": ru}, repeat)
    warm = fastest(step, {"en": en, "ru": ru}, repeat, cold=False)
    print("1. Russian vs English, article_events (preprocessing.pipeline)")
    print(f"   one-time, not in the figures below: English lexicon {en_lex_s:.2f} s; first Russian lexicon "
          f"{ru_lex_s:.2f} s (with pymorphy3);\n   first English article {en_first_s * 1e3:.0f} ms (fastest later "
          f"{cold['en'][0] * 1e3:.0f} ms); first Russian article {ru_first_s * 1e3:.0f} ms (fastest later "
          f"{cold['ru'][0] * 1e3:.0f} ms);\n   first detect() of an undeclared Cyrillic article in a fresh "
          f"process {detect_s:.2f} s -> {lang!r} (the next {detect_again_s * 1e3:.1f} ms)")
    rows = {}
    for k, arts in (("en", en), ("ru", ru)):
        chars = sum(len(a.text) for a in arts)
        rows[k] = per_1k(sum(cold[k]), arts), per_1k(sum(warm[k]), arts)
        print(f"   {k}: {len(arts)} articles, {chars:,} chars, {sum(cold[k]) * 1e3:.0f} ms -> "
              f"{rows[k][0]:,.0f} us per 1,000 chars ({rows[k][1]:,.0f} with every word cached)")
    ratio = rows["ru"][0] / rows["en"][0]
    print(f"   ru / en = {ratio:.2f} (every word cached: {rows['ru'][1] / rows['en'][1]:.2f}); "
          f"target <= {RU_TARGET:.1f}  {verdict(ratio <= RU_TARGET)}")
    return ratio <= RU_TARGET, (ru, lex, article_events)


def profile_russian(ru, lex, article_events) -> None:
    import cProfile
    import pstats
    empty_word_caches()
    prof = cProfile.Profile()
    prof.enable()
    for a in ru:
        article_events(a, lex)
    prof.disable()
    print("\n   cProfile of article_events on the Russian articles (caches emptied first):")
    pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(15)


# --- 2. English, now vs before, in child processes --------------------------------------------------

def english_child(tree: str, passes: int) -> None:
    """In a child: read and extract the English articles with the code under `tree`; print JSON timings."""
    sys.path.insert(0, tree)
    t = time.perf_counter()
    from preprocessing.articles import read_article
    from preprocessing.lexicon import default_lexicon
    from preprocessing.pipeline import article_events
    lex = default_lexicon()
    files = article_files(EN_SETS)
    articles = [read_article(p).article for p in files]
    article_events(articles[0], lex)
    start = time.perf_counter() - t
    read = fastest(read_article, {"en": files}, passes)["en"]
    extract = fastest(lambda a: article_events(a, lex), {"en": articles}, passes)["en"]
    events = sum(len(article_events(a, lex)) for a in articles)
    print(json.dumps({"start": start, "read": sum(read), "extract": sum(extract), "events": events}))


def unpack_baseline(into: str) -> None:
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE, "preprocessing", "data"],
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(into, filter="data")


def run_child(tree: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", tree, "--repeat", str(CHILD_PASSES)],
                         check=False, capture_output=True, text=True, cwd=tree, env={**os.environ, "PYTHONPATH": tree})
    if out.returncode:
        sys.exit(f"child on {tree} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def english_now_vs_before(repeat: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="bench_base_") as old:
        unpack_baseline(old)
        runs = {"before": [], "now": []}
        for _ in range(repeat):  # interleaved, so that a slow spell of the machine hits both sides
            runs["before"].append(run_child(old))
            runs["now"].append(run_child(str(ROOT)))
    print(f"\n2. English, now vs before ({BASELINE}), {len(article_files(EN_SETS))} articles, "
          f"{repeat} child processes each, interleaved")
    best = {}
    for side, rs in runs.items():
        ext = sorted(r["extract"] for r in rs)
        best[side] = {k: min(r[k] for r in rs) for k in ("start", "read", "extract")}
        print(f"   {side:6}: extract {ext[0] * 1e3:6.0f} ms (slowest child {ext[-1] * 1e3:.0f}, "
              f"+{(ext[-1] / ext[0] - 1) * 100:.0f} %), read {best[side]['read'] * 1e3:5.1f} ms, "
              f"start-up {best[side]['start']:.2f} s, {rs[0]['events']} events")
    ratio = best["now"]["extract"] / best["before"]["extract"]
    print(f"   read: now / before = {best['now']['read'] / best['before']['read']:.2f}; start-up (imports, "
          f"lexicon, first article): {best['now']['start'] / best['before']['start']:.2f}")
    print(f"   extract: now / before = {ratio:.2f}; target <= {EN_TARGET:.2f}  {verdict(ratio <= EN_TARGET)}")
    return ratio <= EN_TARGET


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes (part 1) and child processes per side (part 2)")
    ap.add_argument("--profile", action="store_true", help="cProfile the Russian article_events")
    ap.add_argument("--child", help=argparse.SUPPRESS)  # a tree to time English in (part 2)
    args = ap.parse_args()
    if args.child:
        return english_child(args.child, args.repeat)
    sys.path.insert(0, str(ROOT))
    print(f"load average {os.getloadavg()[0]:.2f}; --repeat {args.repeat}\n")
    ok_ru, loaded = russian_vs_english(args.repeat)
    if args.profile:
        profile_russian(*loaded)
    ok_en = english_now_vs_before(args.repeat)
    sys.exit(0 if ok_ru and ok_en else 1)


if __name__ == "__main__":
    main()
