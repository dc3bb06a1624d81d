"""The events stage: PLOVER event coding with evidence, and lasting relations.

``EventCoder.default()`` loads the lexicons of a language (``polemos/lang/en/tables/events_*``);
``coder.annotate(record, doc)`` fills ``record.events`` and ``record.relations``.
``polemos.events.acled.acled_type(event, actors, words=...)`` maps an event to ACLED categories.
"""

from polemos.events.acled import acled_type
from polemos.events.coder import EventCoder
from polemos.events.lexicon import PLOVER_TYPES, Lexicon

__all__ = ["EventCoder", "Lexicon", "PLOVER_TYPES", "acled_type"]
