"""Finding the phrases in a spaCy ``Doc`` that name actors.

Three kinds of candidate, each a token span:

* ``sector``: a noun phrase headed by a sector noun ("the Azerbaijani army",
  "Azerbaijan's armed forces", "police", "the breakaway state"), with the
  token span of its owner ("Azerbaijani", "Azerbaijan", "its") when it has one;
* ``entity``: a PERSON, ORG or NORP entity, or a GPE/LOC/FAC entity that acts
  (subject or agent of a verb, possessor) -- a GPE in "fighting in Baku" is a
  place only, in "Baku accused Yerevan" it is an actor;
* ``pronoun``: "he"/"she"/"him", "they"/"them", "it" as a subject and "Its" opening a sentence.

Names the NER cut at an Arabic article ("[Al-] [Shabaab]") are mended first, and
PERSON/ORG entities that name places ("Omdurman", "near Bulo Burde": see
``polemos.actors.places``) are treated as places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc, Span, Token

from polemos.actors.names import is_acronym, mend_article
from polemos.actors.words import ActorWords

if TYPE_CHECKING:
    from polemos.actors.kb import KnowledgeBase, SectorNoun
    from polemos.actors.places import PlaceNames

ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod", "det", "quantmod"}


@dataclass
class Candidate:
    kind: str  # sector | entity | pronoun
    span: Span
    head: Token
    sector_noun: Optional["SectorNoun"] = None
    owner: Optional[Span] = None
    breakaway: bool = False
    place: bool = False  # an entity that names a place, whatever its NER label


def find_candidates(
    doc: Doc, kb: "KnowledgeBase", words: ActorWords, places: Optional["PlaceNames"] = None
) -> list[Candidate]:
    sector_phrases = [c for token in doc if (c := sector_candidate(token, kb, words))]
    taken = {i for c in sector_phrases for i in range(c.span.start, c.span.end)}
    entities = []
    for ent in doc.ents:
        candidate = entity_candidate(ent, kb, words, places)
        if candidate is not None and not _overlaps(candidate.span, taken):
            entities.append(candidate)
            taken |= set(range(candidate.span.start, candidate.span.end))  # "[Al-] [Shabaab]" mend to one
    pronouns = [c for token in doc if (c := pronoun_candidate(token, words)) and token.i not in taken]
    return sorted(sector_phrases + entities + pronouns, key=lambda c: c.span.start)


def _overlaps(span: Span, taken: set[int]) -> bool:
    return any(i in taken for i in range(span.start, span.end))


# -- sector noun phrases ---------------------------------------------------------------


def sector_candidate(token: Token, kb: "KnowledgeBase", words: ActorWords, force: bool = False) -> Optional[Candidate]:
    """The sector phrase headed by ``token``; ``force`` keeps owner-less nouns that need one."""
    if token.pos_ not in ("NOUN", "PROPN") and not (token.dep_ == "amod" and _of_means(token, words)):
        return None  # "[military] airstrikes", "[police] gunfire": an adjective naming the user of a weapon
    if token.dep_ == "compound" and not _of_means(token, words):
        return None
    if token.ent_type_ in ("PERSON", "ORG", "FAC") or _titles_a_person(token):
        return None
    noun, first = _sector_noun(token, kb)
    breakaway = _has_breakaway_modifier(token, words)
    if noun is None and not (breakaway and token.lower_ in words.breakaway_nouns):
        return None
    owner = find_owner(token, words)
    if (
        noun is not None
        and noun.needs_owner
        and owner is None
        and not breakaway
        and not force
        and not acting_crowd(token, words)
    ):
        return None
    start = min([first.i] + [t.i for t in _descriptive_modifiers(token, words)] + ([owner.start] if owner else []))
    return Candidate("sector", token.doc[start : token.i + 1], token, noun, owner, breakaway)


def acting_crowd(token: Token, words: ActorWords) -> bool:
    """ "women marched", "hundreds of people demonstrated", "crowds looted shops": people who
    gather, march or riot are an actor (the protesters or rioters) though the noun names no one's."""
    top = token
    while (
        top.dep_ == "pobj"
        and top.head.lower_ == "of"
        and (top.head.head.lower_ in words.quantity_words or top.head.head.pos_ == "NUM")
    ):
        top = top.head.head
    return top.dep_ == "nsubj" and top.head.lemma_.lower() in words.crowd_verbs


def _of_means(token: Token, words: ActorWords) -> bool:
    """ "[Afghan military] airstrikes", "[police] gunfire": a sector noun before the weapon or
    attack it used names who used it."""
    return token.head.lemma_.lower() in words.means_nouns or token.head.lower_ in words.means_nouns


