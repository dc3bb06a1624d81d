"""The places a document's title names, as context for resolving the places of its text.

A news page's title often says what its text leaves out: the site's city and state ("... -
Action News 5 - Memphis, Tennessee", "... for Charlotte, NC") or the state of a town the text
names alone ("Yuma reeling after ..." on a page whose title ends "Denver, Colorado"). Headlines
are often written in title case, so their capitals say little; a name in the title is taken
only when it is unmistakable:

* a name the text itself names as a place (the title repeats the story's town), which lets a
  state written after it in the title ("Charlotte, NC") bear on the text's mentions;
* a first-level division written as a container after a name (", Tennessee", ", NC"), not
  one named alone (a station's region: "South Georgia News" above a story from Virginia);
* the name written before such a division (the site's city, "Hattiesburg, MS");
* a town's own name that the headline says the story happened in (``cued``): after "in",
  "near", "outside" ("Four shot in west Baltimore") or before the event ("weekend Bridgeport
  shooting", "Bellflower barbershop shooting") or a police force ("Campbell police release
  names"). Such a town is the story's place when the text names none.
"""

from __future__ import annotations

import re
from typing import Callable

from polemos.geo.gazetteer import Candidate
from polemos.geo.normalize import SIDED_CITY_POPULATION, name_key
from polemos.geo.words import GeoWords

MAX_WORDS = 3
_WORD = re.compile(r"[A-Z][\w'’.]*")
# ", NC", ", Mo.", ", South Carolina" right after a name.
_WRITTEN_STATE = re.compile(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
_SETTLEMENTS = ("city", "town", "village")

Lookup = Callable[[str], list[Candidate]]

ABBREVIATION_LETTERS = 4  # "LES", "KCK", "NAU": a headline's abbreviations are no town's name


def cued(title: str, start: int, end: int, words: GeoWords) -> bool:
    """Whether the headline names the place at ``start:end`` as where its story happened: a
    preposition of place before it (``words.headline_place_before``; a side of the town may come
    between) or an event noun or a police force after it (``words.headline_event_after``; one
    word may come between, "Bellflower Barbershop Shooting", though not a county's name:
    "DeKalb County police" names no town DeKalb)."""
    name = title[start:end]
    if name.isupper() and len(name) <= ABBREVIATION_LETTERS:
        return False
    return bool(words.headline_place_before.search(title[:start]) or words.headline_event_after.match(title, end))


def title_toponyms(
    title: str, text_keys: set[str], countries: set[str], lookup: Lookup, words: GeoWords
) -> list[tuple[int, int]]:
    """Character spans (into ``title``) of the names it is safe to take as places (see the
    module's description). ``text_keys``: name keys of the text's toponyms; ``countries``:
    ISO alpha-2 codes of the countries its places lie in (a division or town taken from the
    title alone must lie in one)."""
    capitalised = list(_WORD.finditer(title))
    taken: list[tuple[int, int]] = []
    index = 0
    while index < len(capitalised):
        span = _longest_name(title, capitalised, index, text_keys, countries, lookup, words)
        if span is None:
            index += 1
            continue
        taken.append(span)
        index = next((i for i in range(index, len(capitalised)) if capitalised[i].start() >= span[1]), len(capitalised))
    return sorted(taken)


def _longest_name(
    title: str,
    capitalised: list,
    index: int,
    text_keys: set[str],
    countries: set[str],
    lookup: Lookup,
    words: GeoWords,
):
    for size in range(min(MAX_WORDS, len(capitalised) - index), 0, -1):
        chosen = capitalised[index : index + size]
        if not all(title[a.end() : b.start()] == " " for a, b in zip(chosen, chosen[1:])):
            continue
        start, end = chosen[0].start(), chosen[-1].end()
        if title[end - 1] == "." and not _state(title[start:end], countries, lookup):
            end -= 1  # a sentence's full stop, not an abbreviation's
        if _is_title_place(title, start, end, text_keys, countries, lookup, words):
            return start, end
    return None


def _is_title_place(
    title: str, start: int, end: int, text_keys: set[str], countries: set[str], lookup: Lookup, words: GeoWords
) -> bool:
    name = title[start:end]
    if name_key(name) in text_keys:
        return True
    smallest = SIDED_CITY_POPULATION if words.headline_side_before.search(title[:start]) else 0  # "in west Baltimore"
    if cued(title, start, end, words) and any(
        c.feature in _SETTLEMENTS
        and c.primary_name
        and c.population >= smallest
        and (not countries or c.country_iso2 in countries)
        for c in lookup(name)
    ):
        return True  # "Four shot in Tulsa" above a text naming no town
    if title[:start].rstrip().endswith(",") and _state(name, countries, lookup):
        return True  # ", NC", ", Tennessee" after a name (not "South Georgia News", a station's region)
    following = _WRITTEN_STATE.match(title, end)
    written = following.group(1) if following else ""
    if not (written and (_state(written, countries, lookup) or _state(written.split()[0], countries, lookup))):
        return False
    return any(c.feature in _SETTLEMENTS and c.country_iso2 in countries for c in lookup(name))


def _state(name: str, countries: set[str], lookup: Lookup) -> bool:
    return any(c.feature == "admin1" and c.country_iso2 in countries for c in lookup(name))
