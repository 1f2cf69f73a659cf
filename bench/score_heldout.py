"""Score the extractor on a folder of articles with gold tables (default: tests/heldout).

    .venv/bin/python -m bench.score_heldout [FOLDER] [-v] [--corpus GOLD.csv]

FOLDER holds articles/NAME.md and gold/NAME.gold.csv. Prints each article's strict F1
and F1 (the project's scorer), then the scores over all rows together. With --corpus,
every article is extracted together as one corpus and the merged table is scored against
that one gold table (one edition reported by many outlets), with the rows per edition name.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preprocessing import extract_files  # noqa: E402
from preprocessing.writers import write_records  # noqa: E402
from tests import score_events  # noqa: E402


def _required(gold_rows: list[dict]) -> list[int]:
    return [i for i, g in enumerate(gold_rows) if str(g.get("optional", "0")).strip() not in {"1", "true", "True"}]


def score_rows(pred: list[dict], gold_rows: list[dict]) -> tuple[int, int, int, int, int]:
    """(strict matches, matches, predicted rows, required gold rows found strictly, found at all, required)."""
    matches = score_events.score(pred, gold_rows)
    strict = [(g, p) for g, p in matches if score_events.strict_ok(gold_rows[g], pred[p])]
    required = set(_required(gold_rows))
    return (len(strict), len(matches), len(pred), len({g for g, _ in strict} & required),
            len({g for g, _ in matches} & required), len(required))


def _extract(articles: list[Path], tmp: Path, name: str) -> tuple[Path, list[dict]]:
    pred_path = tmp / (name + ".csv")
    write_records(extract_files(articles).records, pred_path, "csv")
    with pred_path.open(newline="", encoding="utf-8") as f:
        return pred_path, list(csv.DictReader(f))


def _verbose(pred_path: Path, gold: Path) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score_events.main([str(pred_path), str(gold), "-v"])
    return buf.getvalue()


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _line(label: str, t) -> str:
    strict, matched, pred, found_s, found, required = t
    sp, sr = (strict / pred if pred else (1.0 if not required else 0.0)), (found_s / required if required else 1.0)
    p, r = (matched / pred if pred else (1.0 if not required else 0.0)), (found / required if required else 1.0)
    return f"{label:50} rows {pred:3}  strict P={sp:.2f} R={sr:.2f} F1={f1(sp, sr):.3f}  F1={f1(p, r):.3f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "heldout"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--corpus", help="score all articles together against this one gold table")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    articles = sorted((folder / "articles").glob("*.md"))
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            pred_path, pred = _extract(articles, Path(tmp), "corpus")
            t = score_rows(pred, score_events.load(Path(args.corpus)))
            print(_line(f"corpus of {len(articles)} articles", t))
            names = Counter(r["name"] for r in pred if r["event_type"] == "exercise")
            for name, n in names.most_common():
                cited = max(int(r["source_count"]) for r in pred if r["name"] == name)
                print(f"  exercise row {name or '(unnamed)'!r}: {n} row(s), most sources {cited}")
            if args.verbose:
                print(_verbose(pred_path, Path(args.corpus)))
            return 0
        totals = [0] * 6
        for article in articles:
            gold = folder / "gold" / (article.stem + ".gold.csv")
            if not gold.exists():
                continue
            pred_path, pred = _extract([article], Path(tmp), article.stem)
            t = score_rows(pred, score_events.load(gold))
            totals = [a + b for a, b in zip(totals, t)]
            print(_line(article.stem, t))
            if args.verbose:
                print(_verbose(pred_path, gold))
    strict, matched, pred, found_s, found, required = totals
    sp, sr = (strict / pred if pred else 0.0), (found_s / required if required else 1.0)
    p, r = (matched / pred if pred else 0.0), (found / required if required else 1.0)
    print(f"\nall rows together: strict precision={sp:.3f} recall={sr:.3f} strict_f1={f1(sp, sr):.3f}  "
          f"precision={p:.3f} recall={r:.3f} f1={f1(p, r):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
