"""How actor names are compared: one normal form for aliases and mentions alike."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_POSSESSIVE = re.compile(r"(?:'s|s')$")
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_acronym(alias: str) -> bool:
    """Upper-case short forms ("US", "U.N.", "OSCE") that must match with their case.

    Matching them case-insensitively would read the pronoun "us" as the United
    States or "it" as a country code.
    """
    letters = alias.replace(".", "").replace("-", "").replace(" ", "")
    return 1 < len(letters) <= 7 and letters.isupper() and letters.isalnum()


def normal_form(text: str) -> str:
    """Case-folded, accent-free, article- and possessive-free form of a name."""
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_ARTICLE.sub("", text)
    return strip_accents(text).casefold().strip(" .,;:")


def acronym_form(text: str) -> str:
    """Exact-case form for acronyms: accents, article, possessive and dots removed."""
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING_ARTICLE.sub("", text)
    return strip_accents(text).replace(".", "").strip()


def slug(text: str) -> str:
    """A stable identifier for a name: "Popular Front of Xland" -> "popular-front-of-xland"."""
    ascii_text = strip_accents(text.translate(_APOSTROPHES)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "actor"
