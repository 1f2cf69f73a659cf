"""`python -m preprocessing extract FILE ... [--published D] [-o OUT]` (see EVENTS_SCHEMA.md)."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from .batch import default_jobs
from .pipeline import extract_files
from .writers import FORMATS, write_atomically, write_records

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(EXIT_USAGE, f"preprocessing: {message} (see --help)\n")


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--published wants YYYY-MM-DD, not {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m preprocessing", description="Turn news articles into the events table.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ex = sub.add_parser("extract", help="extract events from article files")
    ex.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 .txt or .md articles, front matter optional")
    ex.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                    help="publication date for files whose front matter lacks one")
    ex.add_argument("-o", "--output", metavar="OUT", help="output .csv, .json or .parquet (default: CSV on stdout)")
    ex.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                    help=f"worker processes for many articles (default: the CPUs, here {default_jobs()}); "
                         "the table is the same for any N")
    return p


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"--jobs wants a whole number from 1, not {value!r}")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = Path(args.output) if args.output else None
    if out is not None and out.suffix.lower() not in FORMATS:
        print(f"preprocessing: {out}: output must end in {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    result = extract_files(args.files, args.published, jobs=args.jobs or default_jobs())
    for line in result.problems:
        print(f"preprocessing: {line}", file=sys.stderr)
    for line in result.notes:
        print(f"preprocessing: {line}", file=sys.stderr)
    if not result.articles:
        print("preprocessing: no article could be read; nothing written", file=sys.stderr)
        return EXIT_UNREADABLE
    with_events = {label for r in result.records for label in r["sources"]}
    for a in result.articles:
        if a.label not in with_events:
            print(f"preprocessing: {a.path or a.doc_id}: no events found", file=sys.stderr)
    try:
        if out is None:
            write_records(result.records, sys.stdout, "csv")
            sys.stdout.flush()  # here, where a closed pipe can be caught, not at exit
        else:
            write_atomically(result.records, out)
    except BrokenPipeError:  # `... | head`: the reader has gone, nothing to say to it
        drop_stdout()
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"preprocessing: {out or 'standard output'}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_UNREADABLE if result.problems else EXIT_OK


def drop_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit finds no broken pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (under a test runner): nothing to flush at exit
        pass

