"""Cross-document event fusion: reports of one real event from many documents become one
canonical event that lists every source with its evidence, its earliest report and the
range of figures the sources give.

    families = EventFamilies.load()
    index = FusionIndex(families)                 # or state=SQLFusionState(connection)
    changes = index.add(reports_from_record(record))
    index.canonical_events()

See ``compat`` for when two reports are one event, ``blocking`` for why cost grows about
linearly with the corpus, ``consensus`` for what a canonical event says.
"""

from polemos.fusion.compat import Profile, match_score, profile_of
from polemos.fusion.consensus import FIGURE_RULE, canonical_figures
from polemos.fusion.dates import DateSpan, span_of
from polemos.fusion.index import CREATED, DELETED, UPDATED, Change, FusionIndex, FusionStats, fuse
from polemos.fusion.places import PlaceRef
from polemos.fusion.report import Report, reports_from_record
from polemos.fusion.rules import EventFamilies, FusionRules
from polemos.fusion.state import FusionState, MemoryState

__all__ = [
    "CREATED",
    "DELETED",
    "UPDATED",
    "Change",
    "DateSpan",
    "EventFamilies",
    "FIGURE_RULE",
    "FusionIndex",
    "FusionRules",
    "FusionState",
    "FusionStats",
    "MemoryState",
    "PlaceRef",
    "Profile",
    "Report",
    "canonical_figures",
    "fuse",
    "match_score",
    "profile_of",
    "reports_from_record",
    "span_of",
]
