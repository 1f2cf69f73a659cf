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

    def add(self, phrase: str, payload) -> None:
        key = self._key(phrase)
        if not key:
            return
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
    """For tokens with more than one reading (`alts`: "прибыли" is the noun "прибыль" or the verb
    "прибыть"): a phrase matches if each of its words is one of the token's readings."""

    def __init__(self, key, tokenizer) -> None:
        super().__init__(key)
        self._tokenize = tokenizer  # text → tokens with `alts`

    def find(self, text: str, tokens=None) -> list[Match]:
        tokens = self._tokenize(text) if tokens is None else tokens
        out, i, n = [], 0, len(tokens)
        while i < n:
            node, j, best = self._root, i, None
            while j < n:
                tok = tokens[j]
                nxt = node.get(tok.norm)
                if nxt is None:
                    nxt = next((node[a] for a in tok.alts if a in node), None)
                    if nxt is None:
                        break
                node = nxt
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
