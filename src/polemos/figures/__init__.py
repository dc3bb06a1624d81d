"""The ``figures`` stage: how many were killed, wounded, displaced, detained or deployed."""

from polemos.figures.amounts import Amount, find_amounts
from polemos.figures.cues import CueLexicon
from polemos.figures.extractor import FigureExtractor

__all__ = ["FigureExtractor", "CueLexicon", "Amount", "find_amounts"]
