"""The clean stage: main-text extraction, text repair, captions, pull quotes, boilerplate,
language and publication date. ``Cleaner(options).clean(raw)`` turns a ``RawDocument`` into
an ``ExtractionRecord``."""

from polemos.clean.cleaner import Cleaner, CleanOptions, content_hash

__all__ = ["Cleaner", "CleanOptions", "content_hash"]
