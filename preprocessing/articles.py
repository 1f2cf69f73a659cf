"""Read article files: decoding, front matter, sidecar metadata. Never raises on bad input."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import Article

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few KB; larger files are refused, not half-read
FRONT_KEYS = ("title", "source", "url", "published")
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


class ArticleError(Exception):
    """A file that could not be read as an article; the message is one line for the user."""


@dataclass(frozen=True)
class ReadResult:
    article: Article
    notes: tuple[str, ...] = ()  # non-fatal remarks (encoding guessed, date missing ...)


def parse_date(value: object) -> date | None:
    """A publication date: ISO, or what feeds and scrapers write ("Mon, 09 Nov 2020 10:12:00 +0500",
    "November 9, 2020"), which dateparser reads. A date without its day is not a publication date."""
    if isinstance(value, date):
        return value
    text = str(value or "").strip().strip("'\"")
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if not text or not re.search(r"\d", text):
        return None  # "last Tuesday" is not a publication date
    import dateparser  # only for the rare non-ISO value: it takes a moment to load

    parsed = dateparser.parse(text, languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"})
    return parsed.date() if parsed else None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and, when it was not UTF-8, the encoding that was guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of NUL bytes
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """(metadata, body, offset of body in text). Unknown keys are kept as metadata."""
    m = _FRONT.match(text)
    if not m:
        return {}, text.lstrip("\ufeff"), 0
    meta = {}
    for line in m.group(1).splitlines():
        km = _KEY.match(line.strip())
        if km:
            meta[km.group(1).lower()] = km.group(2).strip().strip("'\"")
    return meta, text[m.end():], m.end()


def sidecar_metadata(path: Path) -> dict:
    """Metadata from `NAME.meta.toml` beside an article that has no front matter."""
    side = path.with_name(path.stem + ".meta.toml")
    if not side.is_file():
        return {}
    try:
        return {k.lower(): v for k, v in tomllib.loads(side.read_text("utf-8")).items()}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def article_from_text(raw: str, doc_id: str, *, published: date | None = None, path: str = "",
                      extra_meta: dict | None = None, front_matter: bool = True) -> ReadResult:
    """Build an Article from text already in memory (used by the CLI and the dashboard alike).

    front_matter=False when the metadata is already known (extracted from HTML,
    typed in a form): the text is then all body, even if it opens with `---`.
    """
    notes = []
    meta, body, _ = split_front_matter(raw) if front_matter else ({}, raw, 0)
    meta = {**(extra_meta or {}), **meta}
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise ArticleError("no article text (the file is empty or holds only front matter)")
    pub = parse_date(meta.get("published"))
    if meta.get("published") and pub is None:
        notes.append(f"publication date {meta.get('published')!r} is not a date; ignored")
    pub = pub or published
    if pub is None:
        notes.append("no publication date: relative dates ('on Sunday') are left empty")
    other = {k: v for k, v in meta.items() if k not in FRONT_KEYS}
    article = Article(doc_id=doc_id, text=body, title=str(meta.get("title", "")).strip(),
                      source=str(meta.get("source", "")).strip(), url=str(meta.get("url", "")).strip(),
                      published=pub, path=path, metadata=other)
    return ReadResult(article, tuple(notes))


def too_large(size: int) -> ArticleError:
    return ArticleError(f"{size / 1048576:.1f} MB is more than the {MAX_BYTES // 1048576} MB "
                        "an article may have; split it or check it is the right file")


def check_bytes(data: bytes) -> None:
    """Refuse what cannot be an article before decoding it: oversized, empty, binary."""
    if len(data) > MAX_BYTES:
        raise too_large(len(data))
    if not data.strip():
        raise ArticleError("empty file")
    if looks_binary(data):
        raise ArticleError("looks like a binary file, not a text article")


def article_from_bytes(data: bytes, doc_id: str, *, published: date | None = None, path: str = "",
                       extra_meta: dict | None = None) -> ReadResult:
    """A .txt/.md article from raw bytes (a file's content or an upload): checked, decoded, parsed."""
    check_bytes(data)
    text, guessed = decode(data)
    result = article_from_text(text, doc_id, published=published, path=path, extra_meta=extra_meta)
    if guessed:
        return ReadResult(result.article, (f"not UTF-8; read as {guessed}",) + result.notes)
    return result


def read_article(path: str | Path, published: date | None = None) -> ReadResult:
    """Read one file. Raises ArticleError with a one-line reason when it cannot be an article."""
    p = Path(path)
    try:
        if not p.exists():
            raise ArticleError("no such file")
        if p.is_dir():
            raise ArticleError("is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise too_large(size)  # before reading: a huge file is never loaded
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot be read ({exc.strerror or exc})") from None
    return article_from_bytes(data, p.name, published=published, path=str(p),
                              extra_meta=sidecar_metadata(p))
