"""Export: stored events as PLOVER JSON Lines, ACLED-style CSV, GeoJSON or Parquet."""

from polemos.export.formats import EXPORT_FORMATS, FORMATS, Format, export_events, export_format

__all__ = ["EXPORT_FORMATS", "FORMATS", "Format", "export_events", "export_format"]
