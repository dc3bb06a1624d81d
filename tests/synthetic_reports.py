"""Made-up corpora of event reports with known truth, for scale benchmarks and blocking tests.

A world of made-up countries, each with towns, provinces and armed actors; every day each
country has a few real events, and each event is reported by one to several documents that
disagree the way outlets do: a day off, only the month, the province instead of the town,
no actor or an unnamed "gunmen", different death tolls. Some attacks have a twin: the same
group strikes another town the same day. The corpus grows with the number of days covered, at
a fixed density of events per day, which is how a real archive grows.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from polemos.fusion.places import PlaceRef
from polemos.fusion.report import Report, specific_actors
from polemos.record import EventDate, EvidenceSpan, Figure

_FAMILY_TYPES = [("ASSAULT", 0.5), ("COERCE", 0.12), ("PROTEST", 0.2), ("CONSULT", 0.1), ("MOBILIZE", 0.08)]
_MODES = {"ASSAULT": ["firearms", "explosives", "aerial"], "PROTEST": ["demonstrate"], "COERCE": ["arrest"]}


@dataclass(frozen=True)
class Country:
    code: str
    towns: list[PlaceRef]
    provinces: list[PlaceRef]
    actors: list[str]


@dataclass(frozen=True)
class SyntheticCorpus:
    reports: list[Report]
    truth: dict[str, str]  # report id -> real event id


def make_world(countries: int, rng: random.Random, towns_per_country: int = 80) -> list[Country]:
    world = []
    for number in range(countries):
        code = f"X{chr(65 + number // 26)}{chr(65 + number % 26)}"
        lat0, lon0 = -30 + 12 * (number % 6), -20 + 14 * (number // 6)  # 8 x 8 degree countries, apart
        provinces = [
            PlaceRef(
                f"{code} Province {p}",
                9_000_000 + number * 100 + p,
                lat0 + 2 + 4 * (p // 2),
                lon0 + 2 + 4 * (p % 2),
                code,
                "admin1",
            )
            for p in range(4)
        ]
        towns = [
            PlaceRef(
                f"{code} Town {t}",
                1_000_000 + number * 1000 + t,
                round(lat0 + rng.uniform(0.2, 7.8), 4),
                round(lon0 + rng.uniform(0.2, 7.8), 4),
                code,
                rng.choice(["city", "town", "village"]),
            )
            for t in range(towns_per_country)
        ]
        actors = [code, f"{code}.MIL", f"{code}.COP"] + [f"{code.lower()}-group-{g}" for g in range(5)]
        world.append(Country(code, towns, provinces, actors))
    return world


def make_corpus(
    target_reports: int, seed: int = 7, countries: int = 8, events_per_country_day: float = 3.0
) -> SyntheticCorpus:
    """About ``target_reports`` reports; days covered grow with the target, density stays fixed."""
    rng = random.Random(seed)
    world = make_world(countries, rng)
    reports: list[Report] = []
    truth: dict[str, str] = {}
    start, day = date(2020, 1, 1), 0
    while len(reports) < target_reports:
        today = start + timedelta(days=day)
        for country in world:
            for _ in range(_poisson(rng, events_per_country_day)):
                event_id = f"ev{len(truth)}-{len(reports)}"
                town = rng.choice(country.towns)
                event = _real_event(rng, country, today, town)
                _report_event(rng, event, event_id, country, reports, truth)
                if event["type"] == "ASSAULT" and rng.random() < 0.1:
                    twin = dict(event, town=_other_town(rng, country, town), dead=rng.randint(0, 20))
                    _report_event(rng, twin, event_id + "-twin", country, reports, truth)
        day += 1
    return SyntheticCorpus(reports[:target_reports], {r.id: truth[r.id] for r in reports[:target_reports]})


def pairwise_scores(clusters: Iterable[Iterable[str]], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of report clusters against the real events."""

    def pairs(count: int) -> int:
        return count * (count - 1) // 2

    together = cluster_pairs = 0
    for members in clusters:
        members = list(members)
        cluster_pairs += pairs(len(members))
        together += sum(pairs(n) for n in Counter(truth[m] for m in members).values())
    true_pairs = sum(pairs(n) for n in Counter(truth.values()).values())
    return (together / cluster_pairs if cluster_pairs else 1.0), (together / true_pairs if true_pairs else 1.0)


