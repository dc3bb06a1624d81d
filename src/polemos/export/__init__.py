"""Export: stored events as PLOVER JSON Lines, ACLED-style CSV, GeoJSON or Parquet."""

from polemos.export.formats import FORMATS, export_events

__all__ = ["FORMATS", "export_events"]
