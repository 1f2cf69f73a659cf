"""The dashboard's logic, kept apart from Streamlit so it can be tested with plain pytest.

Only `corpus` touches the extractor and only `ui` touches Streamlit widgets;
everything else takes and returns pandas / plotly objects.
"""
