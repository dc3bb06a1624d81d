"""Where a news outlet is at home: the state its web address names, and its part of a title.

A local outlet reports mostly from its own area, so among namesakes in several states the one
in the outlet's state is the likelier: "Pasadena" on nbclosangeles.com is the Californian city,
not the Texan one, and "Yuma" in the Denver Post the Colorado town. An address names its area in
its host ("nbclosangeles.com", "mysanantonio.com", "denverpost.com", "stlouis.cbslocal.com") or
in a section of its path ("wapt.com/news/central-mississippi/...", "dnainfo.com/chicago/...").
Only large places are read there (a first-level division, or a city of ``HOME_MIN_POPULATION``
people): a host's other words ("dailynews", "tribune") and a path's sections ("local", "crime")
are no towns of that size. A headline's slug ("4-shot-in-east-germantown") is no section: a
section has a few words at most. A name that points to several states (a "washington" host)
says nothing, unless one city of that name is far larger than the others ("kansascity": the
Missouri city). A host is also read among the countries any of the text's names may lie in when
its resolved places lie elsewhere ("Chester" first read as the English city).

A title names its outlet too ("... - WDRB 41 Louisville News", "Youngstown news, ...");
``site_part`` finds that part, whose town is not the one the headline says the story happened in,
but is the outlet's home: when the address names none, the state of a city named there is the
home (``title_home_states``), though not a state or region named alone ("South Georgia News").
"""

from __future__ import annotations

import re
from typing import AbstractSet, Callable, Iterable, Optional
from urllib.parse import urlsplit

from polemos.geo.gazetteer import Candidate
from polemos.geo.words import GeoWords

HOME_MIN_POPULATION = 50_000
HOST_NAME_MIN_CHARS = 5  # "tulsa", "miami"; shorter pieces of a host are too often other words
SECTION_MAX_WORDS = 3
MAX_TITLE_NAME_WORDS = (
    3  # "Wichita Falls", "New York City"  # "central-mississippi", "new-york"; a headline's slug is longer
)
# How much larger the largest city of a name must be than the next to be the one a host means.
DOMINANT_RATIO = 3
_ARCHIVED = re.compile(r"https?://", re.IGNORECASE)
_SECTION_WORD = re.compile(r"^[a-z]+$")
_SETTLEMENTS = ("city", "town", "village")

Lookup = Callable[[str], list[Candidate]]


def page_address(url: str) -> Optional[tuple[str, list[str]]]:
    """(host, path sections) of the page's own address: for an archived copy
    ("web.archive.org/web/2015.../http://www.example.com/..."), the archived page's."""
    starts = [m.start() for m in _ARCHIVED.finditer(url or "")]
    if not starts:
        return None
    parts = urlsplit(url[starts[-1] :])
    host = (parts.hostname or "").lower()
    return host, [section for section in parts.path.lower().split("/") if section]


def host_labels(host: str) -> list[str]:
    """The labels of a host that may name a place: not "www" nor the top-level domain."""
    labels = host.split(".")[:-1]
    return [label.replace("-", "") for label in labels if label != "www"]


def names_in_label(label: str, written_keys: AbstractSet[str]) -> list[str]:
    """The place keys (without spaces) written inside a host label, longest first and not
    overlapping: "nbclosangeles" -> ["losangeles"], "kansascity" -> ["kansascity"]."""
    found: list[str] = []
    taken: set[int] = set()
    for size in range(len(label), HOST_NAME_MIN_CHARS - 1, -1):
        for start in range(len(label) - size + 1):
            piece = label[start : start + size]
            if piece in written_keys and taken.isdisjoint(range(start, start + size)):
                found.append(piece)
                taken.update(range(start, start + size))
    return found


def section_name(section: str, words: GeoWords) -> Optional[str]:
    """The name a short path section is, a word of region before it (``words.region_words``) set aside:
    "chicago" -> "chicago", "central-mississippi" -> "mississippi". A long section (a
    headline's slug) is none."""
    parts = re.split(r"[-_]+", section)
    if not 0 < len(parts) <= SECTION_MAX_WORDS or not all(_SECTION_WORD.match(part) for part in parts):
        return None
    if len(parts) > 1 and parts[0] in words.region_words:
        parts = parts[1:]
    return " ".join(parts)


def home_states(
    url: str,
    by_written_key: dict[str, list[Candidate]],
    lookup: Lookup,
    countries: AbstractSet[str],
    words: GeoWords,
    host_only: bool = False,
) -> frozenset[str]:
    """The first-level divisions (GeoNames admin1 codes) the page's address names as its home,
    among those of ``countries`` (ISO alpha-2: the countries the text's places lie in): those its
    host names, else the one its first section naming one names (a later one is a part of the
    area, "/chicago/.../austin/", or a headline's words)."""
    address = page_address(url)
    if address is None or not countries:
        return frozenset()
    host, sections = address
    homes: set[str] = set()
    for label in host_labels(host):
        for key in names_in_label(label, by_written_key.keys()):
            homes |= _one_state(by_written_key[key], countries)
    if homes or host_only:
        return frozenset(homes)
    for section in sections:
        name = section_name(section, words)
        found = _one_state(_large(lookup(name)), countries) if name else set()
        if found:
            return frozenset(found)
    return frozenset()


