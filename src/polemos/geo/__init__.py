"""The geo stage: a GeoNames-based gazetteer and context-aware toponym resolution."""

from polemos.geo.disambiguate import Weights
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.geocoder import Geocoder

__all__ = ["Candidate", "Gazetteer", "Geocoder", "Weights"]
