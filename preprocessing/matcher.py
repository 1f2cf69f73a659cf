"""One-pass phrase matching over tokens (in the manner of spaCy's PhraseMatcher).

Text and patterns are tokenised the same way: runs of letters and runs of
digits, lower-cased, punctuation dropped. So "MI-35", "Mi 35" and "Mi35" all
become ("mi", "35") and match the same entry; every match keeps its span.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W\d_]+|\d+")


class Token(NamedTuple):  # a tuple: tokens are made by the million
    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def pattern_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))


class Match(NamedTuple):
    start: int  # character offsets in the matched text
    end: int
    first_token: int  # token indices, end exclusive
    last_token: int
    payloads: tuple  # everything registered under this phrase


class PhraseMatcher:
    """Leftmost-longest matching of many phrases in a single pass."""

    def __init__(self, key=pattern_key) -> None:
        self._root: dict = {}
        self._key = key  # phrase → the norms its tokens must have (a language's normal forms)

    def keys(self, phrase: str) -> list[tuple[str, ...]]:
        """The token norms a phrase is registered under (one tuple here; a reading each for Russian)."""
        key = self._key(phrase)
        return [key] if key else []

    def add(self, phrase: str, payload) -> None:
        for key in self.keys(phrase):
            node = self._root
            for tok in key:
                node = node.setdefault(tok, {})
            bucket = node.setdefault(None, [])
            if payload not in bucket:
                bucket.append(payload)

    def __contains__(self, phrase: str) -> bool:
        node = self._root
        for tok in self._key(phrase):
            node = node.get(tok)
            if node is None:
                return False
        return None in node

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        tokens = tokenize(text) if tokens is None else tokens
        out, i, n = [], 0, len(tokens)
        while i < n:
            node, j, best = self._root, i, None
            while j < n:
                node = node.get(tokens[j].norm)
                if node is None:
                    break
                j += 1
                if None in node:
                    best = (j, node[None])
            if best is None:
                i += 1
                continue
            j, payloads = best
            out.append(Match(tokens[i].start, tokens[j - 1].end, i, j, tuple(payloads)))
            i = j
        return out


class AlternativesMatcher(PhraseMatcher):
    """For words with more than one reading ("прибыли" is the noun "прибыль" or the verb "прибыть";
    "Курском" the city or the adjective): a phrase is registered under every reading of its words,
    and a token (with `alts`) follows every path its readings open; the longest match wins."""

    def __init__(self, keys, tokenizer) -> None:
        super().__init__(lambda phrase: next(iter(keys(phrase)), ()))
        self._keys = keys  # phrase → every tuple of norms it may be read as
        self._tokenize = tokenizer  # text → tokens with `alts`

    def keys(self, phrase: str) -> list[tuple[str, ...]]:
        return self._keys(phrase)

    def find(self, text: str, tokens=None) -> list[Match]:
        tokens = self._tokenize(text) if tokens is None else tokens
        out, i, n = [], 0, len(tokens)
        root = self._root
        while i < n:
            frontier, j, best = [root], i, None
            while j < n and frontier:
                tok = tokens[j]
                frontier = [nxt for node in frontier for r in (tok.norm, *tok.alts) if (nxt := node.get(r)) is not None]
                j += 1
                done = [node[None] for node in frontier if None in node]
                if done:
                    best = (j, [p for bucket in done for p in bucket])
            if best is None:
                i += 1
                continue
            j, payloads = best
            out.append(Match(tokens[i].start, tokens[j - 1].end, i, j, tuple(dict.fromkeys(payloads))))
            i = j
        return out
