"""Sources: read an article with every evidence sentence highlighted and tagged by its event."""
import streamlit as st

from app import highlight, safe, tables, ui

view = ui.view()
st.title("Sources")

names = {name: doc_id for name, doc_id in view.corpus.article_names().items()
         if not view.filters.sources or view.corpus.article(doc_id).label in view.filters.sources}
if not names:
    ui.empty_state("articles", view.filters)
    st.stop()

ui.choice_notice("article", names, "article")
chosen = st.selectbox("Article", list(names), key="article", bind="query-params")
article = view.corpus.article(names[chosen])

st.subheader(safe.md(article.label))
meta = [x for x in (article.source, article.published and article.published.isoformat(),
                     view.corpus.language_name(article), article.doc_id) if x]
st.caption(safe.md(" · ".join(meta)))
if url := safe.url(article.url):  # the article's own address is the one link
    st.link_button("Open the original", url, icon=":material/open_in_new:")

mine = tables.article_events(view.events, view.corpus.spans, article.doc_id, article.label)
every = tables.article_events(view.corpus.events, view.corpus.spans, article.doc_id, article.label)
if hidden := len(every) - len(mine):
    st.caption(f"{hidden} event(s) from this article are hidden by the filters.")

spans = highlight.spans_for(mine, view.corpus.spans, article.doc_id)
st.html(highlight.highlight(article.text, spans))

st.subheader(f"Events read from this article ({len(mine)})")
if mine.empty:
    ui.empty_state("events from this article", view.filters)
else:
    ui.table(tables.article_events_display(mine), key="article_events")
