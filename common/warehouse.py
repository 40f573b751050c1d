"""The warehouse contract's version: the ETL writes it into etl_runs, the app refuses any other."""
SCHEMA_VERSION = 2
