"""The store's `extractions` table as a result cache (preprocessing.cache): what the extractor read
from each stored article, so that a restart or a new article does not extract every article again.

Best effort in both directions: a store that cannot be read or written here costs only the time of
extracting again, never a page.
"""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from .db import read, utcnow, write
from .errors import StoreError
from .tables import extractions

_CHUNK = 500  # keys per SELECT: SQLite's bound on parameters is far above, and so is PostgreSQL's


class StoreCache:
    def __init__(self, engine: Engine):
        self.engine = engine

    def get_many(self, keys: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            with read(self.engine) as conn:
                for i in range(0, len(keys), _CHUNK):
                    rows = conn.execute(select(extractions.c.key, extractions.c.payload)
                                        .where(extractions.c.key.in_(keys[i:i + _CHUNK])))
                    found.update((r.key, r.payload) for r in rows)
        except (StoreError, SQLAlchemyError):
            pass
        return found

    def put_many(self, results: Mapping[str, str], version: str) -> None:
        if not results:
            return
        try:
            with write(self.engine) as conn:
                # another version's results can never be read again (a deploy changed the extractor)
                conn.execute(delete(extractions).where(extractions.c.version != version))
                keys = list(results)
                have = set()
                for i in range(0, len(keys), _CHUNK):
                    have.update(conn.execute(select(extractions.c.key)
                                             .where(extractions.c.key.in_(keys[i:i + _CHUNK]))).scalars())
                now = utcnow()
                rows = [{"key": k, "version": version, "payload": p, "created_at": now}
                        for k, p in results.items() if k not in have]
                if rows:
                    conn.execute(insert(extractions), rows)
        except (StoreError, SQLAlchemyError):
            pass  # e.g. another session kept the same result first: ours is not needed
