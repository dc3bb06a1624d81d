"""People the knowledge base does not know: whom they act for, read from their title.

"Algerian President Abdelaziz Bouteflika", "Abdelaziz Bouteflika, the president of
Algeria", "Haiti's Lt. Gen. Prosper Avril", "King Hassan of Morocco" and "U.N.
Secretary-General Kofi Annan" carry their state (or organisation) and their
sector in the words around the name. An office holder whose title names no state
("President Dos Santos", "Judge Alejandro Rivera") belongs to the state named in
the same sentence (one no other office holder's title claims), else to the state
the document is mostly about. A later bare surname ("Bouteflika said ...") is the
same person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from spacy.tokens import Span, Token

from polemos.actors.session import STATE_KINDS, Identity

if TYPE_CHECKING:
    from polemos.actors.context import CountryContext
    from polemos.actors.kb import Entry
    from polemos.actors.mentions import Candidate
    from polemos.actors.session import DocumentActors
    from polemos.actors.words import ActorWords

# Sectors of offices a state confers: their holders belong to the state named around them.
OFFICE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}
ORGANISATION_KINDS = {"organisation", "armed_group", "party"}
# How far before a name a title the parser left unattached may start ("Defence Minister Pierre Joxe").
MAX_TITLE_TOKENS = 6
TITLE_WORD_POS = {"PROPN", "NOUN", "ADJ"}


def person_identity(actors: "DocumentActors", candidate: "Candidate", context: "CountryContext") -> Identity:
    """The actor for a PERSON mention the knowledge base has no entry for under its full name."""
    known = _known_by_surname(actors, candidate.span) or _earlier_person(actors, candidate.span)
    if known is not None:
        return known
    title = Title.read(actors, candidate.span, candidate.head)
    country = title.country()
    if country is None and title.sector in OFFICE_SECTORS:
        country = _country_around(actors, candidate.span, context)
    return actors.new_identity(candidate.span.text, "person", title.sector, country)


def _known_by_surname(actors: "DocumentActors", span: Span) -> Optional[Identity]:
    """ "Mr Aliyev", "Ilham H. Aliyev": the last word names a knowledge-base person, and no other
    word contradicts it ("Michel Aoun" is not Joseph Aoun)."""
    found = actors.kb.matches(span[-1].text, actors.when)
    if not found or found[0].entry.kind != "person":
        return None
    entry = found[0].entry
    known_words = {word.casefold() for word in entry.name.split()}
    for token in span[:-1]:
        initial = len(token.text.rstrip(".")) <= 2
        if not (initial or token.text.casefold() in known_words or actors.kb.is_person_title(token.lower_)):
            return None
    return actors.identity_of(entry)


def _earlier_person(actors: "DocumentActors", span: Span) -> Optional[Identity]:
    """ "Bouteflika said ..." after "Abdelaziz Bouteflika": the person named before with that surname."""
    words = [token.text.casefold() for token in span if token.is_alpha]
    if not words:
        return None
    for actor in reversed(list(actors.actors.values())):
        if actor.kind != "person" or not any(m.start < span.start_char for m in actor.mentions):
            continue
        name = actor.name.casefold().split()
        if len(name) > len(words) and name[-len(words) :] == words:
            return Identity(actor.id, actor.name, actor.kind, actor.sector, actor.country, actor.wikidata)
    return None


class Title:
    """The words and names around a person's name that say what they are and whom they serve."""

    def __init__(
        self,
        words: list[str],
        states: list["Entry"],
        organisations: list["Entry"],
        title_sector: Optional[str],
        language: "ActorWords",
    ):
        self.words = words
        self.language = language
        self.states = states
        self.organisations = organisations
        self.sector = self._sector(title_sector)

    @classmethod
    def read(cls, actors: "DocumentActors", span: Span, head: Token) -> "Title":
        tokens = title_tokens(span, head, actors.kb.is_person_title)
        states, organisations = [], []
        for entry in _entries_in(actors, tokens, span):
            entry = actors.home_of(entry)
            if entry.kind in STATE_KINDS:
                states.append(entry)
            elif entry.kind in ORGANISATION_KINDS:
                organisations.append(entry)
        return cls(
            title_words(tokens), states, organisations, actors.kb.person_sector(title_words(tokens)), actors.words
        )

    def _sector(self, sector: Optional[str]) -> Optional[str]:
        organisation = self.organisations[0] if self.organisations and not self.states else None
        if organisation is not None and organisation.sector in ("IGO", "NGO", "REB", "PTY"):
            if organisation.sector != "REB" or sector not in ("REB", "PRM"):
                sector = organisation.sector  # the UN's Secretary-General acts for the UN
        if sector is None and self.states and self.language.leader_words & set(self.words):
            sector = "GOV"  # "Palestinian leader Yasser Arafat"
        # PLOVER 5.2: former officials, ousted or exiled, are elites (ELI), no longer the government.
        if sector in OFFICE_SECTORS and self.language.out_of_office & set(self.words):
            return "ELI"
        return sector

    def country(self) -> Optional[str]:
        if self.states:
            return self.states[0].country
        if self.organisations:
            return self.organisations[0].country
        return None


