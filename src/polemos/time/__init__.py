"""The ``time`` stage: temporal expressions (TIMEX3 DATE, TIME, DURATION, SET) and their values.

``TemporalTagger.default().tag(text, anchor=date(2023, 10, 3))`` finds "On September 19"
and resolves it to ``2023-09-19``; ``annotate(record, doc)`` fills ``record.timexes``.
"""

from polemos.time.anchors import DocumentEvents, EventNouns, WellKnownDates, load_event_nouns
from polemos.time.tagger import TemporalTagger

__all__ = ["TemporalTagger", "WellKnownDates", "DocumentEvents", "EventNouns", "load_event_nouns"]