def title_home_states(
    title: str,
    by_written_key: dict[str, list[Candidate]],
    lookup: Lookup,
    words: GeoWords,
    countries: AbstractSet[str] = frozenset(),
) -> frozenset[str]:
    """The first-level divisions the part of a title naming its outlet (``site_part``) names
    as its home: the state of a city named there ("Youngstown news, ..." -> Ohio) and a state
    written after a city ("WOWK 13 Charleston, Huntington WV", "... - Columbia, South Carolina";
    ``lookup`` finds a state by its name or code). A state or region named alone is a station's area, not
    its home ("... - WALB.com, South Georgia News" above a story from Virginia). Among
    ``countries`` (ISO alpha-2) when given, else wherever the places lie."""
    start, end = site_part(title, words)
    part = title[start:end]
    found: set[str] = set()
    for name in _states_after_cities(part):
        states = [c for c in lookup(name) if c.feature == "admin1"]
        found |= _one_state(states, countries or {c.country_iso2 for c in states if c.country_iso2})
    if found:  # a state written out says more than the largest city of a name
        return frozenset(found)
    title_words = re.findall(r"[A-Za-z]+", part)
    taken: set[int] = set()
    for size in range(MAX_TITLE_NAME_WORDS, 0, -1):
        for first in range(len(title_words) - size + 1):
            key = "".join(word.lower() for word in title_words[first : first + size])
            cities = [c for c in by_written_key.get(key, []) if c.feature in _SETTLEMENTS]
            if len(key) >= HOST_NAME_MIN_CHARS and cities and taken.isdisjoint(range(first, first + size)):
                taken.update(range(first, first + size))  # "Wichita Falls", not also Wichita
                found |= _one_state(cities, countries or {c.country_iso2 for c in cities if c.country_iso2})
    return frozenset(found)


# A state after a city: its code ("Huntington WV", "Charleston, SC") or its name after a comma
# ("Memphis, Tennessee", "Columbia, South Carolina").
_CODE_AFTER_CITY = re.compile(r"[A-Z][a-z][\w.'’]*,?\s+([A-Z]{2})\b")
_NAME_AFTER_CITY = re.compile(r"[A-Z][a-z][\w.'’]*,\s+([A-Z][a-z]+)(?:\s([A-Z][a-z]+))?")


def _states_after_cities(part: str) -> list[str]:
    names = [match.group(1) for match in _CODE_AFTER_CITY.finditer(part)]
    for match in _NAME_AFTER_CITY.finditer(part):
        names += [f"{match.group(1)} {match.group(2)}", match.group(1)] if match.group(2) else [match.group(1)]
    return names


def _large(candidates: Iterable[Candidate]) -> list[Candidate]:
    return [
        c
        for c in candidates
        if c.primary_name
        and (c.feature == "admin1" or (c.feature in _SETTLEMENTS and c.population >= HOME_MIN_POPULATION))
    ]


def _one_state(candidates: list[Candidate], countries: AbstractSet[str]) -> set[str]:
    """The one first-level division the places of a name lie in, or that its far largest city
    lies in; nothing when the name points to several."""
    inside = [c for c in candidates if c.country_iso2 in countries and c.admin1]
    states = {c.admin1 or "" for c in inside}
    if len(states) == 1:
        return states
    if not inside or any(c.feature == "admin1" for c in inside):
        return set()
    largest = max(inside, key=lambda c: c.population)
    elsewhere = max(c.population for c in inside if c.admin1 != largest.admin1)
    return {largest.admin1 or ""} if largest.population >= DOMINANT_RATIO * elsewhere else set()


# A title's parts: "headline - Station News - City, ST", "headline | Site.com | City, ST | News".
_TITLE_SEPARATOR = re.compile(r"\s+(?:-|–|—|\||::)\s+|\s*\|\s*")
_CALL_LETTERS = re.compile(r"\b[KW][A-Z]{2,3}\b")


def site_part(title: str, words: GeoWords) -> tuple[int, int]:
    """Where a title names its outlet rather than its story (offsets ``start, end`` into
    ``title``; equal when it names none): its parts from the first one that names an outlet
    to the end ("... - WDRB 41 Louisville News", "... - wistv.com - Columbia, South Carolina",
    "... | Live5News.com | Charleston, SC | News, Weather, Sports"), or an opening
    "Youngstown news, " ("Bridgeport News: "). The headline's own part is never the outlet's."""
    leading = words.leading_outlet.match(title)  # "Youngstown news, Campbell police release ..."
    if leading:
        return 0, leading.end(1)
    separators = list(_TITLE_SEPARATOR.finditer(title))
    for separator in separators:
        part_end = next((s.start() for s in separators if s.start() > separator.start()), len(title))
        part = title[separator.end() : part_end]
        if _outlet_words(part, words):
            return separator.end(), len(title)
    return len(title), len(title)


def _outlet_words(part: str, words: GeoWords) -> bool:
    """Whether a title's part names an outlet: a word of the trade ("News", ".com", "TV",
    ``words.outlet_word``) or call letters in capitals ("WWBT"; not "War" nor "Kin", which
    title case writes so too)."""
    lowered = re.sub(r"\b[KW][A-Za-z]{2,3}\b", "", part)
    return bool(words.outlet_word.search(lowered)) or bool(_CALL_LETTERS.search(part))
