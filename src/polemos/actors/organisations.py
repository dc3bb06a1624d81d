"""Organisations the knowledge base does not know.

An unknown organisation's name, or the state that owns it, often says whose it is:
"Azerbaijani Defence Ministry" and "the Ivory Coast's Supreme Court" are institutions of
a state (that state in the sector the name gives: MIL, JUD); "Nigerian Union of Teachers"
and "Kenya Anti-Corruption Commission" are organisations of their state.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span

from polemos.actors.context import CountryContext
from polemos.actors.guess import guess_organisation
from polemos.actors.kb import Entry
from polemos.actors.mentions import find_owner
from polemos.actors.places import PlaceNames
from polemos.actors.sectors import phrase_name
from polemos.actors.session import INSTITUTION_SECTORS, STATE_KINDS, DocumentActors, Identity

# Words that make an institution's name without naming whose it is.


def organisation_identity(actors: DocumentActors, span: Span, places: PlaceNames, context: CountryContext) -> Identity:
    kind, sector = guess_organisation(span.text, actors.words)
    noun = next((n for t in reversed(span) if (n := actors.kb.sector_noun(t.lower_))), None)
    state = _state_in_name(actors, span) or state_owning(actors, span)
    if noun is not None and noun.sector in INSTITUTION_SECTORS and (state is not None or _generic(actors, span)):
        sector = noun.sector
        # "Parliament", "the Supreme Court" with no state of their own: the state named around them
        state = state or context.nearest(actors.record.sentence_at(span.start_char), span.start_char)
    if state is not None and sector in INSTITUTION_SECTORS:
        return actors.identity_of(state, sector)
    country = state.country if state is not None else places.country_of(span)
    return actors.new_identity(phrase_name(span, actors.words), kind, sector, country)


def _state_in_name(actors: DocumentActors, span: Span) -> Optional[Entry]:
    """A state named by a word of the name ("Kenya", "Nigerian"); a capital in a name is a city."""
    for token in span:
        if not token.text[:1].isupper():
            continue
        found = actors.kb.matches(token.text, actors.when)
        if found and found[0].entry.kind in STATE_KINDS and found[0].alias_type != "capital":
            return found[0].entry
    return None


def _generic(actors: DocumentActors, span: Span) -> bool:
    """A name made only of ordinary institution words: "Supreme Court", "National Assembly"."""
    words = [t for t in span if t.is_alpha and t.lower_ != "the"]
    return bool(words) and all(t.lower_ in actors.words.generic_words or actors.kb.sector_noun(t.lower_) for t in words)


def state_owning(actors: DocumentActors, span: Span) -> Optional[Entry]:
    """ "The Ivory Coast's Supreme Court", "the Cabinet of Israel": a state owning the name."""
    owner = find_owner(span.root, actors.words)
    if owner is None or span.start <= owner.start < span.end:
        return None
    found = actors.kb.matches(owner.text, actors.when)
    if found and found[0].entry.kind in STATE_KINDS:
        return found[0].entry
    return None
