"""The `python -m preprocessing extract` command: formats, exit codes, and bad input."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from preprocessing.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a2ef007e2f04334a.txt"
ARTICLE = """---
title: Pakistan, China begin joint air exercise
source: Example News
url: https://example.org/a
published: 2021-03-15
---
ISLAMABAD: Pakistan and China began the joint air exercise Shaheen-IX in Bhholari on Sunday.
"""


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "shaheen.md"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_csv_on_stdout_lists_joined_with_semicolons(article, capsys):
    code, out, err = run(["extract", str(article)], capsys)
    assert code == 0, err
    header = out.splitlines()[0].split(",")
    assert header[:4] == ["event_id", "event_type", "subtype", "name"]
    assert "Pakistan;China" in out or "China;Pakistan" in out


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_output_format_follows_the_ending(article, tmp_path, suffix, capsys):
    out = tmp_path / f"events{suffix}"
    code, _, err = run(["extract", str(article), "-o", str(out)], capsys)
    assert code == 0, err
    if suffix == ".csv":
        df = pd.read_csv(out, dtype="str", keep_default_na=False)
        assert df.loc[0, "date_start"] == "2021-03-14"
    elif suffix == ".json":
        rows = json.loads(out.read_text())
        assert rows[0]["countries"] == ["China", "Pakistan"]
        assert rows[0]["date_start"] == "2021-03-14"
    else:
        df = pd.read_parquet(out)
        assert list(df.loc[0, "countries"]) == ["China", "Pakistan"]


def test_published_flag_resolves_relative_dates(tmp_path, capsys):
    p = tmp_path / "plain.txt"
    p.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")  # no sidecar, no front matter
    code, out, err = run(["extract", str(p), "--published", "2020-11-09"], capsys)
    assert code == 0
    assert "2020-11-08" in out


def test_missing_publication_date_is_said_and_relative_dates_stay_empty(tmp_path, capsys):
    p = tmp_path / "plain.txt"
    p.write_text("Pakistan and Russia began the joint exercise Druzhba-5 on Sunday.\n", encoding="utf-8")
    code, out, err = run(["extract", str(p)], capsys)
    assert code == 0
    assert "no publication date" in err
    df = pd.read_csv(__import__("io").StringIO(out), dtype="str", keep_default_na=False)
    assert df.loc[0, "name"] == "Druzhba-5"
    assert df.loc[0, "date_start"] == ""


def test_front_matter_date_wins_over_flag(article, capsys):
    code, out, _ = run(["extract", str(article), "--published", "2000-01-01"], capsys)
    assert "2021-03-14" in out


def test_bad_inputs_each_get_one_line_and_the_rest_is_still_written(tmp_path, article, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Pakistan and Russia held talks. " * (20 * 1024 * 1024 // 32))
    missing = tmp_path / "nope.txt"
    out = tmp_path / "events.csv"
    code, _, err = run(["extract", str(empty), str(binary), str(huge), str(missing), str(article),
                        "-o", str(out)], capsys)
    assert code == 1
    lines = [l for l in err.splitlines() if l.strip()]
    for f, why in [(empty, "empty"), (binary, "binary"), (huge, "MB"), (missing, "no such file")]:
        assert any(str(f) in l and why in l for l in lines), (f, err)
    assert "Traceback" not in err
    df = pd.read_csv(out, dtype="str", keep_default_na=False)
    assert "Shaheen-9" in set(df["name"])


def test_windows_1252_is_read_with_a_note(tmp_path, capsys):
    p = tmp_path / "cp.txt"
    p.write_bytes("Pakistan\u2019s army and Russia\u2019s troops began the joint exercise Druzhba-6 "
                  "on 5 October 2021 \u2013 the ministry said.\n".encode("cp1252"))
    code, out, err = run(["extract", str(p)], capsys)
    assert code == 0
    assert "Windows-1252" in err
    assert "Druzhba-6" in out and "2021-10-05" in out


def test_event_free_text_gives_a_header_and_a_message(tmp_path, capsys):
    p = tmp_path / "weather.txt"
    p.write_text("It rained in Lahore on Tuesday. Farmers welcomed the rain.\n")
    code, out, err = run(["extract", str(p), "--published", "2021-05-05"], capsys)
    assert code == 0
    assert out.splitlines() and out.splitlines()[0].startswith("event_id")
    assert len(out.splitlines()) == 1
    assert "no events found" in err


def test_nothing_readable_leaves_an_existing_output_untouched(tmp_path, capsys):
    out = tmp_path / "events.csv"
    out.write_text("precious analyst data\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    code, _, err = run(["extract", str(empty), "-o", str(out)], capsys)
    assert code == 1
    assert out.read_text() == "precious analyst data\n"


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "x.txt", "--published", "09/11/2020"],
    ["extract", "x.txt", "-o", "events.xlsx"],
    ["frobnicate", "x.txt"],
])
def test_bad_arguments_exit_2_with_one_line(args, capsys):
    with pytest.raises(SystemExit) as exc:
        code = main(args)
        raise SystemExit(code)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("preprocessing:")


def test_module_entry_point_runs(article):
    proc = subprocess.run([sys.executable, "-m", "preprocessing", "extract", str(article)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Shaheen-9" in proc.stdout
