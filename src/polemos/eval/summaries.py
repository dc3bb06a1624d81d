"""Scoring the main event of one-paragraph, ACLED-style event summaries.

The file holds one summary per line (JSON): ``id``, ``text`` and the gold of its main event:
``date`` (ISO day), ``place`` (``lat``, ``lon``, ``name``), ``deaths``, ``injured`` (null when
the text gives no figure), ``actor`` with either ``actor_codes`` (accepted ``ISO3.SECTOR``
codes, e.g. ``["NGA.MIL"]``) or ``actor_group`` and ``actor_aliases`` (a named group), and
``event_type`` (ACLED); see ``annotations/summaries/DATASHEET.md``.

Each summary runs alone through the whole pipeline (no publication date). Its **main event**
is chosen as ``polemos eval incidents`` chooses one: the most confident asserted event, the
earliest in the text among equals, here among the events with an ACLED category (a summary
is one ACLED event, of any type). Scored, each over all summaries (no main event is wrong):

* place: the main event's place lies within 50 km of the gold point;
* date: its date is known to the day (a span of at most two days) and covers the gold day;
* deaths: the gold figure lies within ``size.dead`` min..max, none reported counting as 0
  (also given over the summaries that report deaths); injured likewise, over the summaries
  that give a figure;
* actor: one of the main event's actors (its initiators) is the gold actor. A gold code
  ``ISO3.SECTOR`` matches an actor of that country and sector, the civilians (CVL) of a
  country including its students, workers, traders, farmers, health workers, clergy,
  journalists and refugees (PLOVER's EDU, LAB, BUS, AGR, MED, REL, JRN, REF), whom ACLED
  codes as the country's protesters, rioters or civilians. A gold group matches an actor
  whose name is the group's name or an alias, or whose mention in the text is, once leading
  words of doubt or determiners ("suspected", "alleged", "the") and a trailing noun for its
  members ("militants", "fighters", "members" …) are set aside: "suspected JNIM militants"
  names JNIM, "Islamic State" is not "State";
* ACLED event type: the main event's ``acled.event_type`` is the gold one.

Run: ``polemos eval summaries annotations/summaries/written-s1.jsonl --misses``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

from polemos.distance import great_circle_km
from polemos.eval.incidents import count_right, main_event
from polemos.record import Actor, Event, ExtractionRecord, size_figure

PLACE_KM = 50.0
DAY_PRECISION_SPAN = timedelta(days=2)
FIELDS = ("found", "place", "date", "deaths", "injured", "actor", "event_type")
TARGETS = {"place": 0.85, "date": 0.97, "deaths": 0.90, "actor": 0.80}
# PLOVER sectors of civilians by what they do: students (EDU), workers (LAB), traders (BUS),
# farmers (AGR), health workers (MED), clergy (REL), journalists (JRN), refugees (REF).
CIVILIAN_SECTORS = {"CVL", "EDU", "LAB", "BUS", "AGR", "MED", "REL", "JRN", "REF"}
# Words before a group's name that say who is meant, not what the group is called.
LEADING_WORDS = {
    "the",
    "a",
    "an",
    "suspected",
    "alleged",
    "presumed",
    "purported",
    "some",
    "several",
    "armed",
    "members",
    "of",
    "fighters",
    "militants",
}
# Nouns after a group's name for its people: "JNIM militants", "Fano militiamen".
MEMBER_NOUNS = {
    "militants",
    "militant",
    "fighters",
    "fighter",
    "members",
    "member",
    "rebels",
    "rebel",
    "insurgents",
    "insurgent",
    "gunmen",
    "militiamen",
    "militia",
    "combatants",
    "cells",
    "cell",
    "forces",
    "troops",
    "gang",
    "gangs",
    "faction",
    "factions",
    "elements",
    "jihadists",
    "guerrillas",
    "group",
    "movement",
    "supporters",
    "operatives",
    "armed",
    "wing",
}


@dataclass
class Scored:
    id: str
    found: bool
    right: dict[str, Optional[bool]] = field(default_factory=dict)  # None: not scored (no gold figure)
    predicted: dict[str, str] = field(default_factory=dict)


def load(path: Path | str) -> list[dict]:
    """The summaries of a JSON Lines file; a malformed line is named in the error."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(item, dict) or not item.get("text") or not item.get("id"):
                raise ValueError(f"{path}:{number}: a summary needs an id and a text")
            items.append(item)
    return items


