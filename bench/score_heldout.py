"""Score the extractor on a folder of articles with gold tables (default: tests/heldout).

    .venv/bin/python -m bench.score_heldout [FOLDER] [-v]

FOLDER holds articles/NAME.md and gold/NAME.gold.csv. Prints each article's strict F1
and F1 (the project's scorer), then the scores over all rows together.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preprocessing import extract_files  # noqa: E402
from preprocessing.writers import write_records  # noqa: E402
from tests import score_events  # noqa: E402


def score_one(article: Path, gold: Path, tmp: Path, verbose: bool) -> tuple[int, int, int, int, str]:
    """(strict matches, predicted rows, required gold rows found strictly, required gold rows, report)."""
    pred_path = tmp / (article.stem + ".csv")
    write_records(extract_files([article]).records, pred_path, "csv")
    with pred_path.open(newline="", encoding="utf-8") as f:
        pred = list(csv.DictReader(f))
    gold_rows = score_events.load(gold)
    matches = score_events.score(pred, gold_rows)
    strict = [(g, p) for g, p in matches if score_events.strict_ok(gold_rows[g], pred[p])]
    required = [i for i, g in enumerate(gold_rows) if str(g.get("optional", "0")).strip() not in {"1", "true", "True"}]
    found = len({g for g, _ in strict} & set(required))
    buf = io.StringIO()
    if verbose:
        with contextlib.redirect_stdout(buf):
            score_events.main([str(pred_path), str(gold), "-v"])
    return len(strict), len(pred), found, len(required), buf.getvalue()


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "heldout"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    totals = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for article in sorted((folder / "articles").glob("*.md")):
            gold = folder / "gold" / (article.stem + ".gold.csv")
            if not gold.exists():
                continue
            strict, pred, found, required, report = score_one(article, gold, Path(tmp), args.verbose)
            totals = [a + b for a, b in zip(totals, (strict, pred, found, required))]
            p = strict / pred if pred else (1.0 if not required else 0.0)
            r = found / required if required else 1.0
            print(f"{article.stem:50} rows {pred:3}  strict P={p:.2f} R={r:.2f} F1={f1(p, r):.3f}")
            if report:
                print(report)
    strict, pred, found, required = totals
    p, r = (strict / pred if pred else 0.0), (found / required if required else 1.0)
    print(f"\nall rows together: strict precision={p:.3f} recall={r:.3f} strict_f1={f1(p, r):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
