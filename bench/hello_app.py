"""The benchmark's yardstick: the smallest Streamlit page with one plotly chart (bench/bench_pages.py)."""
import plotly.graph_objects as go
import streamlit as st

st.title("Hello")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))
