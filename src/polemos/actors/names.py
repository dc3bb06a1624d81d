"""How actor names are compared: one normal form for aliases and mentions alike."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from polemos.actors.words import ActorWords

# Arabic articles joined to a name by a hyphen: al-Shabaab, el-Fasher, ad-Dawla, ash-Sham.
ARABIC_ARTICLES = {"al", "el", "ad", "ar", "as", "an", "at", "ash", "az", "ed", "es", "et", "ul"}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
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


def normal_form(text: str, words: "ActorWords") -> str:
    """Case-folded, accent-free, article- and possessive-free form of a name (the language's
    article and possessive ending, ``words``)."""
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()
    text = words.possessive.sub("", text)
    text = words.leading_article.sub("", text)
    return strip_accents(text).casefold().strip(" .,;:")


def acronym_form(text: str, words: "ActorWords") -> str:
    """Exact-case form for acronyms: accents, article, possessive and dots removed."""
    text = _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()
    text = words.possessive.sub("", text)
    text = words.leading_article.sub("", text)
    return strip_accents(text).replace(".", "").strip()


def slug(text: str) -> str:
    """A stable identifier for a name: "Popular Front of Xland" -> "popular-front-of-xland"."""
    ascii_text = strip_accents(text.translate(_APOSTROPHES)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "actor"


def article_capitalised(alias: str) -> str | None:
    """ "al-Shabaab" -> "Al-Shabaab", the form a name takes at the start of a sentence; None for
    names that do not open with a lower-case Arabic article."""
    article, hyphen, rest = alias.partition("-")
    if hyphen and article in ARABIC_ARTICLES and rest[:1].isupper():
        return article.capitalize() + hyphen + rest
    return None


def mend_article(span: "Span") -> "Span":
    """Join a name the tokenizer or NER cut at an Arabic article: "[Al-] [Shabaab]" -> "Al-Shabaab"."""
    doc = span.doc
    start, end = span.start, span.end
    if end < len(doc) and doc[end - 1].text == "-" and end - 2 >= start and _article(doc[end - 2]):
        if doc[end].text[:1].isupper():
            end += 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
    if start >= 2 and doc[start - 1].text == "-" and _article(doc[start - 2]) and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def _article(token) -> bool:
    return token.lower_ in ARABIC_ARTICLES and not token.whitespace_
