"""Code shared by the ETL and the dashboard pages: paths, warehouse access, queries."""
