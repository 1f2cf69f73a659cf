"""Each language's reader: how its text is cut into sentences and tokens and read for mentions.

Everything after the mentions (frames, events, the merge) is shared; a reader gives the frames only
what differs by language: the sentence's tense. Readers are imported when first asked for, so reading
English never loads Russian morphology."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable


@dataclass(frozen=True)
class Reader:
    language: str
    matcher: Callable  # () → an empty PhraseMatcher that normalises phrases as this language's tokens
    normalise: Callable  # phrase → its tokens' norms
    keys: Callable  # phrase → every tuple of norms it may be read as
    split_sentences: Callable  # Article → [Sentence]
    analyse: Callable  # (Sentence, Lexicon, published) → SentenceMentions
    tense: Callable  # (sentence, pos=None) → "past" | "present" | "future"
    tells_past: Callable
    is_future: Callable
    ordinal: Callable  # word → the number an ordinal says ("sixth", "шестого"), or None
    number: Callable  # word → the number it says ("four", "четыре", "4"), or None
    part_of_speech: Callable  # word → its likeliest part of speech; "" in a language read without morphology
    cases: Callable  # word → the grammatical cases it can be in; empty in a language without cases


def _english() -> Reader:
    from . import mentions, sentences, temporal
    from .matcher import PhraseMatcher, pattern_key
    return Reader("en", PhraseMatcher, pattern_key, lambda phrase: [pattern_key(phrase)], sentences.split_sentences,
                  mentions.analyse, temporal.tense, temporal.tells_past, temporal.is_future, mentions.ordinal_value,
                  mentions.number_value, lambda word: "", lambda word: set())


def _russian() -> Reader:
    from .matcher import AlternativesMatcher
    from .russian import mentions, morph, sentences, temporal
    return Reader("ru", lambda: AlternativesMatcher(morph.keys, morph.tokenize), morph.normalise, morph.keys,
                  sentences.split_sentences, mentions.analyse, temporal.tense, temporal.tells_past, temporal.is_future,
                  mentions.ordinal_value, mentions.number_value, morph.part_of_speech, morph.cases)


_READERS = {"en": _english, "ru": _russian}


@lru_cache(maxsize=None)
def reader_for(language: str) -> Reader:
    """The reader of `language`; KeyError for a language without one (see language.READ)."""
    return _READERS[language]()
