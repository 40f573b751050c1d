"""The source whose rows need Python: Natural Earth polygons (simplified with shapely). Its module has
SOURCE (the folder name), TITLE, LICENCE, FILES (the files it reads) and `run(folder, ledger) ->
dict[str, DataFrame]` returning staged tables (etl/schema.py). Every other source is checked by the
SQL models in etl/transform (docs/etl.md)."""