def names_military_means(token: Token, words: ActorWords) -> bool:
    """ "[Russian] shelling", "[Israeli] drone strike", "[Ukrainian] rocket attack": the word
    modifies a military's weapon or strike, so the state it names acted through its military."""
    head = token.head
    if token.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod") or head is token:
        return False
    for _ in range(3):  # "[Saudi]-led coalition airstrikes": through the participle and the compound
        if head.lower_ in words.leading_participles or head.dep_ == "compound" and head.head is not head:
            head = head.head
    heads = [head] + [child for child in head.children if child.dep_ == "compound" and child is not token]
    return any(word.lower_ in words.military_means or word.lemma_.lower() in words.military_means for word in heads)


def _sector_noun(token: Token, kb: "KnowledgeBase") -> tuple[Optional["SectorNoun"], Token]:
    for child in token.lefts:  # two-word nouns: "armed forces", "security forces", "prime minister"
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
            noun = kb.sector_noun(f"{child.lower_} {token.lower_}")
            if noun:
                return noun, child
    if token.i >= 2 and token.nbor(-1).lower_ == "of":  # "ministry of defence"
        noun = kb.sector_noun(f"{token.nbor(-2).lower_} of {token.lower_}")
        if noun:
            return noun, token.nbor(-2)
    return kb.sector_noun(token.lower_) or kb.sector_noun(token.lemma_.lower()), token


def _titles_a_person(token: Token) -> bool:
    """ "Defence Minister [Pierre Joxe]", "rebel commander [X]": the noun is the title of the name after it."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.ent_type_ == "PERSON" and following.ent_iob_ == "B"


def _has_breakaway_modifier(token: Token, words: ActorWords) -> bool:
    return any(child.lower_ in words.breakaway_words for child in token.lefts if child.dep_ in MODIFIER_DEPS)


def _descriptive_modifiers(token: Token, words: ActorWords) -> list[Token]:
    return [
        child
        for child in token.lefts
        if child.dep_ in ("amod", "compound") and (child.lower_ in words.breakaway_words or child.ent_type_)
    ]


def find_owner(token: Token, words: ActorWords) -> Optional[Span]:
    """Who the army/government/people belong to: a NORP/GPE/ORG/PERSON modifier or possessor,
    a possessive pronoun, or the object of "of" ("the army of Azerbaijan")."""
    for child in token.lefts:
        if child.dep_ not in MODIFIER_DEPS:
            continue
        if child.lower_ in words.possessive_pronouns:
            return token.doc[child.i : child.i + 1]
        owner = _entity_in(child)
        if owner is not None:
            return owner
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (owner := _entity_in(pobj)) is not None:
                    return owner
    for child in token.rights:  # "militants linked to al-Qaeda", "fighters loyal to the Islamic State"
        if child.dep_ in ("acl", "amod") and child.lemma_.lower() in words.affiliation_words:
            for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ in ("to", "with")):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    if (owner := _entity_in(pobj)) is not None:
                        return owner
    for child in token.lefts:  # "UPC combatants": a group known by an acronym the NER left untagged
        if child.dep_ == "compound" and child.pos_ == "PROPN" and not child.ent_type_ and is_acronym(child.text):
            return token.doc[child.i : child.i + 1]
    if token.dep_ in ("compound", "nmod") and _of_means(token, words) and token.head.i > token.i:
        # "[Houthi] sniper and mortar fire": the weapon's owner owns its users
        return next(
            (
                found
                for child in token.head.lefts
                if child.i < token.i and child.dep_ in MODIFIER_DEPS and (found := _entity_in(child)) is not None
            ),
            None,
        )
    return None


def _entity_in(token: Token) -> Optional[Span]:
    for t in token.subtree:
        if t.ent_type_ in ACTOR_LABELS | {"GPE"}:
            return _entity_span(t)
    return None


def _entity_span(token: Token) -> Span:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return trim_possessive(_complete_name(mend_article(Span(doc, start, end, label=token.ent_type_))))


def trim_possessive(span: Span) -> Span:
    """Drop a trailing "'s" so the mention text is the name itself."""
    if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'", "’"):
        return span[:-1]
    return span


# -- named entities --------------------------------------------------------------------


def entity_candidate(
    ent: Span, kb: "KnowledgeBase", words: ActorWords, places: Optional["PlaceNames"] = None
) -> Optional[Candidate]:
    label = ent.label_
    trimmed = _trim_punctuation(trim_possessive(_complete_name(mend_article(ent))))
    if trimmed is None:
        return None
    ent = trimmed
    if not any(char.isupper() for char in ent.text) and not kb.matches(ent.text):
        return None  # "casus belli" tagged PERSON: names are capitalised, unless known ("narendra modi" in lower-cased text)
    if label == "NORP" and _adjective_only(ent, kb):
        return None
    if label == "ORG" and _title_of_next_person(ent, kb):
        return None  # "[British Defence] Secretary Tom King": part of a person's title
    if label in ("PERSON", "ORG") and places is not None and _names_a_place(ent, kb, places):
        label = "GPE"
    elif label in ACTOR_LABELS:
        return Candidate("entity", ent, ent.root)
    if label not in PLACE_LABELS:
        return None
    known = kb.matches(ent.text)
    if known and (known[0].alias_type == "seat" or known[0].entry.kind in ("organisation", "armed_group")):
        return Candidate("entity", ent, ent.root)
    if label == "GPE" and acts(ent.root, words):
        return Candidate("entity", ent, ent.root, place=True)
    return None


def _title_of_next_person(ent: Span, kb: "KnowledgeBase") -> bool:
    """An unknown ORG followed by title words and then a person's name."""
    doc, i = ent.doc, ent.end
    while i < min(len(doc), ent.end + 3) and (kb.is_person_title(doc[i].lower_) or doc[i].text in ("-", ".")):
        i += 1
    titled = i > ent.end
    return titled and i < len(doc) and doc[i].ent_type_ == "PERSON" and not kb.matches(ent.text)


