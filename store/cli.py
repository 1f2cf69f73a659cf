"""`python -m store add ...` and `python -m store export -o FILE`: the store from a scheduled job.

    python -m store add PATH_OR_URL... [--feed URL ...] [--saved-feeds] [--author NAME] [--published YYYY-MM-DD]
    python -m store export -o events.csv|events.json|events.parquet

`add` stores article files, web pages and the articles of news feeds exactly as the Add-articles
page does (ingest.run: the same checks, the same duplicates, the same one-line report per article
on standard output). `export` writes the curated events table the dashboard shows. Both use the
store the dashboard uses: DATABASE_URL, else `[connections.events] url` (or a top-level DATABASE_URL)
in the secrets file, else data/store.sqlite. No Streamlit here.

Exit status: 0 when everything was done, 1 when anything failed (each failure is a line), 2 for
a usage error (one line on standard error).
"""
from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from ingest.fetch import Limits
from ingest.run import Batch, OneFeed, Report, known_articles, record_reads, store_batch
from preprocessing.articles import ArticleError, ReadResult, read_article, read_regular_file
from preprocessing.cli import drop_stdout  # a closed output pipe ends the command quietly, as it ends extract
from preprocessing.cli import iso_date  # --published, read as extract reads it
from preprocessing.html_reader import HTML_SUFFIXES, article_from_html
from preprocessing.schema import COLUMNS
from preprocessing.writers import FORMATS, table_records, write_atomically

from .curate import EXTRA_COLUMNS
from .db import ROOT, open_store, resolve_timeout, resolve_url
from .errors import StoreError, StoreUnavailable
from .feeds import list_feeds

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_AUTHOR = "command line"
# Where Streamlit looks for secrets (secrets.files), the later winning: the user's, then the project's.
SECRETS_FILES = (Path.home() / ".streamlit" / "secrets.toml", ROOT / ".streamlit" / "secrets.toml")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(EXIT_USAGE, f"store: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m store", description="Add articles to the dashboard's store, or export its table.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add = sub.add_parser("add", help="add article files, web pages and the articles of news feeds")
    add.add_argument("items", nargs="*", metavar="PATH_OR_URL",
                     help="article files (.txt, .md, .html) and web addresses (http:// or https://)")
    add.add_argument("--feed", action="append", default=[], metavar="URL",
                     help="read this RSS or Atom feed once (not saved) and add its articles; may be repeated")
    add.add_argument("--saved-feeds", action="store_true", help="read every feed saved on the Add-articles page")
    add.add_argument("--author", default=DEFAULT_AUTHOR, help=f"who the articles are added by (default: {DEFAULT_AUTHOR!r})")
    add.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                     help="publication date for articles that give none")
    ex = sub.add_parser("export", help="write the curated events table (edits applied, rejected events left out)")
    ex.add_argument("-o", "--output", required=True, metavar="OUT", help=f"output {', '.join(FORMATS)}")
    return p


# ---------------------------------------------------------------- the store the dashboard uses

def read_secrets(paths: Sequence[Path] = SECRETS_FILES) -> dict | None:
    """The secrets, as Streamlit merges its files; {} when there are none; None when one exists but
    cannot be read (the store's address is then unknown: never fall back to the local file)."""
    merged: dict = {}
    for path in paths:
        try:
            with open(path, "rb") as f:
                merged.update(tomllib.load(f))
        except FileNotFoundError:
            continue
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
    return merged


def configured_url(environ: Mapping[str, str], secrets: Mapping | None) -> str:
    """The app's order (app.corpus.store_url): DATABASE_URL in the environment, then a top-level
    DATABASE_URL secret, then [connections.events] url, then data/store.sqlite."""
    if secrets is None:
        raise StoreUnavailable("the secrets file cannot be read, so the events store's address is unknown")
    return resolve_url(secrets, environ)


def open_configured(environ: Mapping[str, str] = os.environ, secrets_files: Sequence[Path] = SECRETS_FILES):
    secrets = read_secrets(secrets_files)
    url = configured_url(environ, secrets)
    return open_store(url, resolve_timeout(secrets, environ))


# ---------------------------------------------------------------- add

def read_file(path: str, published: date | None = None) -> ReadResult:
    """An article file: .html/.htm through the HTML reader, anything else as the extractor reads it."""
    p = Path(path)
    if p.suffix.lower() not in HTML_SUFFIXES:
        return read_article(p, published)
    try:
        data = read_regular_file(p)
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except OSError as exc:
        raise ArticleError(f"cannot be read ({exc.strerror or exc})") from None
    return article_from_html(data, p.name, published)


def is_address(item: str) -> bool:
    return "://" in item


def add(args, environ: Mapping[str, str], engine, out) -> int:
    from .corpus import (
        bundled_articles,  # the lead's store/corpus.py: the bundled files, read
    )

    bundled = bundled_articles(environ)
    batch = Batch(known_articles(engine, bundled), published=args.published, limits=Limits.from_environ(environ))
    for item in (i for i in args.items if not is_address(i)):
        try:
            batch.take(read_file(item, args.published), item)
        except ArticleError as exc:
            batch.fail(item, str(exc))
    batch.add_urls([i for i in args.items if is_address(i)])
    batch.add_feeds([OneFeed(u) for u in args.feed] + (list_feeds(engine) if args.saved_feeds else []))
    report = store_batch(engine, batch, args.author, bundled)
    record_reads(engine, report)
    print_report(report, out)
    return EXIT_FAILED if report.failed else EXIT_OK


def print_report(report: Report, out) -> None:
    for line in report.lines:
        print(line.text(), file=out)
    for feed in report.feeds:
        print(feed.text(), file=out)
    out.flush()  # here, where a closed pipe can be caught, not at exit
    print(f"store: {report.summary()}", file=sys.stderr)


# ---------------------------------------------------------------- export

def export(args, environ: Mapping[str, str], engine, out) -> int:
    from .corpus import (
        curated_events,  # the lead's store/corpus.py: bundled + stored, extracted and curated
    )

    target = Path(args.output)
    events = curated_events(engine)
    columns = list(COLUMNS) + [c for c in EXTRA_COLUMNS if c in events.columns]
    try:
        write_atomically(table_records(events[columns]), target, columns)
    except OSError as exc:
        print(f"store: {target}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_FAILED
    print(f"store: wrote {len(events)} event(s) to {target}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {"add": add, "export": export}


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None, out=None) -> int:
    environ = os.environ if environ is None else environ
    out = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    if args.command == "add" and not (args.items or args.feed or args.saved_feeds):
        print("store: add what? give files, web addresses, --feed URL or --saved-feeds (see --help)", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "export" and Path(args.output).suffix.lower() not in FORMATS:
        print(f"store: {args.output}: output must end in {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        engine = open_configured(environ)
    except StoreError as exc:
        print(f"store: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return COMMANDS[args.command](args, environ, engine, out)
    except BrokenPipeError:  # `... | head`: the reader has gone (what was added stays added)
        drop_stdout()
        return EXIT_FAILED
    except StoreError as exc:
        print(f"store: {exc}; nothing was added" if args.command == "add" else f"store: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        engine.dispose()
