"""Add articles: upload files or paste one; each new article's events join the corpus at once."""
from datetime import date

import streamlit as st

from app import adding, corpus, safe, ui

ARTICLE_MB = 5  # per file, the reader's own limit (preprocessing.articles.MAX_BYTES)
REPORT_KEY = "_add_report"  # the last batch's Outcome, shown after the rerun that refreshes the sidebar
PASTE_RESET = "_add_paste_reset"
PASTE_KEYS = ("paste_title", "paste_source", "paste_url", "paste_date", "paste_text")
DATES = {"min_value": date(1900, 1, 1), "max_value": date.today(), "value": None, "format": "YYYY-MM-DD"}

view = ui.view()
st.title("Add articles")
st.caption("Upload article files (.txt, .md or .html, up to 5 MB each) or paste one. Each new article is "
           "read at once and its events merged with the corpus on every page. An article already in the "
           "corpus (the same URL, or the same text) is recognised and not stored twice.")

engine, who = ui.editor(view.corpus, "add articles", "Adding articles")


def add(reading: adding.Reading) -> None:
    try:
        with st.spinner("Storing the articles and reading their events…"):
            out = adding.add(engine, reading, who, ui.loaded_corpus(), corpus.load_corpus)
    except adding.StoreError as exc:
        st.error(f"Nothing was added: {safe.md(exc)}", icon=":material/error:")
        return
    st.session_state[REPORT_KEY] = out
    st.session_state[PASTE_RESET] = bool(out.added) and reading.pasted
    st.rerun()  # the router reloads the corpus: the sidebar, filters and every page see the new events


if (out := st.session_state.get(REPORT_KEY)) is not None:
    with st.container(border=True):
        (st.success if out.added else st.info)(out.summary())
        for article in out.added:
            meta = " · ".join(x for x in (article.source, article.published) if x)
            st.markdown(f"**{safe.md(article.title)}**" + (f" — {safe.md(meta)}" if meta else ""))
            for note in article.notes:
                st.caption(safe.md(note))
            if article.events.empty:
                st.caption("No event was found in this article.")
            else:
                st.dataframe(article.events, hide_index=True)
        if out.skipped:
            st.warning(f"{len(out.skipped)} not added:\n\n" + "\n".join(
                f"- **{safe.md(s.label)}**: {safe.md(s.reason)}"
                + (f" (“{safe.md(s.existing)}”)" if s.existing else "") for s in out.skipped))
        if out.unreadable:
            st.error(f"{len(out.unreadable)} file(s) could not be read:\n\n" + "\n".join(
                f"- **{safe.md(u.name)}**: {safe.md(u.reason)}" for u in out.unreadable))
        st.button("Clear this report", key="clear_report", on_click=lambda: st.session_state.pop(REPORT_KEY))

if not who:
    st.stop()

upload_tab, paste_tab = st.tabs(["Upload files", "Paste text"])
with upload_tab, st.form("upload", clear_on_submit=True):
    files = st.file_uploader("Article files", type=list(adding.UPLOAD_TYPES), accept_multiple_files=True,
                             max_upload_size=ARTICLE_MB, key="upload_files",
                             help="HTML pages are reduced to the article's text; scripts, menus and comments are dropped.")
    published = st.date_input("Publication date, for files that give none (optional)", key="upload_date",
                              help="Relative dates such as “on Sunday” are read against it.", **DATES)
    upload = st.form_submit_button("Add the files", type="primary", icon=":material/upload_file:")
if upload and not files:
    upload_tab.warning("Choose one or more files first.")
elif upload:
    bar = upload_tab.progress(0.0, text="Reading the files…")

    def progress(done: int, total: int, name: str) -> None:
        bar.progress(done / total, text=f"Reading file {done + 1} of {total}: {safe.md(name)}" if name
                     else f"Read {total} file(s)")

    add(adding.read_files([(f.name, f.getvalue()) for f in files], published, progress))

if st.session_state.pop(PASTE_RESET, False):  # an added paste empties the form; a refused one keeps it
    # set, not forgotten: a browser keeps a widget's value unless the server sets it
    for key in PASTE_KEYS:
        st.session_state[key] = None if key == "paste_date" else ""
with paste_tab, st.form("paste"):
    title = st.text_input("Title", key="paste_title")
    left, right = st.columns(2)
    source = left.text_input("Source", key="paste_source", placeholder="e.g. Dawn")
    url = right.text_input("URL", key="paste_url", placeholder="https://…")
    pasted_on = st.date_input("Publication date (optional)", key="paste_date",
                              help="Relative dates such as “on Sunday” are read against it.", **DATES)
    text = st.text_area("Article text", key="paste_text", height=220)
    paste = st.form_submit_button("Add the article", type="primary", icon=":material/note_add:")
if paste:
    add(adding.read_paste(text, title=title, source=source, url=url, published=pasted_on))
