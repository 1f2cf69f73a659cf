"""Review: events that need a human eye, a field editor with confirm/reject, each event's history,
rejected events and orphaned edits, and the store's backup."""
import streamlit as st

from app import corpus, review, safe, tables, ui

PIN_KEY = "_review_pin"  # review.Pin: the event as the analyst opened it (values and version)
RESTORE_NONCE = "_restore_nonce"  # a new uploader after a restore
CHECKED_KEY = "_restore_checked"  # (the upload's file_id, review.check_backup's answer)
BACKUP_MB = 20  # the restore uploader's limit; the server's maxUploadSize (.streamlit/config.toml) is its ceiling

view = ui.view(raw=False)  # corrections are made to the curated table, whatever the switch says
st.title("Review and correction")
st.caption("Events that need a human eye: inferred rows, missing or year-only dates, values the sources "
           "disagree on, and extractions too thin to trust. Correct any field, confirm or reject the event; "
           "every change is kept with who made it, when, and the value it replaced.")
if st.session_state.get(ui.RAW_KEY):
    st.caption("The “Show raw extraction” switch does not apply here: corrections are made to the curated table.")
ui.show_flash()
reader = corpus.open_engine()[0] if view.corpus.store.available else None


def act(result: review.Result) -> None:
    if not result.done:  # e.g. a value of the wrong form: keep the analyst's edits so they can fix it
        getattr(st, result.kind)(safe.md(result.message))
        return
    ui.flash(result.kind, result.message)
    st.session_state.pop(PIN_KEY, None)  # reload: the next run pins the event afresh
    st.rerun()


queue = review.queue(view.events)
st.subheader(f"Needs review ({len(queue)})")
if queue.empty and view.filters.active:
    ui.empty_state("events needing review", view.filters)
elif queue.empty:
    st.info("No event needs review: every event is confirmed or has nothing to check.", icon=":material/task_alt:")
else:
    chosen_reasons = st.pills("Filter by reason", review.reason_options(queue), selection_mode="multi", key="reasons",
                              help="Show the events with any of these reasons (none chosen: all of them).")
    queue = review.with_reasons(queue, chosen_reasons)
    ui.table(review.queue_display(queue), key="queue")

st.subheader("Correct an event")
engine, who = ui.editor(view.corpus, "edit events", "Editing events")
pool = view.events if st.toggle("Pick from every event in view, not only the queue", key="any_event") else queue
rejected_rows = view.corpus.rejected_events
# The event on screen stays picked after a save, confirm or reject, even when that takes it out of the
# queue: a selection that moved by itself would make the next Confirm confirm another event.
current = st.session_state.get("event")
options = review.picker_ids(list(pool["event_id"]), current,
                            [*view.events["event_id"], *rejected_rows.get("event_id", [])])
if not options:
    st.info("No event to pick here.", icon=":material/search_off:")
else:
    shown = review.rows_of(options, view.events, rejected_rows)
    labels = review.picker_labels(shown)
    if current in options:
        st.session_state["event"] = current
    chosen = st.selectbox("Event", options, format_func=labels.get, key="event")
    is_rejected = chosen not in set(view.events["event_id"])
    row = shown[shown["event_id"] == chosen].iloc[0]
    name = review.short_name(row)
if options and is_rejected:
    st.caption(f"Evidence: {safe.md(row['evidence'])}")
    st.info(f"“{safe.md(name)}” is rejected: it is left out of every table and chart.", icon=":material/block:")
    if who and st.button(f"Put back “{safe.md(name)}”", key="unreject_chosen"):
        act(review.set_status(engine, chosen, "unreviewed", view.corpus.version(chosen), who, name))
