"""The events store: the articles analysts add, their edits and review states (no Streamlit here).

    engine = store.open_store(store.resolve_url(st.secrets, os.environ))
    report = store.add_articles(engine, [store.ArticleInput(text, title=..., url=...)], author, bundled)
    articles = bundled + store.list_articles(engine)          # extract them together
    curated = store.curate(extraction.events, store.history(engine), store.load_state(engine))
"""
from .articles import (AddReport, ArticleInput, Skipped, add_articles, count_articles, list_articles,
                       text_sha256, url_key)
from .backup import FORMAT, RestoreReport, export_store, parse_backup, restore_store
from .curate import Curated, curate, review_queue, review_reasons
from .db import (DEFAULT_URL, SCHEMA_VERSION, connect, init_schema, open_store, resolve_url, safe_url,
                 stored_version)
from .edits import EDITABLE_FIELDS, State, get_state, history, load_state, normalise_value, save_edit, set_status
from .errors import BackupError, EditConflict, EditError, StoreError, StoreUnavailable
from .feeds import Feed, FeedError, delete_feed, list_feeds, mark_read, save_feed

__all__ = [
    "DEFAULT_URL", "EDITABLE_FIELDS", "FORMAT", "SCHEMA_VERSION",
    "AddReport", "ArticleInput", "BackupError", "Curated", "EditConflict", "EditError", "Feed", "FeedError",
    "RestoreReport", "Skipped", "State", "StoreError", "StoreUnavailable",
    "add_articles", "connect", "count_articles", "curate", "delete_feed", "export_store", "get_state", "history",
    "init_schema", "list_articles", "list_feeds", "load_state", "mark_read", "normalise_value", "open_store",
    "parse_backup", "resolve_url", "restore_store", "review_queue", "review_reasons", "safe_url", "save_edit",
    "save_feed", "set_status", "stored_version", "text_sha256", "url_key",
]
