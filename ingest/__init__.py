"""Articles from the web: pages and news feeds fetched safely, read, and added to the store like
uploads (no Streamlit here; the Add-articles page and `python -m store add` share it).

    fetch.py   one address → its bytes, within limits, public addresses only
    web.py     a fetched page → an article (preprocessing.html_reader)
    feeds.py   a fetched feed → its entries (feedparser)
    run.py     addresses and feeds → the store, with a report of one line per article
"""
