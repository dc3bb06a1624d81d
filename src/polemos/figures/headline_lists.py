"""Victims a headline lists: "Teen, Woman Killed", "Mother and two sons shot dead",
"Man kills woman, her son, himself", "Shooting deaths of baby, man".

A headline names each victim instead of counting them. Two or more people joined by commas
or "and" before what befell them (the subject: "killed", "shot dead", "died", "wounded"), or
after a verb or noun of killing or shooting (the object: "kills", "shoots", "deaths of"), are
that many victims: one for each person named in the singular, the number given before a
plural ("two sons"), and at least two for a plural without one ("Father and daughters").
"""

from __future__ import annotations

import re
from typing import Optional

from polemos.figures.cues import CueLexicon
from polemos.figures.words import FigureWords
from polemos.record import Quantity

SHOT = "shot"
MIN_MEMBERS = 2


def headline_list(title: str, cues: CueLexicon, words: FigureWords) -> Optional[Quantity]:
    """The victims a headline lists by name or kind, as one count; ``None`` without such a list."""
    patterns = words.patterns
    for outcome in patterns.list_subject_outcome.finditer(title):
        before = re.split(r"[:;|]", title[: outcome.start()])[-1]
        members = _members(list(reversed(patterns.list_separator.split(before))), cues, words, doers_befallen=True)
        if len(members) >= MIN_MEMBERS:
            start = outcome.start() - len(before.lstrip())
            return _count(title, members, start, outcome.start(), _category(outcome.group("outcome"), words))
    for verb in patterns.list_object_verb.finditer(title):
        after = re.split(r"[:;|]", title[verb.end() :])[0]
        parts = patterns.list_separator.split(after)
        if parts:
            parts[-1] = patterns.list_after.sub("", parts[-1])
        members = _members(parts, cues, words)
        if len(members) >= MIN_MEMBERS:
            trailing = patterns.list_after.search(after)
            end = verb.end() + (trailing.start() if trailing else len(after))
            return _count(title, members, verb.end(), end, _category(verb.group("outcome"), words))
    return None


def _members(
    parts: list[str], cues: CueLexicon, words: FigureWords, doers_befallen: bool = False
) -> list[tuple[int, Optional[int]]]:
    """The (min, max) of each person named, from the list's first member on, until a part
    that names no one (nor a doer, unless ``doers_befallen``: the list is the subject of what
    befell them)."""
    members: list[tuple[int, Optional[int]]] = []
    for part in parts:
        part_words = words.patterns.list_after.sub("", part).split()
        if not part_words:
            break
        if re.fullmatch(r"\d+", part_words[-1]) and members:
            continue  # an age: "girl, 16, dies"
        counted = _person(part_words, cues, words, doers_befallen)
        if counted is None:
            break
        members.append(counted)
    return members


def _person(
    part_words: list[str], cues: CueLexicon, words: FigureWords, doers_befallen: bool = False
) -> Optional[tuple[int, Optional[int]]]:
    noun = part_words[-1].lower().strip(".'’")
    is_doer = noun in words.doers or _lemma_is_doer(noun, words)
    number = words.numbers.parse(part_words[-2]) if len(part_words) > 1 else None
    if noun in words.selves:
        return 1, 1
    if noun in words.others:
        return (int(number), int(number)) if number else None
    if words.patterns.list_age_noun.fullmatch(noun):
        return 1, 1
    cue = cues.lookup(noun)
    if cue is None or not cue.unit or cue.category or is_doer and not (doers_befallen and _person_doer(noun, words)):
        return None
    plural = noun.endswith("s") or noun in words.plural_people
    if number is not None:
        return int(number), int(number)
    return (2, None) if plural else (1, 1)


def _person_doer(noun: str, words: FigureWords) -> bool:
    return noun in words.person_doers or noun.rstrip("s") in words.person_doers or noun in words.person_doer_plurals


def _lemma_is_doer(noun: str, words: FigureWords) -> bool:
    return noun.rstrip("s") in words.doers or noun in words.doer_plurals


def _category(outcome: str, words: FigureWords) -> str:
    if words.patterns.list_dead_words.search(outcome):
        return "dead"
    return "injured" if words.patterns.list_hurt_words.search(outcome) else SHOT


def _count(title: str, members: list[tuple[int, Optional[int]]], start: int, end: int, category: str) -> Quantity:
    highs = [high for _, high in members]
    return Quantity(
        text=title[start:end].strip(),
        start=start,
        end=end,
        min=sum(low for low, _ in members),
        max=None if None in highs else sum(h for h in highs if h is not None),
        unit="people",
        category=category,
    )
