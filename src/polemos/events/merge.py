"""One event, many mentions: fold mentions of the same event into one record.

Two mentions are the same event when they share the PLOVER type and modality, their
dates are compatible (equal, one inside the other, or one unknown), their places agree
(or one is unknown), and they either share an actor or share a known date with
compatible participants. Bare references ("this nine-month blockade") join the latest
event of their type in the same or the previous paragraph, as do the aftermath sentences the
event model reads as an attack (a death, a hospital, victims identified), which stand alone only
when no such event is near.
"""

from __future__ import annotations

from dataclasses import dataclass

from polemos.record import Event, Evidence, Place


@dataclass
class Candidate:
    event: Event
    paragraph: int
    reference_only: bool = False  # a definite mention without participants of its own
    background: bool = False  # a known event recalled to date or compare ("after the attack on Ukraine")
    place_rank: int = 2  # how closely the place is tied to this mention: 0 its own words, 2 the paragraph
    named: bool = False  # an event noun dated by its own words ("the 1994 ceasefire"): a particular event
    # a mention that joins the event of its type told just before it, when there is one, and stands
    # alone only when there is none ("She was rushed to a hospital, where she died" after a shooting)
    joins_nearby: bool = False
    # the main event of its sentence as the event model read the whole sentence: its ACLED category
    # is the sentence's reading, not that of one word of a side mention ("killed" beside "wounded")
    sentence_main: bool = False


def merge_mentions(candidates: list[Candidate], places: list[Place] | None = None) -> list[Event]:
    places = places or []
    merged: list[Candidate] = []
    # Only mentions of one type can be one event: looking among those alone keeps a long
    # document's merge from comparing every mention with every event kept before it.
    merged_of_type: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        target = _find_same(candidate, merged_of_type.get(candidate.event.type, []), places)
        if target is not None:
            before = max(target.event.confidence, candidate.event.confidence)
            sentence_reading = candidate.sentence_main and not target.sentence_main and candidate.event.acled
            _absorb(target.event, candidate.event)
            if sentence_reading:  # the event is coded as the sentence that tells it reads, not as a side word
                target.event.acled, target.event.coder = candidate.event.acled, candidate.event.coder
                target.sentence_main = True
            if target.background and candidate.background:
                target.event.confidence = before  # a recalled event named twice is still background
            if candidate.event.place is not None and candidate.place_rank < target.place_rank:
                target.event.place, target.place_rank = candidate.event.place, candidate.place_rank
            target.background = target.background and candidate.background
            target.paragraph = max(target.paragraph, candidate.paragraph)
        elif not candidate.reference_only:
            merged.append(candidate)
            merged_of_type.setdefault(candidate.event.type, []).append(candidate)
    return [c.event for c in merged]


def _find_same(candidate: Candidate, kept: list[Candidate], places: list[Place]) -> Candidate | None:
    event = candidate.event
    if candidate.reference_only or candidate.joins_nearby or not (event.actor or event.recipient):
        # "the 2020 war" again and again, "this nine-month blockade", "the text agreed upon on November 9"
        dated = _clause_value(event.date)
        for other in kept:
            if (
                dated
                and other.event.type == event.type
                and not (other.event.actor or other.event.recipient)
                and _clause_value(other.event.date)
                and _dates_compatible(other.event.date, event.date)
            ):
                return other
        for other in reversed(kept):
            if (
                other.event.type == event.type
                and candidate.paragraph - other.paragraph <= 1
                and _dates_compatible(other.event.date, event.date)
            ):
                return other
        if candidate.joins_nearby:  # an aftermath belongs to the story's attack told before it, however far
            return next(
                (
                    other
                    for other in reversed(kept)
                    if other.event.type == event.type
                    and not other.background
                    and _dates_compatible(other.event.date, event.date)
                ),
                None,
            )
        return None
    for other in kept:
        near = candidate.paragraph - other.paragraph <= 1
        if same_event(other.event, event, places, near):
            return other
    return None


