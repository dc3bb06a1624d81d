"""The ``figures`` stage: counts of people killed, wounded, displaced, detained or deployed.

A number phrase (see ``polemos.figures.amounts`` for the min/max conventions) becomes a
``Quantity`` when it counts people: it is followed by a person noun ("civilians",
"Armenians", "troops", "lives") or stands right by a casualty cue ("killed 30", "30 dead",
"the toll rose to 30"). Its category comes from the clause: with a spaCy ``Doc``, the verb
governing the counted noun and the words attached to both; without one, the nearest cue
word in the sentence. Years, dates, ages, times, money, percentages and measures are skipped.

The regular expressions that spell out words (the casualty cues, what a number is not a count
of, a headline's victim) are the language's, in ``patterns/figures.toml`` of its folder, compiled
once into ``FigurePatterns``; those left here hold no words: digits, punctuation, white space.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc, Token

from polemos.figures.amounts import Amount, AmountReader
from polemos.figures.cues import Cue, CueLexicon
from polemos.figures.headline_lists import headline_list
from polemos.figures.patterns import FigurePatterns
from polemos.figures.words import FigureWords
from polemos.lang import LanguageData
from polemos.record import ExtractionRecord, Quantity

# "ahmedabad: 40 people were injured": a dateline's colon, at the head of a paragraph
_DATELINE = re.compile(r"\s*[A-Za-z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,2}:\s+")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_WORD = re.compile(r"[A-Za-z][\w'-]*|[.,;:!?()]")
_CUE_WINDOW = 10
COMMA_PENALTY = 2
_CUE_REACH = 400  # characters: comfortably more than _CUE_WINDOW words
_ADJACENT_WORDS = 3
SHOT = "shot"  # hit by gunfire, alive or dead: the events stage reads it with the dead and injured
HARM = {"dead", "injured"}
LOOSE_OBJECT_DEPS = {"dep", "npadvmod"}
CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")
LINK_LENGTH = 120  # characters: a headline's length, not a paragraph's
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")


class FigureExtractor:
    """Finds counts of people and says what they count; build once, call per text or record.

    Its words are ``language``'s (English when none is given); ``cues`` default to its lexicon.
    """

    def __init__(self, cues: Optional[CueLexicon] = None, language: Optional[LanguageData] = None):
        self.words = FigureWords(language or LanguageData.load())
        self.cues = cues or CueLexicon.of_language(self.words)
        self.patterns = self.words.patterns
        self.amounts = AmountReader(self.words)

    def annotate(self, record: ExtractionRecord, doc: Optional[Doc] = None) -> None:
        record.quantities = self.extract(record.text, doc)
        for quantity in record.quantities:
            quantity.sentence = record.sentence_at(quantity.start)

    def extract(self, text: str, doc: Optional[Doc] = None) -> list[Quantity]:
        quantities = []
        for amount in self.amounts.find(text):
            if not _is_count(self.patterns, text, amount):
                continue
            quantity = self._quantity(text, amount, doc)
            if quantity is not None:
                quantities.append(quantity)
        if doc is not None:
            quantities += self._single_victims(doc, quantities)
        quantities += _self_killings(self.patterns, text, quantities)
        quantities = self._parts_that_died(text, quantities)
        quantities.sort(key=lambda q: q.start)
        return [
            q
            for q in _join_coordinated(self.patterns, text, quantities)
            if not _in_a_link_line(self.patterns, text, q.start)
        ]

    def headline(self, title: str) -> list[Quantity]:
        """The counts of a headline, and its one victim ("Teen Injured In Hunting Accident",
        "Boy, 3, shot by brother"); offsets are into ``title``."""
        found = self._headline_victim(title, self.extract(title))
        listed = headline_list(title, self.cues, self.words)
        if listed is not None:  # "Teen, Woman Killed": two dead, not the one "Woman Killed" reads
            found = sorted(
                [
                    q
                    for q in found
                    if not (listed.start <= q.start < listed.end or q.category == listed.category and q.max == 1)
                ]
                + [listed],
                key=lambda q: q.start,
            )
        death = self.patterns.death_of_one.search(title)
        if death is not None and not any(q.category == "dead" for q in found):
            found = sorted(found + [_one_named(death, "who" if death.group("who") else "whose", "dead")], key=_start)
        struck = self.patterns.shooting_of_one.search(title)
        if struck is not None and not any(q.category in HARM | {SHOT} for q in found):
            category = "injured" if struck.group("hurt") else SHOT
            found = sorted(found + [_one_named(struck, "who" if struck.group("who") else "whom", category)], key=_start)
        fatal = self.patterns.fatal_incident.search(title)
        if fatal is None or any(q.category == "dead" for q in found):
            return found
        at_least_one = Quantity(
            text=fatal.group(0), start=fatal.start(), end=fatal.end(), min=1, max=None, unit="people", category="dead"
        )
        return sorted(found + [at_least_one], key=lambda q: q.start)

    def _headline_victim(self, title: str, found: list[Quantity]) -> list[Quantity]:
        match = self.patterns.headline_victim.search(title)
        if match is None:
            return found
        said = "who" if match.group("who") else "victim"  # "Teen shot ...", "... shooting victim identified"
        outcome = (match.group("outcome") or match.group("outcome2")).lower()
        category = (
            "dead"
            if outcome == "death" or match.group("fatally") or match.group("killed")
            else SHOT
            if outcome.startswith(("shoots", "accident", "victim"))
            else self._category_cue(outcome) or SHOT
        )
        if any(q.category == category for q in found):
            return found  # "Four Shot, Man Shot Dead ...": the count says it
        one = Quantity(
            text=match.group(said),
            start=match.start(said),
            end=match.end(said),
            min=1,
            max=1,
            unit="people",
            category=category,
        )
        return sorted(found + [one], key=lambda q: q.start)  # "Teen Killed, 3 Hurt"

    def _single_victims(self, doc: Doc, counted: list[Quantity]) -> list[Quantity]:
        """One person killed, wounded or shot, named or not: "a 17-year-old was shot dead",
        "shot and killed a man", "Jane Doe, 30, was wounded": a count of one."""
        taken = {i for q in counted for i in range(q.start, q.end)}
        found = []
        for token in doc:
            if token.idx in taken or not _victim_position(self.words, token):
                continue
            if token.lemma_ == "life" and token.head.lemma_ in self.words.life_kept_verbs:
                continue  # "the window possibly saved her life": nobody died
            named = self._one_person(token)
            if not named and not self._one_known_person(token):
                continue
            category = (
                _nominal_category(self.words, token) or self._clause_category(token) or self._relative_category(token)
            )
            if category not in (HARM | {SHOT} if named else {"dead"}):
                continue
            start = (
                _entity_start(token)
                if token.ent_type_ == "PERSON"
                else min(
                    [token.i]
                    + [
                        c.i
                        for c in token.children
                        if c.dep_ in {"compound", "det", "poss", "amod", "nummod"} and c.i < token.i
                    ]
                )
            )
            span = doc[start : token.i + 1]
            found.append(
                Quantity(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    min=1,
                    max=1,
                    unit=self._unit_of(token),
                    category=category,
                )
            )
        return found

    def _relative_category(self, token: Token) -> Optional[str]:
        """What a relative clause says befell ``token``: "a boy who had been shot" (shot)."""
        for verb in token.children:
            if verb.dep_ == "relcl" and _befell_the_relative(self.words, verb):
                who = next(
                    c
                    for c in verb.children
                    if c.lower_ in self.words.relative_pronouns and c.dep_ in {"nsubj", "nsubjpass"}
                )
                return self._clause_category(who)
        return None

    def _one_person(self, token: Token) -> bool:
        if token.lower_ in self.words.reflexives and _object_of_the_verb(token):
            return True  # "accidentally shot himself", "killed his wife, then himself"
        if token.ent_type_ == "PERSON":
            return token.i == _entity_end(token) - 1  # the surname, head of the name
        if token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ != "compound":
            return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)  # "Tyrell Hall"
        if token.tag_ not in {"NN", "JJ"} or not (_single_determiner(self.words, token) or _the_other(token)):
            return False
        if token.lower_ in self.words.age_adjectives and any(c.lower_ in self.words.age_units for c in token.children):
            return True  # "a 17-year-old"
        cue = self.cues.lookup(token.text, token.lemma_)
        return bool(cue and cue.unit) or token.lower_ in self.words.ordinal_people or _agent_noun(self.words, token)

    def _one_known_person(self, token: Token) -> bool:
        """Someone the story has already introduced: "he", "the boy", "the victim". Counted only
        when the clause says they died ("he died at the hospital", "the boy was pronounced
        dead"), for that is news the first mention ("a boy was shot") did not give."""
        if token.lower_ in self.words.known_person_pronouns:
            return True
        if token.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return False
        if token.lower_ in self.words.age_adjectives and any(c.lower_ in self.words.age_units for c in token.children):
            return True  # "the 17-year-old"
        cue = self.cues.lookup(token.text, token.lemma_)
        return bool(cue and cue.unit and not cue.category)  # a person ("the boy"), not "the life" saved

    def _unit_of(self, token: Token) -> str:
        cue = self.cues.lookup(token.text, token.lemma_)
        return cue.unit if cue and cue.unit else "people"

    def _quantity(self, text: str, amount: Amount, doc: Optional[Doc]) -> Optional[Quantity]:
        noun = self._counted_noun(text, amount.end)
        noun_cue = self.cues.lookup(noun[0]) if noun else None
        unit = noun_cue.unit if noun_cue and noun_cue.unit else ("people" if noun else None)
        category = noun_cue.category if noun_cue and noun_cue.category in HARM else None  # "four wounded"
        if category is None and doc is not None:
            category = self._category_from_parse(doc, amount, noun)
        if category is None:
            # with a parse, "shot" was read as a verb where it is one; the noun ("without firing a shot") says nothing
            category = self._category_from_text(text, amount, noun, skip_shot=doc is not None)
        if category is None and noun_cue is not None:
            category = noun_cue.category
        if category in (None, "other", "troops") and self.patterns.to_hospital.match(
            text, noun[2] if noun else amount.end
        ):
            category = "injured"  # "shooting sends 2 to hospital", "three people were taken to a hospital"
        toll = (
            noun is None
            and self.patterns.toll_before.search(text[max(0, amount.start - 120) : amount.start]) is not None
        )
        if noun is None and self.patterns.fatally_after.match(text, amount.end):
            category = "dead"  # "four men were shot, one fatally"
        if toll:
            category = "dead"  # "the death toll in the riots rose to 58", "the toll now stands at 667"
        if category in HARM | {SHOT} and _tallies_a_period(self.patterns, text, amount):
            category = "other"  # "43 people have been shot in the city this year": not one incident's toll
        if noun is None and not toll and not self._cue_adjacent(text, amount):
            return None  # a bare number far from any cue is not a count of people
        if (
            noun is None
            and not toll
            and self.patterns.at_a_time.search(text[max(0, amount.start - 4) : amount.start])
            and not self.patterns.a_tally.search(text[max(0, amount.start - 40) : amount.start])
        ):
            return None  # "pronounced dead at 5": a time ("the toll stands at 58" is a count)
        if noun is not None and doc is not None and self._modifies_a_thing(doc, noun):
            return None  # "seven police cars"
        end = noun[2] if noun else amount.end
        return Quantity(
            text=text[amount.start : end],
            start=amount.start,
            end=end,
            min=amount.min,
            max=amount.max,
            unit=unit or "people",
            category=category or "other",
        )

    def _modifies_a_thing(self, doc: Doc, noun: tuple[str, int, int]) -> bool:
        span = doc.char_span(noun[1], noun[2], alignment_mode="expand")
        if span is None or span.root.dep_ != "compound":
            return False
        thing = span.root.head
        cue = self.cues.lookup(thing.text, thing.lemma_)
        return thing.pos_ == "NOUN" and not (cue and cue.unit)

    def _counted_noun(self, text: str, offset: int) -> Optional[tuple[str, int, int]]:
        """The person noun a number counts: "2,000 Russian troops", "hundreds of civilians"."""
        words = list(_WORD.finditer(text, offset, min(len(text), offset + 60)))
        for position, word in enumerate(words[:4]):
            token = word.group(0)
            cue = self.cues.lookup(token)
            if cue is not None and cue.unit:
                return token, word.start(), word.end()
            if token.lower() in self.words.stop_words or not token[0].isalpha():
                return None
            if _is_demonym(token) and not _next_is_unit(self.cues, words[position + 1 : position + 2]):
                return token, word.start(), word.end()
            if (
                token.lower() not in self.words.skippable
                and not token[0].isupper()
                and not token.endswith(("ly", "ed"))
                and position > 0
            ):
                return None
        return None

    def _cue_adjacent(self, text: str, amount: Amount) -> bool:
        before = _WORD.findall(text[max(0, amount.start - 40) : amount.start])[-_ADJACENT_WORDS:]
        after = _WORD.findall(text[amount.end : amount.end + 40])[:_ADJACENT_WORDS]
        return any(self._category_cue(word) for word in before + after)

    def _category_cue(self, word: str, lemma: Optional[str] = None) -> Optional[str]:
        cue = self.cues.lookup(word, lemma)
        return cue.category if cue else None

    def _category_from_parse(self, doc: Doc, amount: Amount, noun) -> Optional[str]:
        span = doc.char_span(amount.number_start, noun[2] if noun else amount.end, alignment_mode="expand")
        if span is None:
            return None
        return self._clause_category(span.root)

    def _clause_category(self, head: Token) -> Optional[str]:
        """What the clause says happened to the people ``head`` counts. Being shot is the weakest
        reading: "shot dead", "fatally shot", "shot and wounded" say more."""
        tokens = _clause_tokens(self.words, head)
        if _doer(self.words, head):  # "several officers fired, killing him", "two men shot a teenager"
            return "other"
        if _irrealis(self.words, tokens[0]):  # "going to kill himself", "threatened to shoot two guards"
            return "other"
        shot = _with_gunshot_wounds(self.words, tokens)
        for token in tokens:
            if token.lemma_ == "leave" and any(_is_place_object(self.words, child) for child in token.children):
                return "displaced"  # "100,000 Armenians left Nagorno-Karabakh"
            category = SHOT if _struck_by_gunfire(self.words, token) else self._category_cue(token.text, token.lemma_)
            if category == SHOT:
                shot = True
            elif category and not (shot and category not in HARM):
                # "fatally wounded" (not "three others" the parse joined to that verb)
                counted = head.head if head.dep_ == "nummod" else head
                fatal = _fatally(self.words, token) and not (counted.dep_ == "conj" and counted.head.i == token.i)
                return "dead" if category == "injured" and fatal else category
        return SHOT if shot else None

    def _category_from_text(self, text: str, amount: Amount, noun, skip_shot: bool = False) -> Optional[str]:
        # Look only a bounded stretch either side: scanning to the sentence's edges for every
        # number is quadratic in a long unpunctuated run of numbers.
        low, high = max(0, amount.start - _CUE_REACH), min(len(text), amount.end + _CUE_REACH)
        sentence_start = max(low, text.rfind(". ", low, amount.start) + 1, text.rfind("\n", low, amount.start) + 1)
        stops = [i for i in (text.find(". ", amount.end, high), text.find("\n", amount.end, high)) if i != -1]
        sentence_end = min(stops) if stops else high
        end = noun[2] if noun else amount.end
        before = _WORD.findall(text[sentence_start : amount.start])[-_CUE_WINDOW:]
        after = _WORD.findall(text[end:sentence_end])[:_CUE_WINDOW]
        left_place = self.patterns.left_place
        if left_place.match(text, end) or left_place.match(" " + " ".join(after[:4])):
            return "displaced"
        found = []
        backwards = list(reversed(before))
        # a cue before the comma belongs to the clause before it: "boy killed, 6 others shot"
        comma = next((i for i, word in enumerate(backwards) if word == ","), len(backwards))
        sides = [(entry, entry[0] > comma) for entry in _with_previous(backwards, reverse=True)]
        sides += [(entry, False) for entry in _with_previous(after)]
        for (distance, word, previous), behind_a_comma in sides:
            cue = self.cues.lookup(word)
            # "ended up getting shot" is the verb, which a parse that went astray may have missed
            verb = previous is not None and previous.lower() in self.words.passive_auxiliaries
            if cue is not None and cue.category and not (skip_shot and cue.category == SHOT and not verb):
                # a verb ("killed") says more about the clause than a noun ("soldiers")
                found.append(
                    (distance + (0.5 if cue.unit else 0) + (COMMA_PENALTY if behind_a_comma else 0), cue.category)
                )
        if not found:
            return None
        nearest = min(found)
        if nearest[1] == SHOT:  # "shot dead", "shot and killed", "fatally shot"
            return (
                _shot_outcome(self.patterns, text[end:sentence_end])
                or _shot_outcome(self.patterns, text[sentence_start : amount.start])
                or SHOT
            )
        return nearest[1]

    def _parts_that_died(self, text: str, quantities: list[Quantity]) -> list[Quantity]:
        """ "One of four women wounded Saturday has died", "two of the five people shot have died":
        the part is that many dead, and the group those shot (the others are the injured), not a
        group of dead."""
        groups: dict[int, Quantity] = {}  # the start of a part that died: its dead count
        kept = []
        for quantity in quantities:
            part = self.patterns.part_of_group.search(text, max(0, quantity.start - 30), quantity.start)
            hurt = self.patterns.group_hurt.match(text, quantity.end)
            number = self.words.numbers.parse(part.group("part")) if part else None
            if (
                part is None
                or hurt is None
                or number is None
                or quantity.category not in HARM | {SHOT}
                or quantity.min is None
                or number >= quantity.min
                or self.patterns.part_died.match(text, hurt.end()) is None
            ):
                kept.append(quantity)
                continue
            kept.append(replace(quantity, category=SHOT))
            groups[part.start("part")] = Quantity(
                text=part.group("part"),
                start=part.start("part"),
                end=part.end("part"),
                min=number,
                max=number,
                unit=quantity.unit,
                category="dead",
            )
        # a part already read as a count of its own ("One of 5 shot ... dies": "One" shot) is the dead
        return [q for q in kept if q.start not in groups] + list(groups.values())


def _in_a_link_line(patterns: FigurePatterns, text: str, offset: int) -> bool:
    """Whether ``offset`` lies in a line linking to another story ("+ 1 dead, 2 wounded in
    Elm Park shooting", "1:42 Two officers hurt in crash"): that story's counts, not this one's."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if SENTENCE_END.search(line):
        return False
    if patterns.link_line.match(line):
        return True
    # a list of links whose bullets the cleaning removed: headlines on lines of their own, one after another
    before = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : max(0, line_start - 1)] if line_start else ""
    after_end = text.find("\n", line_end + 1) if line_end != -1 else -1
    after = text[line_end + 1 : after_end if after_end != -1 else len(text)] if line_end != -1 else ""
    return (
        any(
            neighbour.strip() and not SENTENCE_END.search(neighbour) and len(neighbour) <= LINK_LENGTH
            for neighbour in (before, after)
        )
        and len(line) <= LINK_LENGTH
    )


def _self_killings(patterns: FigurePatterns, text: str, counted: list[Quantity]) -> list[Quantity]:
    """One who took their own life is one dead ("then took her own life")."""
    taken = {i for q in counted for i in range(q.start, q.end)}
    return [
        Quantity(
            text=match.group("who"),
            start=match.start("who"),
            end=match.end("who"),
            min=1,
            max=1,
            unit="people",
            category="dead",
        )
        for match in patterns.self_killing.finditer(text)
        if match.start("who") not in taken
    ]


def _with_previous(words: list[str], reverse: bool = False) -> list[tuple[int, str, Optional[str]]]:
    """Each word with its distance from the number and the word before it in the text."""
    if reverse:  # ``words`` run from the number backwards: the word before is the next one
        return [(i, word, words[i + 1] if i + 1 < len(words) else None) for i, word in enumerate(words)]
    return [(i, word, words[i - 1] if i else None) for i, word in enumerate(words)]


def _clause_tokens(words: FigureWords, head: Token) -> list[Token]:
    """Its governing verb and that verb's complements first, then the counted noun and its modifiers."""
    path, verb = [], head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
        path.append(verb)
    tokens: list[Token] = []
    if verb.pos_ in {"VERB", "AUX"}:
        tokens.append(verb)
        # how the verb ended: "shot dead", "fatally shot", "shot to death" (an adverb right
        # after another number is that number's own: "three men, one fatally, were shot")
        tokens += [
            child
            for child in verb.children
            if child.dep_ in {"acomp", "oprd"}
            or child.dep_ == "advmod"
            and not (child.i > 0 and child.nbor(-1).like_num and child.nbor(-1) != head)
        ]
        tokens += [
            grandchild
            for child in verb.children
            if child.dep_ == "prep" and child.lower_ == "to"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        tokens += [
            child
            for child in verb.children
            if child.dep_ in {"attr", "dobj", "nsubj", "nsubjpass", "xcomp", "advcl"}
            and child is not head
            or child.dep_ == "conj"
            and not _has_subject(child)
        ]
    tokens += path
    tokens += [child for child in head.children if child.dep_ in {"amod", "compound", "prep", "acl"}]
    # "four victims who had been struck by gunfire", "a man who died": what befell them, told in
    # a relative clause (a passive one, or one of dying)
    tokens += [
        child
        for child in head.children
        if child.dep_ == "relcl"
        and (any(c.dep_ in {"nsubjpass", "auxpass"} for c in child.children) or child.lemma_ in words.dying_verbs)
    ]
    return tokens + [head]


def _with_gunshot_wounds(words: FigureWords, tokens: list[Token]) -> bool:
    """ "found two women with gunshot wounds", "a man suffering from a bullet wound": shot,
    alive or not (a later "found dead" or "died" says which)."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in words.wound_prepositions
        and any(
            wound.dep_ == "pobj"
            and wound.lemma_ in words.wound_nouns
            and any(c.lemma_ in words.gunshot_modifiers for c in wound.children)
            for wound in prep.children
        )
        for token in tokens
        for prep in [token, *token.children]
    )


def _struck_by_gunfire(words: FigureWords, verb: Token) -> bool:
    """ "hit by gunfire", "struck by a stray bullet", "fired into the crowd, hitting three
    people": shot, whatever befell them after."""
    if verb.lemma_ not in words.strike_verbs:
        return False
    if verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head.lemma_ in words.firing_verbs:
        return True
    return any(
        child.dep_ == "agent" and any(g.lemma_ in words.gunfire for g in child.children) for child in verb.children
    )


def _fatally(words: FigureWords, token: Token) -> bool:
    """ "fatally wounded", "mortally injured": the wound killed."""
    return any(child.dep_ == "advmod" and child.lower_ in words.fatal_adverbs for child in token.children)


def _shot_outcome(patterns: FigurePatterns, passage: str) -> Optional[str]:
    """What the first "shot" of a passage led to, when the words say: "shot and killed", "fatally shot"."""
    match = patterns.shot_outcome.search(passage)
    if match is None:
        return None
    if match.group("fatal") or match.group("dead"):
        return "dead"
    return "injured" if match.group("hurt") else None


def _irrealis(words: FigureWords, verb: Token) -> bool:
    """A verb of what was meant, feared or might happen, not what happened: "to kill", "would shoot"."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ in words.modals) for c in verb.children)


def _doer(words: FigureWords, head: Token) -> bool:
    """The subject of an active verb that is not about what befell it ("died", "suffered
    wounds", "are dead"): the people who acted, not the victims."""
    subject = head
    while subject.dep_ == "conj" and subject.head is not subject:
        subject = subject.head
    verb = subject.head
    return subject.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_ not in words.befallen_subject_verbs


def _join_coordinated(patterns: FigurePatterns, text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "Three men and a woman were wounded": one count of four."""
    joined: list[Quantity] = []
    for quantity in quantities:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.category == quantity.category
            and previous.category != "other"
            and patterns.coordination.fullmatch(text[previous.end : quantity.start])
        ):
            joined[-1] = Quantity(
                text=text[previous.start : quantity.end],
                start=previous.start,
                end=quantity.end,
                min=_add(previous.min, quantity.min),
                max=_add(previous.max, quantity.max),
                unit=previous.unit if previous.unit == quantity.unit else "people",
                category=quantity.category,
            )
        else:
            joined.append(quantity)
    return joined


def _add(first: Optional[float], second: Optional[float]) -> Optional[float]:
    return None if first is None or second is None else first + second


def _object_of_the_verb(token: Token) -> bool:
    """ "shot himself", "killed his wife and himself", "killed his wife, then himself" (which the
    parser leaves loosely attached to the verb)."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ == "dobj" or token.dep_ in LOOSE_OBJECT_DEPS and token.head.pos_ == "VERB"


def _single_determiner(words: FigureWords, token: Token) -> bool:
    """ "a man", "his wife", "the woman's boyfriend"."""
    return any(
        c.dep_ in {"det", "poss"}
        and c.lower_ in words.single_determiners
        or c.dep_ == "poss"
        and c.pos_ in {"NOUN", "PROPN"}
        for c in token.children
    )


def _the_other(token: Token) -> bool:
    """ "the other man", "the other victim": one more person beside those already counted."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and any(
        c.dep_ == "amod" and c.lower_ == "other" for c in token.children
    )


def _nominal_category(words: FigureWords, token: Token) -> Optional[str]:
    """ "the fatal shooting of X": dead; "the shooting of X": shot; "the killing of X": dead."""
    if not (token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in words.victim_of):
        return None
    event = token.head.head
    if event.lower_ in words.harm_event_nouns:
        return (
            "dead"
            if any(c.lower_ in words.fatal_words for c in event.children)
            else (SHOT if event.lower_ in words.shot_event_nouns else "injured")
        )
    return "dead"


def _agent_noun(words: FigureWords, token: Token) -> bool:
    """A noun for someone who does something: "a taxi driver", "a cashier", "a pharmacist"."""
    return (
        token.pos_ == "NOUN"
        and token.lower_.endswith(words.agent_endings)
        and len(token.text) > 5
        and token.lemma_.lower() not in words.things_with_agent_endings
    )


def _victim_position(words: FigureWords, token: Token) -> bool:
    """Where a victim stands: subject of a passive ("was shot"), object of an active verb
    ("killed a man"), or subject of "died"; or joined to one ("three men and a woman")."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "nsubjpass" or token.dep_ == "dobj":
        return True
    if token.lower_ in words.reflexives and _object_of_the_verb(token):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in words.victim_of:
        return True
    if (
        token.dep_ == "nsubj"
        and token.head.lemma_ in words.suffer_verbs
        and any(c.dep_ == "dobj" and c.lemma_ in words.wound_nouns for c in token.head.children)
    ):
        return True
    if any(_befell_the_relative(words, child) for child in token.children if child.dep_ == "relcl"):
        return True  # "a juvenile who had sustained a gunshot wound", "a man who had been shot"
    # "found Jane Doe dead": the subject of a small clause of death
    return token.dep_ == "nsubj" and (token.head.lemma_ in words.dying_verbs or token.head.lower_ == "dead")


def _befell_the_relative(words: FigureWords, verb: Token) -> bool:
    """A relative clause telling what befell the one it describes: "who had sustained a gunshot
    wound" (a wound suffered), "who had been shot" (a passive with "who" its subject)."""
    relative = [c for c in verb.children if c.lower_ in words.relative_pronouns and c.dep_ in {"nsubj", "nsubjpass"}]
    if not relative:
        return False
    if relative[0].dep_ == "nsubjpass":
        return True
    return verb.lemma_ in words.suffer_verbs and any(
        c.dep_ == "dobj" and c.lemma_ in words.wound_nouns for c in verb.children
    )


# An entity read from the tokens' IOB tags around one token: Doc.ents rebuilds every entity of
# the document on each access, which made one look-up per victim quadratic in a long document.
def _entity_start(token: Token) -> int:
    if not _in_entity(token):
        return token.i
    doc, start = token.doc, token.i
    while doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _entity_end(token: Token) -> int:
    if not _in_entity(token):
        return token.i + 1
    doc, end = token.doc, token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _in_entity(token: Token) -> bool:
    return token.ent_iob_ == "I" or token.ent_iob_ == "B" and bool(token.ent_type)


def _has_subject(verb: Token) -> bool:
    """A conjoined verb with a subject of its own is another clause ("..., and a third was wounded")."""
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in verb.children)


def _is_place_object(words: FigureWords, token: Token) -> bool:
    return token.dep_ == "dobj" and (token.pos_ == "PROPN" or token.lemma_ in words.place_nouns)


def _tallies_a_period(patterns: FigurePatterns, text: str, amount: Amount) -> bool:
    """A running tally over a period ("have been killed so far this year", "the 40th homicide
    since January"), told in the perfect or as a year's count: news of many incidents."""
    start, end = _sentence_around(text, amount)
    sentence = text[start:end]
    periods = [*patterns.tally_period.finditer(sentence)]
    if patterns.tally_tense.search(sentence):
        periods += patterns.this_year.finditer(sentence)
    # the period must belong to the count's clause: "Three people were killed Saturday, bringing
    # the year's homicides to 40" tells one incident's toll, then a tally
    return any(
        not CLAUSE_BREAK.search(text[min(amount.end, start + p.end()) : max(amount.start, start + p.start())])
        for p in periods
    )


def _sentence_around(text: str, amount: Amount) -> tuple[int, int]:
    low, high = max(0, amount.start - _CUE_REACH), min(len(text), amount.end + _CUE_REACH)
    start = max(low, text.rfind(". ", low, amount.start) + 1, text.rfind("\n", low, amount.start) + 1)
    stops = [i for i in (text.find(". ", amount.end, high), text.find("\n", amount.end, high)) if i != -1]
    return start, min(stops) if stops else high


def _is_count(patterns: FigurePatterns, text: str, amount: Amount) -> bool:
    number_text = text[amount.number_start : amount.end]
    if _YEAR.match(number_text):
        return False
    if patterns.not_a_count_after.match(text[amount.end : amount.end + 30]):
        return False
    if patterns.not_a_count_before.search(text[max(0, amount.start - 12) : amount.start]) and not _DATELINE.fullmatch(
        text, text.rfind("\n", 0, amount.start) + 1, amount.start
    ):
        return False
    if re.match(r"0\d", number_text):
        return False  # "09-17", "007": a code, not a count
    if (
        patterns.age_after_name.search(text[max(0, amount.start - 40) : amount.start])
        and patterns.age_close.match(text[amount.end : amount.end + 8])
        and (amount.min or 0) < 120
    ):
        return False  # "Jane Doe, 32, said ...": an age
    if amount.min != 1 or not patterns.one_of.match(text[amount.end : amount.end + 12]):
        return True
    # "one of them died" is one dead; "one of the men" counts nobody
    return patterns.one_of_them_died.match(text, amount.end) is not None


def _one_named(match: re.Match[str], group: str, category: str) -> Quantity:
    """One person, named by ``group`` of a headline's match ("the death of a teen": one dead)."""
    return Quantity(
        text=match.group(group),
        start=match.start(group),
        end=match.end(group),
        min=1,
        max=1,
        unit="people",
        category=category,
    )


def _start(quantity: Quantity) -> int:
    return quantity.start


def _is_demonym(word: str) -> bool:
    """ "Armenians", "Azerbaijanis", "Palestinians": a capitalised plural people noun."""
    return word[:1].isupper() and word.endswith(("ans", "is", "ese", "ks", "ts", "chs", "ds")) and len(word) > 4


def _next_is_unit(cues: CueLexicon, words: list[re.Match]) -> bool:
    return any((cue := cues.lookup(word.group(0))) is not None and cue.unit for word in words)
