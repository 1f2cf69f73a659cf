"""Which language an article is written in: declared in its front matter, or detected.

Latin-script text is read as English without loading a model (the English path stays as fast as it
was). Text mostly in Cyrillic goes to lingua, restricted to the languages written in Cyrillic, so that
a Ukrainian or Bulgarian article is named as such instead of being misread as Russian.
"""
from __future__ import annotations

import re
from functools import lru_cache

READ = ("en", "ru")  # the languages the extractor has readers for
_ALIASES = {"english": "en", "eng": "en", "en-us": "en", "en-gb": "en", "russian": "ru", "rus": "ru",
            "ru-ru": "ru", "русский": "ru"}
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SAMPLE = 4000  # characters: enough for a confident answer, cheap on a long article


def declared(value) -> str:
    """The language a front matter names ("ru", "Russian", "ru-RU") as a lower-case code; "" for none."""
    v = str(value or "").strip().lower()
    return _ALIASES.get(v, v.split("-")[0] if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]+)?", v) else "")


def detect(text: str) -> str:
    sample = text[:_SAMPLE]
    if not _CYRILLIC.search(sample):
        return "en"  # (the common case, answered without counting letters)
    letters = len(_LETTER.findall(sample))
    if not letters or len(_CYRILLIC.findall(sample)) < 0.3 * letters:
        return "en"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else "ru"


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder
    return LanguageDetectorBuilder.from_languages(
        Language.RUSSIAN, Language.UKRAINIAN, Language.BELARUSIAN, Language.BULGARIAN, Language.MACEDONIAN,
        Language.SERBIAN, Language.KAZAKH, Language.MONGOLIAN).build()


def language_of(article) -> str:
    """The article's language: as declared, else detected from its text."""
    return article.language or declared(article.metadata.get("language") or article.metadata.get("lang")) \
        or detect(article.text)


NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian",
         "mk": "Macedonian", "sr": "Serbian", "kk": "Kazakh", "mn": "Mongolian"}
