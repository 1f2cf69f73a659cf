"""Score an extraction against a gold table with the vendored scorer (a helper for tests and bench)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

from preprocessing.writers import write_table

from . import score_events


def strict_f1(events, gold_path: Path, tmp_dir: Path) -> tuple[float, str]:
    """(strict F1, the scorer's verbose report) for an events DataFrame."""
    pred = tmp_dir / (gold_path.stem + ".pred.csv")
    write_table(events, pred, "csv")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        score_events.main([str(pred), str(gold_path), "-v"])
    report = buf.getvalue()
    last = report.strip().splitlines()[-1]  # "strict_f1=0.950 f1=1.000"
    return float(last.split()[0].split("=")[1]), report


__all__ = ["strict_f1"]