def same_event(a: Event, b: Event, places: list[Place], near: bool) -> bool:
    """Whether two mentions report one event (``near``: in the same or adjacent paragraphs)."""
    if a.type != b.type or a.modality != b.modality:
        return False
    if not _dates_compatible(a.date, b.date) or not _compatible_recipients(a.recipient, b.recipient):
        return False
    if not _same_place(a.place, b.place, places):
        return False
    shared_actor = bool(_base_ids(a.actor) & _base_ids(b.actor))
    first, second = _clause_value(a.date), _clause_value(b.date)
    shared_date = first is not None and second is not None and _dates_compatible(a.date, b.date)
    if shared_actor and shared_date:
        return True
    if shared_actor and (first is None or second is None):
        same_target = bool(set(a.recipient) & set(b.recipient))
        same_place = a.place is not None and _same_place(a.place, b.place, places)
        return near or same_target or same_place
    return shared_date and _compatible_sets(a.actor, b.actor)


def _same_place(a: int | None, b: int | None, places: list[Place]) -> bool:
    if a is None or b is None or a == b:
        return True
    if a < len(places) and b < len(places):
        first, second = places[a], places[b]
        if first.geonameid is not None and first.geonameid == second.geonameid:
            return True
        return bool(first.name) and first.name == second.name
    return False


def _absorb(target: Event, other: Event) -> None:
    for field_name in ("actor", "recipient"):
        values = getattr(target, field_name)
        values.extend(v for v in getattr(other, field_name) if v not in values)
    # a bare state beside one of its own sectors says nothing more than the sector
    target.recipient[:] = [
        r for r in target.recipient if "." in r or not any(o.startswith(r + ".") for o in target.recipient)
    ]
    if target.date is None or (
        target.date.get("basis") != "clause" and other.date and other.date.get("basis") == "clause"
    ):
        target.date = other.date
    if target.place is None:
        target.place = other.place
    for key, value in other.size.items():
        target.size.setdefault(key, value)
    for context in other.context:
        if context not in target.context:
            target.context.append(context)
    target.mode = target.mode or other.mode
    target.acled = target.acled or other.acled
    target.attributed_to = target.attributed_to or other.attributed_to
    add_evidence(target.evidence, other.evidence)
    target.confidence = round(min(0.99, max(target.confidence, other.confidence) + 0.05), 2)


def _clause_value(date: dict | None) -> str | None:
    return date.get("value") if date and date.get("basis") == "clause" else None


def _dates_compatible(a: dict | None, b: dict | None) -> bool:
    """Equal, nested ("2020" and "2020-11") or overlapping calendar ranges; unknown fits all."""
    if a is None or b is None:
        return True
    first, second = a.get("value") or "", b.get("value") or ""
    if first.startswith(second) or second.startswith(first):
        return True
    if a.get("begin") and a.get("end") and b.get("begin") and b.get("end"):
        return a["begin"] <= b["end"] and b["begin"] <= a["end"]
    return False


def _base_ids(actor_ids: list[str]) -> set[str]:
    """ "AZE.MIL" and "AZE" are the same party for merging: the army acts for the state."""
    return {actor_id.split(".")[0] for actor_id in actor_ids}


def _compatible_sets(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _compatible_recipients(a: list[str], b: list[str]) -> bool:
    """Shared targets, or a state named bare beside one of its own sectors: "shelled the
    Armenian town of Goris (ARM), killing four civilians (ARM.CVL)" is one attack. Two
    different sectors of one state (its army, its civilians) stay apart."""
    if _compatible_sets(a, b):
        return True
    bare_a, bare_b = {x for x in a if "." not in x}, {x for x in b if "." not in x}
    return bool(bare_a & _base_ids(b)) or bool(bare_b & _base_ids(a))


def evidence_for(text: str, start: int, end: int) -> Evidence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(text=text[start:end], start=start, end=end)


def add_evidence(evidence: list[Evidence], more: list[Evidence]) -> None:
    """Add the spans of ``more`` not already in ``evidence``, kept in text order."""
    known = {(e.start, e.end) for e in evidence}
    evidence.extend(e for e in more if (e.start, e.end) not in known)
    evidence.sort(key=lambda e: e.start)
