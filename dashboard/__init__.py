"""The Streamlit side: cached loaders, shared page layout, URL state and exports. Pages import from here."""
