"""The dashboard's logic, kept apart from Streamlit so it can be tested with plain pytest.

Only `corpus` calls the extractor and opens the events store for the pages; only `ui` and
`auth` draw Streamlit widgets. `adding` and `review` carry the Add-articles and Review pages'
logic (store writes included); everything else takes and returns pandas / plotly objects.
"""
