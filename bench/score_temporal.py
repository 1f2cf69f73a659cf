"""Score one-sentence date cases: each sentence is read as an article of its own.

    .venv/bin/python -m bench.score_temporal [CASES.csv] [-v]

CASES.csv has columns id,published,sentence,event_type,name,date_start,date_end,status,note.
A case is right when the extractor gives a row of that event type (and name, where the case gives
one) whose date_start and date_end equal the case's at its precision ('|' lists accepted readings).
The status is counted separately.
"""
from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preprocessing.articles import article_from_text  # noqa: E402
from preprocessing.pipeline import extract_articles  # noqa: E402
from tests.score_events import names_match, norm_date  # noqa: E402


def _alts(value: str) -> list[str]:
    return [norm_date(x) for x in (value or "").split("|")] or [""]


def judge(case: dict) -> tuple[bool, bool, dict | None]:
    """(dates right, status right, the row judged)."""
    article = article_from_text(case["sentence"], f"case-{case['id']}.md",
                                published=date.fromisoformat(case["published"])).article
    rows = [r for r in extract_articles([article]).records if r["event_type"] == case["event_type"]]
    if case.get("name"):
        named = [r for r in rows if names_match(case["name"], r["name"])]
        rows = named or rows
    if not rows:
        return False, False, None
    row = rows[0]
    start_ok = norm_date(row["date_start"], row["date_precision"]) in _alts(case["date_start"])
    gold_end = _alts(case.get("date_end", ""))
    end_ok = not any(gold_end) or norm_date(row["date_end"]) in gold_end  # checked where the case gives one
    status_ok = (row.get("status") or "reported") == (case.get("status") or "reported")
    return start_ok and end_ok, status_ok, row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(ROOT / "tests" / "temporal_blind" / "cases.csv"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    with open(args.cases, newline="", encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    right = status_right = 0
    for case in cases:
        ok, st, row = judge(case)
        right += ok
        status_right += st
        if args.verbose and not (ok and st):
            got = f"{row['date_start']}..{row['date_end']} {row['status']}" if row else "no row"
            print(f"{case['id']:>4} {'date' if not ok else ''} {'status' if not st else ''}: want "
                  f"{case['date_start']}..{case['date_end']} {case['status']}; got {got}  | {case['sentence'][:110]}")
    n = len(cases)
    print(f"dates right: {right}/{n} = {right / n:.2f}   status right: {status_right}/{n} = {status_right / n:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
