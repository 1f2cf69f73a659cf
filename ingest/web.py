"""A fetched web page → the article it holds, read as an uploaded .html file is (no Streamlit).

preprocessing.html_reader does the reading (trafilatura: main text, title, site name, declared
date, canonical URL). What is particular to a page from the web: its name is its address, and it is
stored under its canonical URL when the page declares one, else the address it was fetched from
after redirects, so that the same article reached by two addresses is one article.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from urllib.parse import urlsplit

from preprocessing.articles import ReadResult
from preprocessing.html_reader import article_from_html

from .fetch import Fetched


def page_name(url: str) -> str:
    """A label for the page (the store makes its id from it): the address's last part, else its host."""
    parts = urlsplit(url)
    last = [p for p in parts.path.split("/") if p]
    return (last[-1] if last else parts.hostname or "page")[:80]


def article_from_page(page: Fetched, published: date | None = None) -> ReadResult:
    """The article in `page`; `published` is the date for a page that declares none. ArticleError
    (one line) for a page without article text."""
    result = article_from_html(page.body, page_name(page.url), published)
    if result.article.url:
        return result
    return ReadResult(dataclasses.replace(result.article, url=page.url), result.notes)
