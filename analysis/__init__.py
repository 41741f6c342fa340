"""Analysis: pure pandas functions, DataFrames in and out, no I/O and no Streamlit."""
