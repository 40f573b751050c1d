"""View models: everything a page shows, built by pure functions from the filters (no Streamlit calls)."""
