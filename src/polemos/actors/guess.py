"""Educated guesses for organisations the knowledge base does not know.

An unknown organisation's name usually says what it is ("... Liberation Front",
"Ministry of ...", "... Mining"); the language's ``patterns/actors.toml`` says which words
do (``ActorWords.organisation_guesses``). (An unknown person's title says their sector:
see ``polemos.actors.people`` and the language's ``tables/actors_person_titles.csv``.)
"""

from __future__ import annotations

from typing import Optional

from polemos.actors.words import ActorWords


def guess_organisation(name: str, words: ActorWords) -> tuple[str, Optional[str]]:
    """(kind, sector) for an unknown organisation name."""
    lowered = name.lower()
    for guess in words.organisation_guesses:
        if guess.pattern.search(lowered):
            return guess.kind, guess.sector
    return "organisation", None
