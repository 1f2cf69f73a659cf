"""Add articles: upload files, paste one, give web addresses or read news feeds; each new article's
events join the corpus at once."""
from datetime import date

import streamlit as st

from app import adding, corpus, safe, ui

ARTICLE_MB = 5  # per file, the reader's own limit (preprocessing.articles.MAX_BYTES)
REPORT_KEY = "_add_report"  # the last batch's Outcome, shown after the rerun that refreshes the sidebar
PASTE_RESET = "_add_paste_reset"
PASTE_KEYS = ("paste_title", "paste_source", "paste_url", "paste_date", "paste_text")
FEED_RESET = "_add_feed_reset"
WEB_RESET = "_add_web_reset"  # what the addresses box holds after a run: the addresses that failed
FEED_KEYS = ("feed_name", "feed_url")
DATES = {"min_value": date(1900, 1, 1), "max_value": date.today(), "value": None, "format": "YYYY-MM-DD"}

view = ui.view()
st.title("Add articles")
st.caption("Upload article files (.txt, .md or .html, up to 5 MB each), paste one, give web addresses or read "
           "news feeds. Each new article is read at once and its events merged with the corpus on every page. "
           "An article already in the corpus (the same URL, or the same text) is recognised and not stored twice.")

engine, who = ui.editor(view.corpus, "add articles", "Adding articles")


def add(reading: adding.Reading) -> None:
    try:
        with st.spinner("Storing the articles and reading their events…"):
            out = adding.add(engine, reading, who, ui.loaded_corpus(), corpus.load_corpus)
    except adding.StoreError as exc:
        st.error(f"Nothing was added: {safe.md(exc)}", icon=":material/error:")
        return
    st.session_state[PASTE_RESET] = bool(out.added) and reading.pasted
    report(out)


def report(out: adding.Outcome) -> None:
    st.session_state[REPORT_KEY] = out
    st.rerun()  # the router reloads the corpus: the sidebar, filters and every page see the new events


def progress_bar(where, start: str):
    """A progress bar in `where` and the (done, total, what now) callback that moves it."""
    bar = where.progress(0.0, text=start)

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(done / total, 1.0), text=safe.md(label))

    return progress


def fetch(where, run) -> adding.Outcome | None:
    """Run an adding of web pages (`run(progress)`) under a progress bar; None when the store failed."""
    try:
        return run(progress_bar(where, "Fetching…"))
    except adding.StoreError as exc:
        where.error(f"Nothing was added: {safe.md(exc)}", icon=":material/error:")
        return None


if (out := st.session_state.get(REPORT_KEY)) is not None:
    with st.container(border=True):
        (st.success if out.added else st.info)(out.summary())
        for article in out.added:
            meta = " · ".join(x for x in (article.source, article.published) if x)
            st.markdown(f"**{safe.md(article.title)}**" + (f" — {safe.md(meta)}" if meta else ""))
            for note in article.notes:  # a language the extractor does not read is worth more than a caption
                (st.warning if adding.unread_language(note) else st.caption)(safe.md(note))
            if article.events.empty:
                st.caption("No event was found in this article.")
            else:
                st.dataframe(article.events, hide_index=True)
        if out.skipped:
            st.warning(f"{len(out.skipped)} not added:\n\n" + "\n".join(
                f"- **{safe.md(s.label)}**: {safe.md(s.reason)}"
                + (f" (“{safe.md(s.existing)}”)" if s.existing else "") for s in out.skipped))
        if out.unreadable:
            st.error(f"{len(out.unreadable)} {out.unreadable_heading}:\n\n" + "\n".join(
                f"- **{safe.md(u.name)}**: {safe.md(u.reason)}" for u in out.unreadable))
        if out.feeds:
            (st.error if any(f.error for f in out.feeds) else st.info)("Feeds read:\n\n" + "\n".join(
                f"- **{safe.md(f.name)}**: {safe.md(f.summary())}" for f in out.feeds))
        st.button("Clear this report", key="clear_report", on_click=lambda: st.session_state.pop(REPORT_KEY))

if not who:
    st.stop()

upload_tab, paste_tab, web_tab, feeds_tab = st.tabs(["Upload files", "Paste text", "From web addresses",
                                                     "News feeds"])
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

if (kept := st.session_state.pop(WEB_RESET, None)) is not None:
    st.session_state["web_urls"] = kept  # set, not forgotten: see the paste form
with web_tab, st.form("web"):
    urls = st.text_area("Web addresses, one a line", key="web_urls", height=120,
                        placeholder="https://www.example.com/news/2025/03/joint-exercise-begins",
                        help="Each page is fetched and reduced to its article's text; an address already in the "
                             "corpus is not fetched again.")
    fetch_urls = st.form_submit_button("Fetch and add", type="primary", icon=":material/language:")
if fetch_urls and not urls.strip():
    web_tab.warning("Give one or more web addresses first.")
elif fetch_urls and (out := fetch(web_tab, lambda progress: adding.add_addresses(
        engine, urls, who, ui.loaded_corpus(), corpus.load_corpus, progress))) is not None:
    st.session_state[WEB_RESET] = "\n".join(out.retry)
    report(out)

if st.session_state.pop(FEED_RESET, False):  # a saved feed empties the form; a refused one keeps it
    for key in FEED_KEYS:
        st.session_state[key] = ""
with feeds_tab:
    st.caption("Save the RSS or Atom feeds you follow. “Fetch now” reads every saved feed and adds the new "
               "articles they link to (a scheduled `python -m store add --saved-feeds` does the same).")
    with st.form("feed"):
        left, right = st.columns([1, 2])
        feed_name = left.text_input("Name", key="feed_name", placeholder="e.g. Defence ministry news")
        feed_url = right.text_input("Feed address", key="feed_url", placeholder="https://…/rss")
        save = st.form_submit_button("Save the feed", icon=":material/rss_feed:")
    if save:
        try:
            problem = adding.save_feed(engine, feed_name, feed_url, who)
        except adding.StoreError as exc:
            problem = str(exc)
        if problem:
            st.error(f"Not saved: {safe.md(problem)}", icon=":material/error:")
        else:
            st.session_state[FEED_RESET] = True
            st.rerun()
    try:
        saved, ids = adding.feeds_table(engine)
    except adding.StoreError as exc:
        st.error(f"The saved feeds cannot be read: {safe.md(exc)}", icon=":material/error:")
        saved, ids = None, {}
    if saved is not None and saved.empty:
        st.info("No feed is saved yet.", icon=":material/rss_feed:")
    elif saved is not None:
        st.dataframe(saved, hide_index=True, column_config={  # the result is the one long column: room for it
            "Name": st.column_config.TextColumn(width="small"), "Last result": st.column_config.TextColumn(width="large")})
        if st.button("Fetch now", key="fetch_feeds", type="primary", icon=":material/sync:") and (out := fetch(
                feeds_tab, lambda progress: adding.fetch_feeds(engine, who, ui.loaded_corpus(), corpus.load_corpus,
                                                               progress))) is not None:
            report(out)
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        doomed = left.selectbox("Feed to delete", list(ids), index=None, key="feed_delete",
                                placeholder="Choose a feed")
        if right.button("Delete the feed", key="delete_feed", disabled=doomed is None, icon=":material/delete:"):
            try:
                adding.delete_feed(engine, ids[doomed])
            except adding.StoreError as exc:
                st.error(f"Not deleted: {safe.md(exc)}", icon=":material/error:")
            else:
                st.rerun()
