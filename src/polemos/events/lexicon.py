"""The event lexicons: trigger phrases, mode and context cues, modality cues.

Every row comes from ``src/polemos/data/events/*.csv`` and keeps its ``source``
column, so each coding decision can be traced to the PLOVER manual, the
CAMEO-to-PLOVER table, or a polemos addition.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from polemos.codes import PLOVER_TYPES  # noqa: F401 - also the events stage's public name for them
from polemos.events.limits import TriggerLimit, load_limits

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
    def load(cls, directory: Path = DATA_DIR) -> "Lexicon":
        return cls(
            triggers=load_triggers(directory / "triggers.csv"),
            mode_cues=_load_mode_cues(directory / "modes.csv"),
            context_cues=_read_pairs(directory / "contexts.csv", "cue", "context"),
            modality_cues=_read_pairs(directory / "modality.csv", "cue", "kind"),
            aftermath_cues=_load_aftermath(directory / "aftermath.csv"),
            limits=load_limits(directory / "trigger_limits.csv"),
        )

    def limits_of(self, entry: TriggerEntry) -> list[TriggerLimit]:
        return self.limits.get((entry.text, entry.pos), [])


def load_triggers(path: Path) -> list[TriggerEntry]:
    entries = []
    for row in _rows(path):
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"{path}: unknown PLOVER type {row['type']!r} for {row['pattern']!r}")
        if row["frame"] not in FRAMES:
            raise ValueError(f"{path}: unknown frame {row['frame']!r} for {row['pattern']!r}")
        entries.append(TriggerEntry(
            lemmas=tuple(row["pattern"].lower().split()),
            pos=row["pos"],
            type=row["type"],
            mode=row["mode"] or None,
            context=row["context"] or None,
            frame=row["frame"],
            source=row["source"],
        ))
    return entries


def _load_mode_cues(path: Path) -> dict[str, dict[str, str]]:
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(path):
        cues[row["type"]].setdefault(row["cue"].lower(), row["mode"])
    return dict(cues)


def _load_aftermath(path: Path) -> dict[str, set[str]]:
    cues: dict[str, set[str]] = {"V": set(), "N": set(), "H": set()}
    for row in _rows(path):
        cues[row["pos"]].add(row["cue"].lower())
    return cues


def _read_pairs(path: Path, key: str, value: str) -> dict[str, str]:
    return {row[key].lower(): row[value] for row in _rows(path)}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
    for row in rows:
        if not row.get("source"):
            raise ValueError(f"{path}: row without a source: {row}")
    return rows
