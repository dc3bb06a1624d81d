"""The actor knowledge base: states, breakaway entities, organisations, armed
groups and office holders, with every name they go by.

``KnowledgeBase.load()`` reads the CSV files in ``polemos/data/actors/`` (each
row carries a ``source``); nothing is cached between loads.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Union

from polemos.actors.names import acronym_form, is_acronym, normal_form
from polemos.actors.words import ActorWords
from polemos.lang import LanguageData

DATA_PACKAGE = "polemos.data"
DATA_FOLDER = "actors"
# Capitals of very small countries ("The Valley", "Victoria") read as ordinary
# words or as other places far more often than as their government.
MIN_POPULATION_FOR_CAPITAL_METONYM = 300_000
# When several entries share a name, the stronger kind of alias wins.
ALIAS_STRENGTH = {"name": 0, "seat": 1, "demonym": 2, "capital": 3}


@dataclass(frozen=True)
class Entry:
    """One knowledge-base actor (for people: one term in office)."""

    id: str
    name: str
    kind: str  # state | breakaway_state | autonomous_region | organisation | armed_group | party | person
    sector: Optional[str] = None
    country: Optional[str] = None
    wikidata: Optional[str] = None
    role: Optional[str] = None
    start: Optional[date] = None
    end: Optional[date] = None
    organisation: Optional[str] = None  # for people who lead an organisation or group
    plover_code: Optional[str] = None
    source: str = ""

    def in_office(self, when: date) -> bool:
        if self.start and when < self.start:
            return False
        return not (self.end and when >= self.end)

    def with_sector(self, sector: str) -> "Entry":
        """The same entity seen through one of its sectors: AZE + MIL -> ``AZE.MIL``."""
        if sector == self.sector:
            return self
        base = self.id.split(".")[0]
        return dataclasses.replace(self, id=f"{base}.{sector}", sector=sector)


@dataclass(frozen=True)
class Match:
    entry: Entry
    alias_type: str  # name | seat | demonym | capital


@dataclass(frozen=True)
class SectorNoun:
    noun: str
    sector: str
    kind: str
    needs_owner: bool  # "the state" alone is no actor; "the Azerbaijani state" is
    foreign: bool = False  # "settlers", "mercenaries": never of the state named around them


class KnowledgeBase:
    def __init__(
        self,
        entries: Iterable[tuple[Entry, str, str]],
        sector_nouns: Iterable[SectorNoun],
        person_titles: Optional[dict[str, Optional[str]]] = None,
        *,
        words: ActorWords,
    ):
        """``entries`` are (entry, alias, alias_type) triples; ``person_titles`` maps title words
        ("president", "lt.", "secretary-general") to the PLOVER sector they confer, or None;
        ``words`` say how the language writes an article and a possessive, dropped before
        names are compared."""
        self.words = words
        self._folded: dict[str, list[Match]] = {}
        self._acronyms: dict[str, list[Match]] = {}
        self._aliases: list[tuple[str, Match]] = []
        self.by_id: dict[str, Entry] = {}
        for entry, alias, alias_type in entries:
            self._add(entry, alias, alias_type)
        self.sector_nouns = {noun.noun: noun for noun in sector_nouns}
        self.person_titles = dict(person_titles or {})

    def _add(self, entry: Entry, alias: str, alias_type: str) -> None:
        match = Match(entry, alias_type)
        index, key = (
            (self._acronyms, acronym_form(alias, self.words))
            if is_acronym(alias)
            else (self._folded, normal_form(alias, self.words))
        )
        if key and match not in index.setdefault(key, []):
            index[key].append(match)
            self._aliases.append((alias, match))
        self.by_id.setdefault(entry.id, entry)

    # -- loading -----------------------------------------------------------------

    @classmethod
    def load(cls, path: Union[str, Path, None] = None, language: Optional[LanguageData] = None) -> "KnowledgeBase":
        """Read the knowledge base from ``path`` (a folder of CSV files) or the packaged data, with
        the sector nouns and person titles of ``language`` (English when none is given)."""
        folder = Path(path) if path else resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
        from polemos.actors.kb_files import read_entries, read_person_titles, read_sector_nouns

        language = language or LanguageData.load()
        return cls(
            read_entries(folder), read_sector_nouns(language), read_person_titles(language), words=ActorWords(language)
        )

    # -- queries -----------------------------------------------------------------

    def matches(self, name: str, when: Optional[date] = None) -> list[Match]:
        """Entries known by ``name``, best first (see ``lookup``)."""
        found = self._exact(name)
        if not found and name.rstrip("'’").endswith("s") and len(name) > 3:
            found = self._exact(name.rstrip("'’")[:-1])  # "Armenians" -> "Armenian"
        return _rank(found, when)

    def lookup(self, name: str, when: Optional[date] = None) -> list[Entry]:
        """Entries known by ``name``, best first, one per entity.

        People are ranked by whether they held office on ``when`` ("Aliyev" in
        2023 is Ilham Aliyev, in 1995 Heydar Aliyev); among several terms of one
        person the term in office (or else the latest) is returned.
        """
        return [match.entry for match in self.matches(name, when)]

    def _exact(self, name: str) -> list[Match]:
        found = list(self._acronyms.get(acronym_form(name, self.words), []))
        found += self._folded.get(normal_form(name, self.words), [])
        return found

    def entry(self, entry_id: str) -> Optional[Entry]:
        return self.by_id.get(entry_id)

    def sector_noun(self, text: str) -> Optional[SectorNoun]:
        return self.sector_nouns.get(text.lower())

    def is_person_title(self, word: str) -> bool:
        return word.lower() in self.person_titles

    def person_sector(self, title_words: list[str]) -> Optional[str]:
        """Sector from the words around a person's name; the title word nearest the name wins."""
        for word in reversed(title_words):
            sector = self.person_titles.get(word.lower())
            if sector:
                return sector
        return None

    def aliases(self) -> list[tuple[str, Match]]:
        """Every (alias, match) pair, in file order."""
        return list(self._aliases)

    def ruler_patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns for names the statistical NER tends to mislabel."""
        from polemos.actors.patterns import ruler_patterns

        return ruler_patterns(self)


def _rank(found: list[Match], when: Optional[date]) -> list[Match]:
    best: dict[str, tuple[tuple, Match]] = {}
    for position, match in enumerate(found):
        key = (_time_rank(match.entry, when), ALIAS_STRENGTH.get(match.alias_type, 9), position)
        if match.entry.id not in best or key < best[match.entry.id][0]:
            best[match.entry.id] = (key, match)
    return [match for _, match in sorted(best.values(), key=lambda item: item[0])]


def _time_rank(entry: Entry, when: Optional[date]) -> tuple:
    """0 for an entry in office on ``when``, then the most recently ended terms."""
    if entry.kind != "person":
        return (0, 0)
    if when is not None and entry.in_office(when):
        return (0, 0)
    if when is None and entry.end is None:
        return (0, 0)
    if when is not None and entry.start and entry.start > when:
        return (2, (entry.start - when).days)  # not yet in office: a weak reading
    ended = entry.end or date.max
    reference = when or date.today()
    return (1, abs((reference - ended).days))


def parse_date(value: Optional[str]) -> Optional[date]:
    """An ISO date (or its first 10 characters, as in timestamps); None if absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]
