"""Articles → events table: the one entry point the CLI and the dashboard share."""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date

from .articles import ArticleError, read_article
from .batch import Progress, events_by_article, quiet_gc
from .cache import MemoryCache, ResultCache
from .frames import sentence_frames
from .lexicon import Lexicon, default_lexicon
from .language import READ, language_of
from .mentions import link_people, resolve_anchored
from .merge import merge_events
from .model import Article
from .resolve import Event, resolve
from .readers import reader_for
from .schema import event_id


@dataclass
class Extraction:
    records: list[dict]  # one dict per event, the contract's columns
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that could not be read, one line each
    notes: list[str] = field(default_factory=list)  # remarks on files that were read
    span_records: list[dict] = field(default_factory=list)  # event_id, doc_id, start, end of evidence
    kept: bool = False  # read whole from a kept table (preprocessing.cache), no article's events decoded

    @cached_property
    def events(self):
        """The events table as a typed DataFrame (pandas is imported only when asked for)."""
        from .table import to_frame
        return to_frame(self.records)

    @cached_property
    def spans(self):
        import pandas as pd
        return pd.DataFrame(self.span_records, columns=["event_id", "doc_id", "start", "end"]).astype(
            {"event_id": "str", "doc_id": "str", "start": "int64", "end": "int64"})


def article_events(article: Article, lex: Lexicon) -> list[Event]:
    language = language_of(article)
    if language not in READ:
        return []  # said when the file was read (preprocessing.articles)
    reader = reader_for(language)
    lex = lex.for_language(language)
    analysed = [reader.analyse(s, lex, article.published) for s in reader.split_sentences(article)]
    link_people(analysed)
    resolve_anchored(analysed)
    _one_spelling(analysed)
    frames, countries, named, recent, subject = [], Counter(), [], [], ""
    # the kind of goods the lexicon does not list, from the noun they were named with
    unlisted = {m.canonical: m.attr("category") for sm in analysed for m in sm.entities
                if m.kind == "equipment" and m.attr("category")}
    for sm in analysed:
        here = [m.canonical for m in sorted(sm.entities, key=lambda m: m.start) if m.kind == "country"]
        # "the Pakistan Navy" speaks of Pakistan too: it counts toward what the article is about
        countries.update(here + [lex.named_for[m.canonical] for m in sm.entities
                                 if m.kind == "organization" and m.canonical in lex.named_for])
        recent = [c for c in recent if c not in here] + list(dict.fromkeys(here))
        for f in sentence_frames(sm, lex):
            if f.needs_equipment:
                f.context_equipment = _antecedent(named, f.anaphor_category, lex, unlisted)
            if f.needs_pair:  # "the two countries": the last two the text named
                f.local_pair = recent[-2:][::-1]
            if f.pronoun_subject and subject and subject != f.actor1:
                f.actor2 = subject  # "Thailand is a big buyer. It ordered VT-4 tanks in 2016"
                f.countries = [c for c in (f.actor1, f.actor2) if c]
                f.needs_pair = not f.actor1
            frames.append(f)
        subject = here[0] if here else subject
        carriers = sm.cue("carrier")
        named += [m.canonical for m in sm.entities if m.kind == "equipment"
                  and not any(0 <= c.start - m.end <= 25 or (sm.language != "en" and 0 <= m.start - c.end <= 25)
                              for c in carriers)]
    return resolve(article, frames, lex, countries, unlisted)


def _one_spelling(analysed) -> None:
    """"NASEEM AL BAHR-XIII" and later "NASEEM AL BAHAR-XIII": a series the lexicon does not list,
    spelt two ways in one article, is one series, under the spelling met first."""
    seen: list[str] = []
    for sm in analysed:
        for i, m in enumerate(sm.entities):
            if m.kind != "series" or m.attr("flag") != "unlisted":
                continue
            same = next((s for s in seen if s != m.canonical and min(len(s), len(m.canonical)) >= 6 and
                         difflib.SequenceMatcher(None, s.lower(), m.canonical.lower()).ratio() >= 0.9), None)
            if same is not None:
                sm.entities[i] = replace(m, canonical=same)
            elif m.canonical not in seen:
                seen.append(m.canonical)


def _antecedent(named: list[str], category: str, lex: Lexicon, unlisted: dict[str, str]) -> str:
    """What "the jets" or "the system" stand for: the last equipment named of that category
    (any category for a plain noun such as "the batch")."""
    for name in reversed(named):
        if lex.fits(name, category, unlisted):
            return name
    return ""


def _ids(events: list[Event]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for ev in events:
        basis = ev.name if ev.event_type == "exercise" and ev.name else ev.sentences[0].text
        key = event_id(ev.event_type, ev.subtype if ev.event_type != "exercise" else "", basis,
                       ev.name if ev.event_type != "exercise" else "")
        seen[key] += 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


def _sort_key(ev: Event):
    return (ev.date_start == "", ev.date_start, ev.event_type, ev.name)


def build_records(events: list[Event]) -> tuple[list[dict], list[dict]]:
    events = sorted(events, key=_sort_key)
    records, spans = [], []
    for eid, ev in zip(_ids(events), events):
        records.append({
            "event_id": eid, "event_type": ev.event_type, "subtype": ev.subtype, "name": ev.name,
            "date_start": ev.date_start, "date_end": ev.date_end,
            "date_precision": ev.date_precision if ev.date_start else "", "date_text": ev.date_text,
            "countries": ev.countries, "actor1": ev.actor1, "actor2": ev.actor2, "people": ev.people,
            "organizations": ev.organizations, "location": ev.location, "quantity": ev.quantity,
            "quantity_unit": ev.quantity_unit if ev.quantity is not None else "",
            "equipment": ev.equipment, "inferred": ev.inferred, "status": ev.status, "sources": ev.sources,
            "source_count": len(ev.sources), "attributed_to": ev.attributed_to,
            "evidence": ev.evidence, "conflicts": "; ".join(ev.conflicts),
        })
        for s in dict.fromkeys(ev.sentences):
            spans.append({"event_id": eid, "doc_id": s.doc_id, "start": s.start, "end": s.end})
    return records, spans


def extract_articles(articles: list[Article], lex: Lexicon | None = None, *, jobs: int = 1,
                     cache: ResultCache | None = None, memory: MemoryCache | None = None,
                     progress: Progress | None = None) -> Extraction:
    """The events table of `articles`: each read on its own (kept results reused, see
    preprocessing.cache; `jobs` worker processes for the rest), then merged in one step."""
    lex = lex or default_lexicon()
    with quiet_gc():
        per_article = events_by_article(list(articles), lex, cache=cache, memory=memory, jobs=jobs,
                                        progress=progress)
        return merged(per_article, articles)


def merged(per_article: list[list[Event]], articles) -> Extraction:
    """One merge of every article's events: the table is the same however they were obtained."""
    records, spans = build_records(merge_events(per_article))
    return Extraction(records, list(articles), span_records=spans)


def extract_files(paths, published: date | None = None, lex: Lexicon | None = None, *,
                  jobs: int = 1) -> Extraction:
    """Read and extract every file; unreadable ones are reported, never raised."""
    articles, problems, notes = [], [], []
    for path in paths:
        try:
            result = read_article(path, published)
        except ArticleError as exc:
            problems.append(f"{path}: {exc}")
            continue
        articles.append(result.article)
        notes += [f"{path}: {n}" for n in result.notes]
    out = extract_articles(articles, lex, jobs=jobs)
    out.problems, out.notes = problems, notes
    return out
