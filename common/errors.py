"""The one error of a bad input file or reference file: a line naming the file and what is wrong."""
from __future__ import annotations


class EtlError(Exception):
    """A fatal input problem, reported as one line naming the file and the column or line."""

    def __init__(self, path: object, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message
