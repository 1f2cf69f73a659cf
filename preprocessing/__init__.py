"""Turn news articles about defence cooperation into the events table (no Streamlit here)."""
from .pipeline import Extraction, extract_articles, extract_files
from .schema import COLUMNS

__all__ = ["COLUMNS", "Extraction", "extract_articles", "extract_files"]