def title_tokens(span: Span, head: Token, is_title: Callable[[str], bool]) -> list[Token]:
    """Tokens of the title: modifiers before the name, an apposition either side of it
    ("X, the president of Algeria"; "the president of Algeria, X"), an "of" phrase ("King
    Hassan of Morocco"), and title words the parser left unattached just before the name."""
    inside = set(range(span.start, span.end))
    tokens = [t for child in head.lefts for t in child.subtree if t.i < span.start]
    for child in head.rights:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
            tokens += list(child.subtree)
    if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
        tokens += [t for t in head.head.subtree if t.i not in inside and t.i < head.i and t not in head.subtree]
    tokens += _unattached_title(span, is_title)
    unique = {t.i: t for t in tokens if t.i not in inside}
    return [unique[i] for i in sorted(unique)]


def _unattached_title(span: Span, is_title: Callable[[str], bool]) -> list[Token]:
    doc = span.doc
    found: list[Token] = []
    i = span.start - 1
    while i >= max(span.sent.start, span.start - MAX_TITLE_TOKENS):
        token = doc[i]
        if token.pos_ not in TITLE_WORD_POS and token.text not in ("-", ".", "'s", "’s"):
            break
        found.insert(0, token)
        i -= 1
    return found if any(is_title(word) for word in title_words(found)) else []


def title_words(tokens: list[Token]) -> list[str]:
    """Lower-cased words, hyphenated ones joined: "Secretary - General" -> "secretary-general"."""
    words: list[str] = []
    joining = False
    for token in tokens:
        if token.text == "-" and words and not token.whitespace_ and not token.nbor(-1).whitespace_:
            joining = True
            continue
        if joining:
            words[-1] = f"{words[-1]}-{token.lower_}"
            joining = False
        else:
            words.append(token.lower_)
    return words


def _entries_in(actors: "DocumentActors", tokens: list[Token], span: Span) -> list["Entry"]:
    """Knowledge-base entries named in the title, by whole entity ("South African", "Arab
    League") or, for words the NER left untagged, by single word ("Algerian")."""
    indexes = {t.i for t in tokens}
    entries, covered = [], set()
    for ent in span.doc.ents:
        if ent.start >= span.start and ent.end <= span.end or not indexes & set(range(ent.start, ent.end)):
            continue
        covered |= set(range(ent.start, ent.end))
        found = actors.kb.matches(ent.text, actors.when) or actors.kb.matches(_without_possessive(ent), actors.when)
        if found:
            entries.append(found[0].entry)
        else:  # "[British Defence] Secretary": the demonym inside a name the NER ran on
            entries += [
                f[0].entry
                for t in ent
                if (f := actors.kb.matches(t.text, actors.when))
                and f[0].entry.kind in STATE_KINDS
                and f[0].alias_type in ("name", "demonym")
            ]
    for token in tokens:
        if token.i not in covered and token.text[:1].isupper() and not actors.kb.is_person_title(token.lower_):
            found = actors.kb.matches(token.text, actors.when)
            if found and found[0].entry.kind in STATE_KINDS:
                entries.append(found[0].entry)
    return entries


def _without_possessive(ent: Span) -> str:
    return ent[:-1].text if len(ent) > 1 and ent[-1].lower_ in ("'s", "’s") else ent.text


def _country_around(actors: "DocumentActors", span: Span, context: "CountryContext") -> Optional[str]:
    """An office holder's state when the title names none: a state named in the sentence that
    no other office holder's title claims (the one the document is mostly about, else the first),
    else the document's leading state."""
    sentence = actors.record.sentence_at(span.start_char)
    claimed = _claimed_states(actors, span)
    free = [entry for entry in context.in_sentence(sentence) if entry.id not in claimed]
    dominant = context.dominant()
    if free:
        preferred = next((entry for entry in free if dominant is not None and entry.id == dominant.id), free[0])
        return preferred.country
    if dominant is not None and dominant.id not in claimed:
        return dominant.country
    return None


def _claimed_states(actors: "DocumentActors", span: Span) -> set[str]:
    """States the titles of the sentence's other people name ("South African leader F.W. de Klerk")."""
    claimed = set()
    for ent in span.sent.ents:
        if ent.label_ != "PERSON" or ent.start == span.start:
            continue
        for entry in _entries_in(actors, title_tokens(ent, ent.root, actors.kb.is_person_title), ent):
            entry = actors.home_of(entry)
            if entry.kind in STATE_KINDS:
                claimed.add(entry.id)
    return claimed
