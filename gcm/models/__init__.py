"""Pure view models: what each page shows, built from the query layer without Streamlit."""