def evaluate(path: Path | str, limit: Optional[int] = None, coder=None) -> dict:
    """Run every summary of ``path`` (the first ``limit``) through the pipeline and score
    its main event. ``coder`` is an ``eval.events.SentenceCoder``, loaded when not given."""
    from polemos.eval.events import SentenceCoder

    gold = load(path)[:limit]
    coder = coder or SentenceCoder()
    scored = [
        score_one(item, record)
        for item, (record, _doc) in zip(gold, coder.code((item["text"], item.get("published")) for item in gold))
    ]
    report = {"file": str(path), "summaries": len(gold), "rates": rates(scored), "misses": misses(scored, gold)}
    report["deaths_reported"] = with_reported_deaths(report, gold)
    return report


def main_summary_event(record: ExtractionRecord) -> Optional[Event]:
    """The most confident asserted event with an ACLED category, as ``eval incidents`` chooses."""
    typed = [event for event in record.events if event.acled]
    reports = [
        {
            "modality": event.modality,
            "confidence": event.confidence or 0.0,
            "start": event.evidence[0].start if event.evidence else 0,
            "event": event,
        }
        for event in typed
    ]
    chosen = main_event(reports)
    return chosen["event"] if chosen else None


def score_one(gold: dict, record: ExtractionRecord) -> Scored:
    event = main_summary_event(record)
    if event is None:
        return Scored(
            gold["id"],
            found=False,
            right={name: (False if name != "injured" or gold.get("injured") is not None else None) for name in FIELDS},
        )
    actors = {actor.id: actor for actor in record.actors}
    place = record.places[event.place] if event.place is not None and event.place < len(record.places) else None
    when = event.date or {}
    size = event.size or {}
    initiators = [actors[i] for i in event.actor if i in actors]
    right = {
        "found": True,
        "place": place is not None and place_right(place.lat, place.lon, gold["place"]),
        "date": date_right(when.get("begin"), when.get("end"), gold.get("date")),
        "deaths": count_right(size_figure(size, "dead"), gold.get("deaths", 0)),
        "injured": (
            count_right(size_figure(size, "injured"), gold["injured"]) if gold.get("injured") is not None else None
        ),
        "actor": actor_right(initiators, gold),
        "event_type": (event.acled or {}).get("event_type") == gold.get("event_type"),
    }
    predicted = {
        "place": f"{place.name or place.text} ({place.lat}, {place.lon})" if place else "none",
        "date": f"{when.get('begin')}..{when.get('end')}" if when else "none",
        "deaths": _figure_text(size_figure(size, "dead")),
        "injured": _figure_text(size_figure(size, "injured")),
        "actor": "; ".join(_describe(actor) for actor in initiators) or "none",
        "event_type": (event.acled or {}).get("event_type") or "none",
    }
    return Scored(gold["id"], found=True, right=right, predicted=predicted)


def place_right(lat: Optional[float], lon: Optional[float], gold: dict) -> bool:
    if lat is None or lon is None or gold.get("lat") is None or gold.get("lon") is None:
        return False
    return great_circle_km(lat, lon, gold["lat"], gold["lon"]) <= PLACE_KM


def date_right(begin: Optional[str], end: Optional[str], gold: Optional[str]) -> bool:
    """Right when the date is known to the day (at most a two-day span) and covers the gold day."""
    first, last, truth = _day(begin), _day(end or begin), _day(gold)
    if first is None or last is None or truth is None or last - first > DAY_PRECISION_SPAN:
        return False
    return first <= truth <= last


def actor_right(initiators: list[Actor], gold: dict) -> bool:
    codes = set(gold.get("actor_codes") or [])
    if codes:
        return any(_code_of(actor) in codes for actor in initiators)
    names = {group_key(name) for name in [gold.get("actor_group") or ""] + list(gold.get("actor_aliases") or [])}
    names.discard("")
    return any(names & actor_names(actor) for actor in initiators)


def _code_of(actor: Actor) -> str:
    """``ISO3.SECTOR``; the people of an occupation or faith are civilians, as ACLED's
    "Protesters (Country)" or "Civilians (Country)" count students, teachers or traders."""
    sector = "CVL" if actor.sector in CIVILIAN_SECTORS else actor.sector
    return f"{actor.country}.{sector}"


