"""One adapter per folder of ../shared/data-sources (plus the practices fact sheet).

Each adapter module has SOURCE (the folder name), TITLE, LICENCE, FILES (the files it reads)
and `run(folder, ledger) -> dict[str, DataFrame]` returning staged tables (etl/schema.py).
"""
from __future__ import annotations

from importlib import import_module

ADAPTER_MODULES = [
    "natural_earth_boundaries",
]


def adapters():
    """The adapter modules, in build order."""
    return [import_module(f"etl.adapters.{name}") for name in ADAPTER_MODULES]
