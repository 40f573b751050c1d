"""ETL for the GCM Dashboard: raw public sources -> validated DuckDB warehouse."""
