"""The ``figures`` stage: how many were killed, wounded, displaced, detained or deployed."""

from polemos.figures.amounts import Amount, AmountReader
from polemos.figures.cues import CueLexicon
from polemos.figures.extractor import FigureExtractor
from polemos.figures.words import FigureWords

__all__ = ["FigureExtractor", "CueLexicon", "Amount", "AmountReader", "FigureWords"]
