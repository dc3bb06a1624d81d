"""Name keys: the one normal form under which place names are stored and looked up.

Both the index builder and the lookup use ``name_key`` so that "Khān Yūnis",
"Khan Yunis" and "KHAN-YUNIS" meet, and "St. Louis" meets "St Louis".
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[\-‐‑‒–—_/]+")
_DROP = re.compile(r"[.\"“”()\[\]]")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(text: str) -> str:
    """Case-, accent-, punctuation- and article-insensitive key of a place name."""
    key = strip_accents(text.translate(_APOSTROPHES)).casefold()
    key = key.replace("ı", "i").replace("ə", "a").replace("ł", "l").replace("ø", "o")
    key = _DROP.sub("", key)
    key = _DASHES.sub(" ", key)
    key = _SPACES.sub(" ", key).strip(" ,;:'")
    return _LEADING_THE.sub("", key)


# Generic words that turn a name into the name of an area around it ("Rapides Parish",
# "Donetsk Oblast"); looking a mention up without them is the fallback when the whole
# phrase is not in the gazetteer.
_AREA_WORDS = (
    "county",
    "parish",
    "province",
    "region",
    "oblast",
    "governorate",
    "district",
    "state",
    "prefecture",
    "municipality",
    "township",
    "borough",
    "city",
    "town",
    "village",
    "area",
    "raion",
    "rayon",
    "krai",
    "marz",
    "department",
)
_AREA_SUFFIX = re.compile(r"\s+(?:%s)$" % "|".join(_AREA_WORDS))
_AREA_PREFIX = re.compile(r"^(?:(?:city|town|village|state|county|province|region) of)\s+")
_POSSESSIVE = re.compile(r"'s?$")
# A part of a place named by its side ("East Memphis", "west Kissimmee") lies in that place;
# the rest must be a real name, not a word like "side" ("South Side").
_PART_PREFIX = re.compile(
    r"^(?:north|south|east|west|northeast|northwest|southeast|southwest|central"
    r"|downtown|uptown|greater|northern|southern|eastern|western)\s+"
    r"(?!(?:side|end|area|district|town|city|bank|coast|shore|village|park)$)(?=\S{2,})"
)


_SAINT = re.compile(r"(?<![\w'])(?:st|saint)(?= )")


def fallback_keys(key: str) -> list[str]:
    """Looser keys to try, in order, when ``key`` itself is not in the gazetteer: the other
    spelling of "Saint" ("St. Johns County" is GeoNames' "Saint Johns County"), then shorter
    forms."""
    variants: list[str] = []
    other_saint = _SAINT.sub(lambda m: "saint" if m.group(0) == "st" else "st", key)
    if other_saint != key:
        variants.append(other_saint)
    for pattern in (_POSSESSIVE, _AREA_SUFFIX, _AREA_PREFIX, _PART_PREFIX):
        shorter = pattern.sub("", key).strip()
        if shorter and shorter != key and shorter not in variants:
            variants.append(shorter)
    return variants


# A city must be this populous for "North X" or "Southwest X" to name a side of it: a side of
# a village is no place a writer names ("North Pecos" is a road in Las Vegas, not Pecos, N.M.).
SIDED_CITY_POPULATION = 50_000


def part_core(key: str) -> str | None:
    """The place a key names a side of ("west charlotte" -> "charlotte"), else None."""
    core = _PART_PREFIX.sub("", key).strip()
    return core if core and core != key else None
