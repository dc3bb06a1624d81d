"""The geo stage: a GeoNames-based gazetteer and context-aware toponym resolution."""

from polemos.geo.gazetteer import Candidate, Gazetteer

__all__ = ["Candidate", "Gazetteer"]