elif options:
    pinned = st.session_state.get(PIN_KEY)
    # Read afresh for another event, or when the editor was not on screen in the last run (the
    # analyst was on another page: Streamlit has dropped its unsaved cells anyway).
    if pinned is None or pinned.event_id != chosen or pinned.editor_key not in st.session_state:
        pinned = st.session_state[PIN_KEY] = review.pin(view.corpus, chosen)
    st.caption(f"Evidence: {safe.md(row['evidence'])}  \nSources: {safe.md('; '.join(row['sources']))} · "
               f"review: {safe.md(pinned.review_status)} · id {safe.md(chosen)}")
    status = st.columns([1, 2])[0].selectbox(
        review.STATUS_LABEL, review.STATUS_CHOICES, key=pinned.status_key, disabled=not who,
        index=review.STATUS_CHOICES.index(pinned.status) if pinned.status else None, help=pinned.status_help())
    edited = st.data_editor(
        pinned.frame, key=pinned.editor_key, hide_index=True, height=35 * (len(pinned.frame) + 1) + 3,
        disabled=True if not who else ["Field", "Extracted", "Edited"],
        column_config={"Extracted": st.column_config.TextColumn(help="What the extractor read"),
                       "Value": st.column_config.TextColumn(help="Lists: names separated by ';'. Dates: YYYY, "
                                                            "YYYY-MM or YYYY-MM-DD. inferred: true or false."),
                       "Edited": st.column_config.CheckboxColumn(help="An analyst changed this field")})
    if who:
        pending = review.changes(pinned, edited, status)
        buttons = st.container(horizontal=True)
        if buttons.button(f"Save changes to “{safe.md(name)}”", key="save", type="primary", disabled=not pending):
            act(review.save(engine, pinned, edited, who, status))
        back = pinned.review_status == "confirmed"
        if buttons.button(f"Mark “{safe.md(name)}” unreviewed" if back else f"Confirm “{safe.md(name)}”", key="confirm",
                          disabled=bool(pending)):
            act(review.set_status(engine, chosen, "unreviewed" if back else "confirmed", pinned.version, who, name))
        if buttons.button(f"Reject “{safe.md(name)}”", key="reject", disabled=bool(pending)):
            act(review.set_status(engine, chosen, "rejected", pinned.version, who, name))
        if buttons.button("Reload", key="reload", help="Discard unsaved changes and show the event as stored now"):
            act(review.Result("info", "Reloaded.", True))
        if pending:
            st.caption(f"Unsaved: {safe.md(pinned.labels(pending))}. Save or reload before confirming or rejecting.")
if options:
    history, problem = review.history(reader, chosen)
    if problem:
        st.caption(safe.md(problem))
    if history is not None:
        st.markdown(f"**History of this event** ({len(history)} change(s))")
        if history.empty:
            st.caption("Nobody has changed this event.")
        else:
            ui.table(review.history_display(history, str(row["event_type"])), key="history")

known = view.corpus.store.available  # else there is nothing to count: say so rather than "0"
UNKNOWN = "Not known while the events store cannot be reached."
st.subheader(f"Rejected events ({len(view.corpus.rejected_events)})" if known else "Rejected events")
st.caption("Rejected events are left out of every table and chart but kept; put one back to restore it.")
if view.corpus.rejected_events.empty:
    st.caption("None." if known else UNKNOWN)
else:
    ui.table(review.rejected_display(view.corpus.rejected_events), key="rejected")
    if who:
        rejected = {r["event_id"]: tables.event_label(r) for r in view.corpus.rejected_events.to_dict("records")}
        pick, put_back = st.columns([3, 1], vertical_alignment="bottom")
        back_id = pick.selectbox("Rejected event", list(rejected), format_func=rejected.get, key="rejected_event")
        if put_back.button("Put back", key="unreject"):
            act(review.set_status(engine, back_id, "unreviewed", view.corpus.version(back_id), who))

st.subheader(f"Orphaned edits ({len(view.corpus.orphan_edits)})" if known else "Orphaned edits")
st.caption("Edits whose event the extractor no longer yields (an article or a lexicon changed, or a backup from "
           "another corpus was restored). They are kept and listed here, never applied to another event.")
if view.corpus.orphan_edits.empty:
    st.caption("None." if known else UNKNOWN)
else:
    ui.table(review.orphans_display(view.corpus.orphan_edits), key="orphans")

st.subheader("Backup and restore")
if reader is None:
    st.caption("Backups need the events store, which cannot be reached.")
else:
    st.download_button("Download a backup of the store",
                       lambda: review.backup_bytes(reader, view.corpus),
                       file_name=review.backup_name(), mime="application/gzip", icon=":material/download:",
                       on_click="ignore", help="Added articles, edits, review states and the curated events, in one gzip'd JSON file")
if who:
    nonce = st.session_state.setdefault(RESTORE_NONCE, 0)
    upload = st.file_uploader("Restore from a backup file", type=["gz", "json"], max_upload_size=BACKUP_MB,
                              key=f"restore-{nonce}", help="A file downloaded above. It replaces the store.")
    if upload is not None:
        # Checked once per upload (a rerun with the file still in the uploader reuses the answer), as
        # a stream: never the whole file decompressed in memory.
        checked = st.session_state.get(CHECKED_KEY)
        if checked is None or checked[0] != upload.file_id:
            checked = st.session_state[CHECKED_KEY] = (upload.file_id, review.check_backup(upload))
        summary, problem = checked[1]
        if problem:
            st.error(safe.md(problem), icon=":material/error:")
        else:
            st.warning(review.restore_summary(summary, view.corpus), icon=":material/warning:")
            if st.button("Replace the store with this backup", key="restore", type="primary"):
                restored = review.restore(engine, upload)
                st.session_state[RESTORE_NONCE] = nonce + restored.done  # a new, empty uploader
                act(restored)
elif reader is not None:
    st.caption("Restoring a backup needs an editor's sign-in (see “Correct an event” above).")