def _names_a_place(ent: Span, kb: "KnowledgeBase", places: "PlaceNames") -> bool:
    """A PERSON/ORG entity the knowledge base does not know as an actor, naming a place."""
    known = kb.matches(ent.text)
    if known and known[0].entry.kind != "state":
        return False
    return places.is_place(ent, titled=has_person_title(ent, kb))


def has_person_title(ent: Span, kb: "KnowledgeBase") -> bool:
    """ "President Moody Awori", "Vice-President X", "Lt. Gen. X": a title word right before the name."""
    before = ent.start - 1
    while before >= ent.sent.start and ent.doc[before].text == ".":
        before -= 1
    if before < ent.sent.start:
        return False
    word = ent.doc[before].lower_
    return kb.is_person_title(word) or kb.is_person_title(word.split("-")[-1])


def _complete_name(ent: Span) -> Span:
    """Mend names the NER cut after a function word: "[Popular Front of] [Xland]"."""
    doc, end = ent.doc, ent.end
    if ent.label_ not in ("ORG", "PERSON") or ent[-1].pos_ not in ("ADP", "CCONJ", "DET"):
        return ent
    while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].ent_iob_ == "I" and end > ent.end):
        end += 1
    return doc[ent.start : end] if end > ent.end else ent


def _trim_punctuation(span: Span) -> Optional[Span]:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_punct:
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end] if end > start else None


def _adjective_only(ent: Span, kb: "KnowledgeBase") -> bool:
    """An unknown NORP adjective on a noun that names no actor ("post-Soviet period",
    "Western sanctions") describes rather than acts; known demonyms always count."""
    return ent.root.dep_ in ("amod", "compound") and ent.root.head.i >= ent.end and not kb.matches(ent.text)


def acts(token: Token, words: ActorWords) -> bool:
    """Does ``token`` take part in an action: subject, agent, possessor, object of a verb, or
    the party in "talks with", "aid to", "war against", "between"? (Through conjunctions.)"""
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ in SUBJECT_DEPS | {"poss", "dobj", "dative"}:
        return True
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.dep_ == "agent" or preposition.lower_ in words.party_prepositions:
        return True
    return preposition.lower_ == "to" and preposition.head.lemma_ not in words.motion_verbs


def is_subject(token: Token) -> bool:
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


# -- pronouns --------------------------------------------------------------------------


def pronoun_candidate(token: Token, words: ActorWords) -> Optional[Candidate]:
    lower = token.lower_
    if lower in words.person_pronouns | words.group_pronouns and token.pos_ == "PRON":
        return Candidate("pronoun", token.doc[token.i : token.i + 1], token)
    if lower not in ("it", "its") or _expletive(token, words):
        return None
    if _opens_sentence(token) or (lower == "it" and token.dep_ in ("nsubj", "nsubjpass")):
        return Candidate("pronoun", token.doc[token.i : token.i + 1], token)
    return None


def _opens_sentence(token: Token) -> bool:
    return all(not t.is_alpha for t in token.doc[token.sent.start : token.i])


def _expletive(token: Token, words: ActorWords) -> bool:
    """ "It was clear that ...", "It is time to ...": no antecedent to find."""
    if token.lower_ != "it":
        return False
    head = token.head
    if token.dep_ == "expl":
        return True
    clausal = any(child.dep_ in ("ccomp", "xcomp", "csubj", "advcl") and child.i > head.i for child in head.children)
    return head.lemma_ in words.expletive_heads and clausal
