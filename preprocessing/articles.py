"""Read article files: decoding, front matter, sidecar metadata. Never raises on bad input."""
from __future__ import annotations

import os
import re
import stat
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cleaning import clean_text
from .language import NAMES, READ, declared, detect
from .model import Article

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few KB; larger files are refused, not half-read
MAX_SIDECAR_BYTES = 64 * 1024  # a few metadata keys
UNREAD_LANGUAGE = ", which the extractor does not read: no events"  # the end of that note
FRONT_KEYS = ("title", "source", "url", "published")
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
UNCLOSED_FRONT = "front matter not closed (no second '---' line): read as text"
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


def _few_controls(text: str) -> bool:
    controls = sum(1 for ch in text if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in "\t\n\x0c\r")
    return controls <= 0.05 * max(len(text), 1)


_LOW_BYTES = bytes(range(0x20))
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13))


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are UTF-16 text with no byte-order mark, else None.

    Text in one alphabet keeps the high byte of almost every pair on one or two values below
    0x20 (0x00 for Latin, 0x04 for Cyrillic, 0x06 for Arabic), while its other byte varies;
    UTF-8 text never has a control byte in every other place. The sample must then decode to
    text (no lone surrogate, few control characters), which 16-bit binary numbers do not.
    """
    head = data[:8192]
    head = head[:len(head) // 2 * 2]
    if len(head) < 4:
        return None
    if len(head) - len(head.translate(None, _LOW_BYTES)) < 0.2 * len(head):
        return None  # one byte in two below 0x20 is needed: most files are ruled out here, in C
    for codec, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        common = Counter(high).most_common(2)
        if common[0][0] >= 0x20 or sum(n for _, n in common) < 0.9 * len(high):
            continue
        try:
            sample = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if _few_controls(sample):
            return codec
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text and, when it was not UTF-8, the encoding that was guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"  # an odd last byte is not fatal
    codec = utf16_without_bom(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8, full of NULs
    if codec:
        return data.decode(codec, errors="replace"), f"{codec.upper()} without a byte-order mark"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    cyrillic = legacy_cyrillic(data)
    if cyrillic:
        return data.decode(cyrillic[0], errors="replace"), cyrillic[1]
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def legacy_cyrillic(data: bytes) -> tuple[str, str] | None:
    """Russian text saved as Windows-1251 or KOI8-R (old Russian sites and archives still serve both).
    In either, nearly every letter is a byte of 0xC0-0xFF (in Western-European text only the accented
    few are); Russian is mostly lower case, which is 0xE0-0xFF in Windows-1251 and 0xC0-0xDF in KOI8-R."""
    head = data[:65536]
    upper_half, lower_1251 = _count(head, _UPPER_HALF), _count(head, _LOWER_1251)
    if upper_half < 20 or upper_half < 2 * _count(head, _ASCII_LETTERS):
        return None
    return ("cp1251", "Windows-1251") if lower_1251 * 2 > upper_half else ("koi8_r", "KOI8-R")


_UPPER_HALF, _LOWER_1251 = bytes(range(0xC0, 0x100)), bytes(range(0xE0, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))


def _count(data: bytes, these: bytes) -> int:
    """How many bytes of `data` are among `these` (in C, as looks_binary counts control bytes)."""
    return len(data) - len(data.translate(None, these))


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of NUL bytes
    if utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
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


def unclosed_front_matter(text: str) -> bool:
    """The text opens with a `---` line that no second `---` line closes."""
    return bool(_OPENING.match(text)) and not _FRONT.match(text)


def sidecar_metadata(path: Path) -> dict:
    """Metadata from `NAME.meta.toml` beside an article that has no front matter."""
    side = path.with_name(path.stem + ".meta.toml")
    if not side.is_file():
        return {}
    try:
        data = read_regular_file(side, MAX_SIDECAR_BYTES)
        return {k.lower(): v for k, v in tomllib.loads(data.decode("utf-8")).items()}
    except (ArticleError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _clean_meta(meta: dict) -> dict:
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in meta.items()}


def article_from_text(raw: str, doc_id: str, *, published: date | None = None, path: str = "",
                      extra_meta: dict | None = None, front_matter: bool = True) -> ReadResult:
    """Build an Article from text already in memory (used by the CLI and the dashboard alike).

    front_matter=False when the metadata is already known (extracted from HTML,
    typed in a form): the text is then all body, even if it opens with `---`.
    """
    notes = []
    raw = clean_text(raw)  # NFC, no zero-width or bidirectional controls: before any offset is taken
    if front_matter and unclosed_front_matter(raw):
        notes.append(UNCLOSED_FRONT)
    meta, body, _ = split_front_matter(raw) if front_matter else ({}, raw, 0)
    meta = {**_clean_meta(extra_meta or {}), **meta}
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
    language = declared(meta.get("language") or meta.get("lang")) or detect(body)
    if language not in READ:
        notes.append(f"written in {NAMES.get(language, language)}{UNREAD_LANGUAGE}")
    article = Article(doc_id=doc_id, text=body, title=str(meta.get("title", "")).strip(),
                      source=str(meta.get("source", "")).strip(), url=str(meta.get("url", "")).strip(),
                      published=pub, path=path, metadata=other,
                      language=language)
    return ReadResult(article, tuple(notes))


def too_large(size: int | None = None) -> ArticleError:
    """`size` None: the file was read up to the limit and went on (it grew, or lied about its size)."""
    amount = f"{size / 1048576:.1f} MB is more" if size is not None else "it holds more"
    return ArticleError(f"{amount} than the {MAX_BYTES // 1048576} MB "
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


def _not_regular(mode: int) -> ArticleError | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return ArticleError("is a folder, not a file")
    kind = ("a device, not a file" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a named pipe, not a file" if stat.S_ISFIFO(mode)
            else "a socket, not a file" if stat.S_ISSOCK(mode) else "not a regular file")
    return ArticleError(f"is {kind} (only regular files are read)")


# O_NONBLOCK: should the name be swapped for a pipe after the check, opening it does not wait.
_OPEN_FLAGS = os.O_RDONLY | sum(getattr(os, f, 0) for f in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"))


def read_regular_file(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A device (/dev/zero), a named pipe or
    a socket is refused without being read, and never more than limit + 1 bytes are read, whatever
    size the file claims or grows to. ArticleError (one line) or OSError."""
    if error := _not_regular(os.stat(path).st_mode):  # follows links: a link to an article is one
        raise error  # never opened: opening a pipe waits for a writer, some devices act on open
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)  # what was opened, not what the name pointed at a moment before
        if error := _not_regular(st.st_mode):
            raise error
        if st.st_size > limit:
            raise too_large(st.st_size)  # before reading: a huge file is never loaded
        chunks, got = [], 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    finally:
        os.close(fd)
    if got > limit:
        raise too_large()
    return b"".join(chunks)


def read_article(path: str | Path, published: date | None = None) -> ReadResult:
    """Read one file. Raises ArticleError with a one-line reason when it cannot be an article."""
    p = Path(path)
    try:
        data = read_regular_file(p)
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except ValueError:  # a NUL in the name
        raise ArticleError("is not a valid file name") from None
    except OSError as exc:
        raise ArticleError(f"cannot be read ({exc.strerror or exc})") from None
    return article_from_bytes(data, p.name, published=published, path=str(p),
                              extra_meta=sidecar_metadata(p))
