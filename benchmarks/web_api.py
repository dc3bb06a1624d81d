"""Latency of the web workspace at scale: 100,000 synthetic events in a store, a real server.

Fills a fresh store with made-up documents (each with ten events at places scattered over
the Caucasus, the Levant, Ukraine and Sudan, over three years), starts ``polemos serve`` on
it, and times the API queries the events list, map and timeline make, plus the first render
of the events page. Targets: median API latency under 100 ms, events page under 1 s.
The network, the map's divisions and the timeline count canonical events (each real event
once) unless the query asks for ``view=reports``.

    .venv/bin/python benchmarks/web_api.py [--events 100000] [--db PATH] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from polemos.record import Actor, DocumentInfo, Event, Evidence, ExtractionRecord, Mention, Place, Sentence
from polemos.store import open_store

EVENTS_PER_DOCUMENT = 10
TYPES = ("ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONSULT", "AID", "THREATEN", "SANCTION")
ACTORS = [
    ("AZE.MIL", "Azerbaijani military", "AZE"),
    ("ARM.GOV", "Armenian government", "ARM"),
    ("RUS.MIL", "Russian military", "RUS"),
    ("UKR.MIL", "Ukrainian military", "UKR"),
    ("SDN.MIL", "Sudanese Armed Forces", "SDN"),
    ("SDN.REB.RSF", "Rapid Support Forces", "SDN"),
    ("SYR.GOV", "Syrian government", "SYR"),
    ("ISR.MIL", "Israeli military", "ISR"),
    ("UN", "United Nations", None),
    ("ARM.CVL", "Armenian civilians", "ARM"),
]
REGIONS = [(39.8, 46.7, "AZE"), (48.5, 35.0, "UKR"), (15.5, 32.5, "SDN"), (33.5, 36.3, "SYR"), (31.5, 34.5, "ISR")]
START = date(2021, 1, 1)


def synthetic_record(number: int, rng: random.Random) -> ExtractionRecord:
    sentences, events, places, text = [], [], [], ""
    actors = {actor_id: Actor(actor_id, name, "state", None, country) for actor_id, name, country in ACTORS}
    for index in range(EVENTS_PER_DOCUMENT):
        actor_id, target_id = rng.sample(list(actors), 2)
        lat0, lon0, country = rng.choice(REGIONS)
        lat, lon = lat0 + rng.gauss(0, 1.2), lon0 + rng.gauss(0, 1.2)
        day = START + timedelta(days=rng.randrange(3 * 365))
        place_name = f"Place {rng.randrange(400)}"
        sentence = f"{actors[actor_id].name} struck {actors[target_id].name} near {place_name} on {day:%d %B %Y}, killing {index + 1}. "
        start = len(text)
        text += sentence
        sentences.append(Sentence(start, len(text) - 1))
        actors[actor_id].mentions.append(
            Mention(actors[actor_id].name, start, start + len(actors[actor_id].name), index)
        )
        place_start = text.index(place_name, start)
        places.append(
            Place(
                place_name,
                place_start,
                place_start + len(place_name),
                place_name,
                None,
                lat,
                lon,
                country,
                "city",
                index,
            )
        )
        events.append(
            Event(
                id=f"e{index}",
                type=rng.choice(TYPES),
                actor=[actor_id],
                recipient=[target_id],
                place=index,
                date={
                    "value": day.isoformat(),
                    "begin": day.isoformat(),
                    "end": day.isoformat(),
                    "text": None,
                    "precision": "day",
                },
                size={"dead": {"min": index + 1, "max": index + 1}},
                evidence=[Evidence(sentence.strip(), start, len(text) - 1)],
                trigger="struck",
                confidence=0.8,
            )
        )
    doc = DocumentInfo(
        id=f"synthetic-{number:06d}",
        title=f"Synthetic report {number}",
        content_hash=f"synthetic-{number}",
        published=(START + timedelta(days=number % 1000)).isoformat(),
        language="en",
    )
    return ExtractionRecord(
        document=doc,
        text=text,
        sentences=sentences,
        places=places,
        actors=[a for a in actors.values() if a.mentions],
        events=events,
    )


def fill(path: str, events: int) -> None:
    rng = random.Random(7)
    with open_store(path) as store:
        for number in range(events // EVENTS_PER_DOCUMENT):
            store.add(synthetic_record(number, rng))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "polemos.web", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"server did not start: {server.stderr.read().decode()[-2000:]}")


QUERIES = {
    "events (first page)": "/api/events?limit=50",
    "events (type + since)": "/api/events?type=ASSAULT&since=2022-06-01&limit=50",
    "events (actor)": "/api/events?actor=RUS.MIL&limit=50",
    "events (near)": "/api/events?near=39.8,46.7,100&limit=50",
    "events (full text)": "/api/events?q=killing%20Sudanese&limit=50",
    "events (page 100)": "/api/events?limit=50&offset=5000",
    "event type counts": "/api/event-types",
    "map (world)": "/api/map?bbox=-90,-180,90,180",
    "map (zoomed, Karabakh)": "/api/map?bbox=39.5,46.4,40.1,47.0",
    "timeline (month)": "/api/timeline?granularity=month",
    "timeline (day, ASSAULT)": "/api/timeline?granularity=day&type=ASSAULT",
    "timeline (ISO week)": "/api/timeline?granularity=week",
    "map divisions (choropleth)": "/api/map/areas",
    "map divisions (ASSAULT, 2022)": "/api/map/areas?type=ASSAULT&since=2022&until=2022",
    "network": "/api/network",
    "network (reports)": "/api/network?view=reports",
    "network (since 2023)": "/api/network?since=2023",
    "network link's events": "/api/network/link?source=RUS.MIL&target=UKR.MIL",
    "events page (HTML)": "/events",
}


def measure(base: str, repeat: int) -> dict[str, float]:
    medians = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path in QUERIES.items():
            client.get(path).raise_for_status()  # warm the page cache once
            times = []
            for _ in range(repeat):
                began = time.perf_counter()
                client.get(path).raise_for_status()
                times.append((time.perf_counter() - began) * 1000)
            medians[name] = statistics.median(times)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="Store to fill (reused when it already has the events).")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    db = args.db or os.path.join(tempfile.mkdtemp(prefix="polemos-bench-"), "bench.db")
    with open_store(db) as store:
        present = store.count("events")
    if present < args.events:
        began = time.perf_counter()
        fill(db, args.events)
        print(f"filled {db} with {args.events} events in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    port = free_port()
    server = start_server(db, port)
    try:
        medians = measure(f"http://127.0.0.1:{port}", args.repeat)
    finally:
        server.terminate()
        server.wait(10)
    width = max(len(name) for name in medians)
    print(f"{'query':<{width}}  median ms  ({args.events} events, {args.repeat} runs each)")
    for name, value in medians.items():
        target = 1000 if name.endswith("(HTML)") else 100
        print(f"{name:<{width}}  {value:9.1f}  {'ok' if value < target else f'over {target} ms target'}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    main()
