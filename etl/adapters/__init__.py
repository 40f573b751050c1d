"""One adapter per folder of ../shared/data-sources (plus the practices fact sheet).

Each adapter module has SOURCE (the folder name), TITLE, LICENCE, FILES (the files it reads)
and `run(folder, ledger) -> dict[str, DataFrame]` returning staged tables (etl/schema.py).
"""
from __future__ import annotations

from importlib import import_module

ADAPTER_MODULES = [
    "missing_migrants",
    "natural_earth_boundaries",
    "unodc_glotip",
    "un_treaty_ratification",
    "undesa_migrant_stock",
    "unhcr_displacement",
    "world_bank_wdi",
]


def adapters():
    """The adapter modules, in build order."""
    return [import_module(f"etl.adapters.{name}") for name in ADAPTER_MODULES]
