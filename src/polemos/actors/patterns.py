"""EntityRuler patterns drawn from the knowledge base.

The small English model misreads names it rarely saw in training: it tags
"Nagorno-Karabakh" as a person, "Erdoğan" as an organisation and cuts
"Organization for Security and Co-operation in Europe" in half. Patterns run
before the statistical NER, which keeps the entities they set.

Only names that are safe to tag wherever they appear become patterns: names of
several words, names of breakaway states, organisations and armed groups, and
people's names of several words or with letters outside ASCII. Single-word
surnames ("Austin", "Sharon") and capitals are left to the statistical model,
because as patterns they would tag cities and first names as our actors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from polemos.actors.names import article_capitalised, is_acronym

if TYPE_CHECKING:
    from polemos.actors.kb import KnowledgeBase, Match

LABEL_BY_KIND = {
    "state": "GPE",
    "breakaway_state": "GPE",
    "autonomous_region": "GPE",
    "organisation": "ORG",
    "armed_group": "ORG",
    "party": "ORG",
    "person": "PERSON",
}
# Names of several plain words of these kinds are matched in any case; an organisation's
# ("Security Council") could be an ordinary phrase in lower case.
CASELESS_KINDS = {"person", "party"}
CASELESS_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)+")
# Acronyms this short collide with ordinary words or other bodies ("IS", "AA", "AP").
MIN_ACRONYM_LETTERS = 3


def ruler_patterns(kb: "KnowledgeBase") -> list[dict]:
    patterns: dict[tuple[str, str], dict] = {}
    for alias, match in kb.aliases():
        label = _label(alias, match)
        if not label or (label, alias) in patterns or not _safe_alias(kb, alias, label):
            continue
        unambiguous = _unambiguous(kb, alias)
        for form in filter(None, (alias, article_capitalised(alias))):  # "al-Shabaab", "Al-Shabaab"
            pattern: dict[str, Any] = {"label": label, "pattern": form}
            if unambiguous:
                pattern["id"] = match.entry.id
            patterns[(label, form)] = pattern
        if match.entry.kind in CASELESS_KINDS and CASELESS_NAME.fullmatch(alias):
            # lower-cased text ("narendra modi", "bharatiya janata party"): the name in any case
            pattern = {"label": label, "pattern": [{"LOWER": word.lower()} for word in alias.split()]}
            if unambiguous:
                pattern["id"] = match.entry.id
            patterns[(label, alias.lower())] = pattern
    return list(patterns.values())


def _label(alias: str, match: "Match") -> str | None:
    entry = match.entry
    if match.alias_type == "demonym":
        return "NORP" if " " in alias and not is_acronym(alias) else None
    if match.alias_type == "capital":
        return None
    if match.alias_type == "seat":
        return "ORG" if _safe_word(alias) else None
    label = LABEL_BY_KIND.get(entry.kind)
    if label is None:
        return None
    if entry.kind == "state":
        return label if " " in alias else None  # the model knows single-word country names
    if is_acronym(alias):
        letters = alias.replace(".", "").replace("-", "")
        return label if len(letters) >= MIN_ACRONYM_LETTERS else None
    if entry.kind == "person":
        return label if " " in alias or "-" in alias or not alias.isascii() else None
    return label if _safe_word(alias) else None


def _safe_word(alias: str) -> bool:
    """Multi-word names, capitalised single words and names behind an Arabic article
    ("al-Shabaab") are safe; lower-case words are not."""
    return " " in alias or alias[:1].isupper() or article_capitalised(alias) is not None


def _safe_alias(kb: "KnowledgeBase", alias: str, label: str) -> bool:
    """Leave out "the ..." forms (the model keeps articles outside entities) and names
    that also belong to an actor of another label ("Brussels": the EU, and Belgium's capital)."""
    if alias.lower().startswith("the "):
        return False
    return all(match.alias_type != "capital" and _label(alias, match) in (label, None) for match in kb.matches(alias))


def _unambiguous(kb: "KnowledgeBase", alias: str) -> bool:
    return len({entry.id for entry in kb.lookup(alias)}) == 1
