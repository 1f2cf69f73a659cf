"""The chronology's download buttons (app/chronology.py writes the files)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from . import chronology
from . import filters as flt

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chronology_downloads(events: pd.DataFrame, articles: Sequence, stem: str = "defence-chronology", *,
                         filters: flt.Filters | None = None, raw: bool = False,
                         title: str = chronology.DEFAULT_TITLE, row=None) -> None:
    """"Chronology (Markdown)" and "Chronology (Word)" for the events in view, saying which filters and
    table produced them. The files are made on the click, not on every rerun."""
    note = chronology.provenance(filters.describe() if filters else (), raw, len(articles))
    row = row if row is not None else st.container(horizontal=True)
    row.download_button("Chronology (Markdown)",
                        lambda: chronology.chronology_markdown(events, articles, title, note=note).encode("utf-8"),
                        file_name=f"{stem}.md", mime="text/markdown", icon=":material/download:",
                        on_click="ignore", help="One line per event in date order, with its evidence "
                                                "quoted and its sources as footnotes")
    row.download_button("Chronology (Word)", lambda: chronology.chronology_docx(events, articles, title, note=note),
                        file_name=f"{stem}.docx", mime=DOCX_MIME, icon=":material/download:",
                        on_click="ignore", help="The same chronology as a Word document, with a numbered "
                                                "list of sources")
