"""Many articles' events: kept results where there are any, the rest extracted, in worker processes
when there are many (issue 10). The result is the same list, in the same order, whatever the number
of jobs and whatever was kept: each article is read on its own, and the corpus merge comes after.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .cache import MemoryCache, ResultCache, decode_found, dump_events, extractor_version, keys_of, load_events
from .lexicon import Lexicon
from .model import Article
from .resolve import Event

Progress = Callable[[int, int], None]  # (articles done, articles to extract)
MIN_PARALLEL = 24  # fewer articles than this are extracted at once in this process: a worker costs ~0.3 s
_worker_lex: Lexicon | None = None


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _start_method() -> str:
    """fork in a single-threaded process such as the command (a worker starts at once, sharing the
    lexicon); spawn in a server, whose other threads could hold locks a forked child never gets back."""
    if threading.active_count() == 1 and sys.platform.startswith("linux"):  # macOS' system libraries dislike fork
        return "fork"
    return "spawn"


def _start_worker(lex: Lexicon) -> None:
    global _worker_lex
    _worker_lex = lex


def _extract_chunk(articles: list[Article]) -> list[str]:
    from .pipeline import article_events
    with quiet_gc():
        return [dump_events(article_events(a, _worker_lex)) for a in articles]


@contextmanager
def quiet_gc():
    """The cyclic garbage collector off for an allocation-heavy phase (extracting, merging): it would
    walk every event already made, again and again, for cycles they do not form (a third of a merge's
    time); on again when the phase ends."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_each(articles: list[Article], lex: Lexicon, jobs: int = 1,
                 progress: Progress | None = None) -> list[list[Event]]:
    """Each article's events, extracted afresh; `jobs` > 1 uses that many worker processes."""
    from .pipeline import article_events
    jobs = max(1, min(jobs, len(articles)))
    if jobs == 1 or len(articles) < MIN_PARALLEL:
        out = []
        for i, a in enumerate(articles):
            out.append(article_events(a, lex))
            if progress and (i % 20 == 19 or i + 1 == len(articles)):
                progress(i + 1, len(articles))
        return out
    # Small chunks keep every process busy to the end. This process works too, on chunks taken from
    # the end of the queue while no worker has started them: `jobs` processes in all, none idle.
    chunks = _chunks(articles, max(1, min(32, len(articles) // (jobs * 8))))
    done = 0
    ctx = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx, initializer=_start_worker,
                             initargs=(lex,)) as pool:
        futures = [pool.submit(_extract_chunk, c) for c in chunks]
        mine: dict[int, list[list[Event]]] = {}
        for i in range(len(chunks) - 1, -1, -1):
            if not futures[i].cancel():
                break  # a worker has it, and every chunk before it
            mine[i] = [article_events(a, lex) for a in chunks[i]]
            done += len(chunks[i])
            if progress:
                progress(done, len(articles))
        out: list[list[Event]] = []
        for i, future in enumerate(futures):
            if i not in mine:
                out += [load_events(p) for p in future.result()]
                done += len(chunks[i])
                if progress:
                    progress(done, len(articles))
            else:
                out += mine[i]
    return out


def events_by_article(articles: list[Article], lex: Lexicon, *, cache: ResultCache | None = None,
                      memory: MemoryCache | None = None, jobs: int = 1, progress: Progress | None = None,
                      keys: list[str] | None = None) -> list[list[Event]]:
    """Every article's events, in the articles' order: from `memory`, then `cache`, else extracted
    (and then kept in both). Without a lexicon version nothing is kept or looked up. `keys`: the
    articles' keys (preprocessing.cache.keys_of), when the caller has them already."""
    version = extractor_version(lex.version)
    if not version or (cache is None and memory is None):
        return extract_each(articles, lex, jobs, progress)
    keys = keys if keys is not None else keys_of(articles, version)
    found: dict[str, list[Event]] = {}
    if memory is not None:
        found = {k: ev for k in dict.fromkeys(keys) if (ev := memory.get(k)) is not None}
    if cache is not None:
        wanted = [k for k in dict.fromkeys(keys) if k not in found]
        found.update(decode_found(cache.get_many(wanted)))
    missing = {k: a for k, a in zip(keys, articles) if k not in found}
    fresh = extract_each(list(missing.values()), lex, jobs, progress)
    new = dict(zip(missing, fresh))
    if cache is not None and new:
        cache.put_many({k: dump_events(ev) for k, ev in new.items()}, version)
    found.update(new)
    if memory is not None:
        for k in keys:
            memory.put(k, found[k])
    return [found[k] for k in keys]