def _real_event(rng: random.Random, country: Country, today: date, town: PlaceRef) -> dict:
    types, weights = zip(*_FAMILY_TYPES)
    event_type = rng.choices(types, weights)[0]
    groups = country.actors[3:]
    actor = [rng.choice(groups)] if event_type in ("ASSAULT",) else [rng.choice(country.actors[:3])]
    recipient = [f"{country.code}.CVL"] if rng.random() < 0.5 else [rng.choice(country.actors[:3])]
    return {
        "type": event_type,
        "day": today,
        "town": town,
        "actor": actor,
        "recipient": recipient,
        "dead": rng.randint(0, 40) if event_type == "ASSAULT" else 0,
    }


def _report_event(rng, event: dict, event_id: str, country: Country, reports: list[Report], truth: dict) -> None:
    for _ in range(min(6, 1 + _geometric(rng, 0.45))):
        report_id = f"r{len(reports)}"
        published = event["day"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
        event_type = event["type"]
        if event_type in ("ASSAULT", "COERCE") and rng.random() < 0.15:
            event_type = "COERCE" if event_type == "ASSAULT" else "ASSAULT"
        actor, recipient = _reported_actors(rng, event)
        kinds = {a: "group" for a in actor if a == "gunmen"}
        dead = max(0, event["dead"] + rng.randint(-3, 5)) if event["dead"] else None
        reports.append(
            Report(
                id=report_id,
                doc_id=f"doc{len(reports)}",
                type=event_type,
                mode=rng.choice(_MODES.get(event_type, [None])),
                date=_reported_date(rng, event["day"], published),
                place=_reported_place(rng, event["town"], country),
                actor=tuple(actor),
                recipient=tuple(recipient),
                specific_actors=specific_actors([*actor, *recipient], kinds),
                size={"dead": Figure(dead, dead, str(dead))} if dead is not None else {},
                evidence=(EvidenceSpan(f"{event_type} report {report_id}", 0, 10),),
                published=published.isoformat(),
                doc_title=f"Report {report_id}",
            )
        )
        truth[report_id] = event_id


def _reported_date(rng, day: date, published: date) -> EventDate:
    roll = rng.random()
    if roll < 0.08:
        day = day + timedelta(days=rng.choice([-1, 1]))
    if roll < 0.75:
        iso = day.isoformat()
        return EventDate(iso, iso, iso, precision="day")
    if roll < 0.9:
        return EventDate(day.isoformat()[:7], precision="month")
    return EventDate(published.isoformat()[:7], precision="month", basis="publication")


def _reported_place(rng, town: PlaceRef, country: Country) -> PlaceRef | None:
    roll = rng.random()
    if roll < 0.6:
        return town
    if roll < 0.8:
        return min(country.provinces, key=lambda p: (p.lat - town.lat) ** 2 + (p.lon - town.lon) ** 2)
    if roll < 0.9:
        return PlaceRef(country.code, None, None, None, country.code, "country")
    return None


def _reported_actors(rng, event: dict) -> tuple[list[str], list[str]]:
    roll = rng.random()
    if roll < 0.7:
        return list(event["actor"]), list(event["recipient"])
    if roll < 0.85:
        return ["gunmen"], list(event["recipient"])
    return [], []


def _other_town(rng, country: Country, town: PlaceRef) -> PlaceRef:
    others = [t for t in country.towns if t is not town and 0.25 < abs(t.lat - town.lat) + abs(t.lon - town.lon) < 1.2]
    return rng.choice(others or [t for t in country.towns if t is not town])


def _poisson(rng: random.Random, mean: float) -> int:
    count, threshold, product = 0, pow(2.718281828459045, -mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def _geometric(rng: random.Random, p: float) -> int:
    count = 0
    while rng.random() > p:
        count += 1
    return count
