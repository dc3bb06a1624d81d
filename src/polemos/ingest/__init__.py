"""Ingest: read articles from files, directories, JSON Lines and standard input."""

from polemos.ingest.raw import InputError, RawDocument
from polemos.ingest.readers import ReadOptions, iter_inputs

__all__ = ["InputError", "RawDocument", "ReadOptions", "iter_inputs"]
