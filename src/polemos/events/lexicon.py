"""The event lexicons: trigger phrases, mode and context cues, modality cues.

Every row comes from a language's ``tables/events_*.csv`` (``lang/en/tables/`` for English)
and keeps its ``source`` column, so each coding decision can be traced to the PLOVER manual,
the CAMEO-to-PLOVER table, or a polemos addition. ``DATA_DIR`` holds the tables of codes that
no language changes (``types.csv``, ``acled.csv``, ``acled_codes.csv``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from polemos.codes import PLOVER_TYPES  # noqa: F401 - also the events stage's public name for them
from polemos.events.limits import TriggerLimit, load_limits
from polemos.lang import LanguageData

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

FRAMES = ("agent", "patient", "mutual", "self", "obligation")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: a lemma sequence that signals an event of ``type``.

    ``frame`` says how syntax maps to roles: ``agent`` (subject acts on object),
    ``patient`` (the subject undergoes it, e.g. people who flee), ``mutual``
    (every participant is an actor, e.g. clashes, talks), ``self`` (the moved force
    acts: "troops were deployed") or ``obligation`` (a modal under a speech verb:
    "X said Y must ...", the speaker demands of Y).
    """

    lemmas: tuple[str, ...]
    pos: str  # V | N | A (any)
    type: str
    mode: str | None
    context: str | None
    frame: str
    source: str

    @property
    def text(self) -> str:
        return " ".join(self.lemmas)


TYPO_PREFIX = 7  # a verb spelled wrongly still counts when its first 7 letters match


@dataclass
class Lexicon:
    triggers: list[TriggerEntry]
    mode_cues: dict[str, dict[str, str]]  # type -> cue lemma -> mode
    context_cues: dict[str, str]  # cue (lemma or phrase) -> context
    modality_cues: dict[str, str]  # cue -> future | intent | hypothetical | negated | reporting | directive
    # What follows a violent incident on days of its own: verbs ("arrested", "arraigned") and
    # nouns ("vigil", "hearing"), lemma -> V | N.
    aftermath_cues: dict[str, set[str]] = field(default_factory=dict)
    limits: dict[tuple[str, str], list[TriggerLimit]] = field(default_factory=dict)  # (pattern, pos) -> limits
    by_lemma: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    single_verbs_by_prefix: dict[str, list[TriggerEntry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[TriggerEntry]] = defaultdict(list)
        for entry in self.triggers:
            for lemma in entry.lemmas:
                index[lemma].append(entry)
        # Longer patterns first, so "open fire" is tried before "fire".
        self.by_lemma = {k: sorted(v, key=lambda e: -len(e.lemmas)) for k, v in index.items()}
        prefixes: dict[str, list[TriggerEntry]] = defaultdict(list)
        for key, group in self.by_lemma.items():
            for entry in group:
                if len(entry.lemmas) == 1 and entry.pos == "V":
                    prefixes[key[:TYPO_PREFIX]].append(entry)
        self.single_verbs_by_prefix = dict(prefixes)

    def cues_of(self, kind: str) -> set[str]:
        return {cue for cue, k in self.modality_cues.items() if k == kind}

    @classmethod
    def load(cls, language: Optional[LanguageData] = None) -> "Lexicon":
        """The lexicon of ``language`` (English when none is given)."""
        language = language or LanguageData.load()
        return cls(
            triggers=load_triggers(source_rows(language, "events_triggers")),
            mode_cues=_load_mode_cues(source_rows(language, "events_modes")),
            context_cues=_read_pairs(source_rows(language, "events_contexts"), "cue", "context"),
            modality_cues=_read_pairs(source_rows(language, "events_modality"), "cue", "kind"),
            aftermath_cues=_load_aftermath(source_rows(language, "events_aftermath")),
            limits=load_limits(source_rows(language, "events_trigger_limits")),
        )

    def limits_of(self, entry: TriggerEntry) -> list[TriggerLimit]:
        return self.limits.get((entry.text, entry.pos), [])


def load_triggers(rows: list[dict[str, str]]) -> list[TriggerEntry]:
    entries = []
    for row in rows:
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"events_triggers: unknown PLOVER type {row['type']!r} for {row['pattern']!r}")
        if row["frame"] not in FRAMES:
            raise ValueError(f"events_triggers: unknown frame {row['frame']!r} for {row['pattern']!r}")
        entries.append(
            TriggerEntry(
                lemmas=tuple(row["pattern"].lower().split()),
                pos=row["pos"],
                type=row["type"],
                mode=row["mode"] or None,
                context=row["context"] or None,
                frame=row["frame"],
                source=row["source"],
            )
        )
    return entries


def _load_mode_cues(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        cues[row["type"]].setdefault(row["cue"].lower(), row["mode"])
    return dict(cues)


def _load_aftermath(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    cues: dict[str, set[str]] = {"V": set(), "N": set(), "H": set()}
    for row in rows:
        cues[row["pos"]].add(row["cue"].lower())
    return cues


def _read_pairs(rows: list[dict[str, str]], key: str, value: str) -> dict[str, str]:
    return {row[key].lower(): row[value] for row in rows}


def source_rows(language: LanguageData, table: str) -> list[dict[str, str]]:
    """The rows of the language's table ``table``, values stripped; each must name its source."""
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in language.rows(table)]
    for row in rows:
        if not row.get("source"):
            raise ValueError(f"{language.code}/tables/{table}.csv: row without a source: {row}")
    return rows
