"""The warehouse contract's version: the ETL writes it into etl_runs, the app refuses any other."""
SCHEMA_VERSION = 4  # 3: practice_translations, dim_source_categories, source_xx and licence_xx in dim_indicators;
#                     4: dim_indicators.is_count