def actor_names(actor: Actor) -> set[str]:
    """The keys an actor is known by: its name and its mentions with the words of doubt,
    determiners and member nouns around a group's name set aside."""
    found = {group_key(actor.name)}
    found.update(group_key(bare_group_name(mention.text)) for mention in actor.mentions)
    found.discard("")
    return found


def bare_group_name(text: str) -> str:
    """ "suspected JNIM militants" -> "JNIM"; "the Islamic State group" -> "Islamic State"."""
    words = text.split()
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in MEMBER_NOUNS:
        words = words[:-1]
    return " ".join(words)


def group_key(name: str) -> str:
    plain = re.sub(r"['’`]s\b", "", name)  # a possessive: "Hamas's" is Hamas
    plain = re.sub(r"['’`]", "", plain)  # "Jama'at" and "Jama’at" alike
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9() ]+", " ", plain).split())


def rates(scored: list[Scored]) -> dict:
    """Per field: right, scored and rate; deaths also over the summaries that report deaths."""
    table: dict[str, dict] = {}
    for name in FIELDS:
        marks = [item.right.get(name) for item in scored]
        counted = [mark for mark in marks if mark is not None]
        table[name] = _rate(sum(bool(mark) for mark in counted), len(counted))
    return table


def with_reported_deaths(report: dict, gold: list[dict]) -> dict:
    """The deaths rate over the summaries whose gold reports at least one death."""
    missed = {miss["id"] for miss in report["misses"].get("deaths", [])}
    reported = [item for item in gold if item.get("deaths")]
    return _rate(sum(item["id"] not in missed for item in reported), len(reported))


def misses(scored: list[Scored], gold: list[dict]) -> dict[str, list[dict]]:
    by_id = {item["id"]: item for item in gold}
    found: dict[str, list[dict]] = {name: [] for name in FIELDS}
    for item in scored:
        truth = by_id[item.id]
        for name in FIELDS:
            if item.right.get(name) is False:
                found[name].append(
                    {
                        "id": item.id,
                        "gold": _gold_text(truth, name),
                        "predicted": item.predicted.get(name, "no main event"),
                    }
                )
    return found


def _gold_text(item: dict, name: str) -> str:
    if name == "place":
        return f"{item['place'].get('name')} ({item['place'].get('lat')}, {item['place'].get('lon')})"
    if name == "actor":
        return "/".join(item.get("actor_codes") or [item.get("actor_group") or ""]) + f" ({item.get('actor')})"
    return str(
        item.get(
            {"deaths": "deaths", "injured": "injured", "date": "date", "event_type": "event_type"}.get(name, name), ""
        )
    )


def _describe(actor: Actor) -> str:
    code = ".".join(part for part in (actor.country, actor.sector) if part)
    return f"{actor.name} [{code or actor.kind}]"


def _figure_text(figure: Optional[dict]) -> str:
    if not figure or figure.get("min") is None:
        return "none"
    low, high = figure["min"], figure.get("max")
    return f"{low:g}" if high == low else f"{low:g}..{'' if high is None else f'{high:g}'}"


def _rate(right: int, count: int) -> dict:
    return {"right": right, "count": count, "rate": round(right / count, 3) if count else None}


def _day(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


LABELS = {
    "found": "main event found",
    "place": f"place within {PLACE_KM:.0f} km",
    "date": "date (the day)",
    "deaths": "deaths",
    "injured": "injured (where given)",
    "actor": "actor",
    "event_type": "ACLED event type",
}


def format_report(report: dict, show_misses: bool = False) -> str:
    lines = [
        f"{report['file']}: {report['summaries']} summaries, main event of each",
        f"  {'field':<28}{'right':>7}{'of':>6}{'rate':>8}{'target':>8}",
    ]
    for name in FIELDS:
        lines.append(_row(LABELS[name], report["rates"][name], TARGETS.get(name)))
        if name == "deaths" and "deaths_reported" in report:
            lines.append(_row("deaths (where reported)", report["deaths_reported"], None))
    if show_misses:
        for name in FIELDS[1:]:
            for miss in report["misses"].get(name, []):
                lines.append(f"  miss {name}: {miss['id']}: gold {miss['gold']}; found {miss['predicted']}")
    return "\n".join(lines)


def _row(label: str, rate: dict, target: Optional[float]) -> str:
    shown = "n/a" if rate["rate"] is None else f"{rate['rate']:.3f}"
    goal = f"{target:.2f}" if target is not None else ""
    return f"  {label:<28}{rate['right']:>7}{rate['count']:>6}{shown:>8}{goal:>8}"
