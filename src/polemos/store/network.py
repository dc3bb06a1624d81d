"""The actor network: actors joined by the real events between them, or by the reports.

Each canonical event's actor → recipient pairs are kept in ``canonical_links`` (migration
0010, written with the event's view by the fusion state), so a link counts each real event
once however many documents report it, under the same filter as the events list, the map
and the timeline. Counting each document's reports (``view=reports``), each report's pairs
are kept in ``report_links`` (migration 0012, ``polemos.store.report_links``) with the
type and dates the events list filters on, so either count groups one narrow table.
"""

from __future__ import annotations

from polemos.store import EventFilter
from polemos.store.canonical import canonical_conditions
from polemos.store.event_filter import event_conditions, split_types


def _needs_events(filter: EventFilter) -> bool:
    """Whether the filter tests anything beyond what a link row holds (type and dates)."""
    return any(
        (
            filter.actor,
            filter.near,
            filter.country,
            filter.place,
            filter.admin1,
            filter.doc,
            filter.q,
            filter.acled,
            filter.review,
            filter.modality,
        )
    )


def _link_conditions(filter: EventFilter, clauses: list[str] | None = None) -> tuple[str, list]:
    """The type and date tests of ``canonical_conditions``, on the copies a link row keeps."""
    clauses, params = list(clauses or ["1=1"]), []
    if filter.type:
        types = split_types(filter.type)
        clauses.append(f"l.type IN ({','.join('?' * len(types))})")
        params += types
    if filter.since:
        clauses.append("COALESCE(l.date_end, l.date_begin) >= ?")
        params.append(filter.since)
    if filter.until:
        clauses.append("l.date_begin <= ?")
        params.append(filter.until)
    return " AND ".join(clauses), params


def canonical_links(store, filter: EventFilter) -> list[tuple[str, str, str, int]]:
    """(source, target, type, events) for every link of the canonical events matching ``filter``."""
    if not _needs_events(filter):
        # Type and dates at most: read the narrow covering index, never the events.
        where, params = _link_conditions(filter)
        sql = f"SELECT l.source, l.target, l.type, COUNT(*) FROM canonical_links l WHERE {where} GROUP BY 1, 2, 3"
    else:
        where, params = canonical_conditions(filter, store.dialect)
        sql = (
            f"SELECT l.source, l.target, l.type, COUNT(*) FROM canonical_links l"
            f" JOIN canonical_events c ON c.id = l.canonical_id WHERE {where} GROUP BY 1, 2, 3"
        )
    return [tuple(row) for row in store.connection.execute(sql, params)]


def link_events(store, filter: EventFilter, source: str, target: str, limit: int) -> tuple[list[dict], int]:
    """The canonical events of one link (``source`` acting on ``target``) matching ``filter``, newest first."""
    where, params = canonical_conditions(filter, store.dialect)
    condition = (
        f"{where} AND c.id IN (SELECT l.canonical_id FROM canonical_links l WHERE l.source = ? AND l.target = ?)"
    )
    params = [*params, source, target]
    total = store.connection.execute(f"SELECT COUNT(*) FROM canonical_events c WHERE {condition}", params).fetchone()[0]
    rows = store.connection.execute(
        "SELECT c.id, c.type, c.date_begin, c.date_end, c.place_name, c.country, c.dead_value, c.source_count, c.modality"
        f" FROM canonical_events c WHERE {condition} ORDER BY c.date_begin IS NULL, c.date_begin DESC, c.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    keys = ("id", "type", "date_begin", "date_end", "place_name", "country", "dead", "sources", "modality")
    return [dict(zip(keys, row)) for row in rows], total


def report_links(store, filter: EventFilter) -> list[tuple[str, str, str, int]]:
    """(source, target, type, reports) for every link of the reports matching ``filter``."""
    if not _needs_events(filter) and not filter.include_rejected:
        # Type and dates at most: the covering index of the reports no analyst rejected.
        where, params = _link_conditions(filter, ["l.rejected = 0"])
        sql = f"SELECT l.source, l.target, l.type, COUNT(*) FROM report_links l WHERE {where} GROUP BY 1, 2, 3"
    else:
        # The events first, found by their own indexes, then each one's links by its key
        # (a CROSS JOIN keeps that order in SQLite; PostgreSQL plans it as any join).
        where, params = event_conditions(filter, store.dialect)
        sql = (
            f"SELECT l.source, l.target, l.type, COUNT(*) FROM events e CROSS JOIN report_links l"
            f" WHERE l.event_id = e.id AND {where} GROUP BY 1, 2, 3"
        )
    return [tuple(row) for row in store.connection.execute(sql, params)]


def canonical_network(store, filter: EventFilter, limit: int) -> dict:
    """Actors joined by the canonical events between them (actor → recipient), heaviest links
    first, each with its events per type; at most ``limit`` links."""
    return _network(store, canonical_links(store, filter), limit, "canonical")


def report_network(store, filter: EventFilter, limit: int) -> dict:
    """The same, counting each document's report of an event (``view=reports``)."""
    return _network(store, report_links(store, filter), limit, "reports")


def _network(store, links: list[tuple[str, str, str, int]], limit: int, view: str) -> dict:
    totals: dict[tuple[str, str], int] = {}
    by_type: dict[tuple[str, str], dict[str, int]] = {}
    for source, target, type_, events in links:
        totals[source, target] = totals.get((source, target), 0) + events
        by_type.setdefault((source, target), {})[type_] = events
    kept = sorted(totals, key=lambda pair: (-totals[pair], pair))[:limit]
    edges = [
        {
            "source": source,
            "target": target,
            "events": totals[source, target],
            "types": sorted(by_type[source, target]),
            "type_counts": by_type[source, target],
        }
        for source, target in kept
    ]
    ids = sorted({source for source, _ in kept} | {target for _, target in kept})
    return {"nodes": _nodes(store, ids), "edges": edges, "basis": "events", "view": view}


def _nodes(store, ids: list[str]) -> list[dict]:
    """The stored actors among ``ids``, with how many of the shown links' events each takes part in."""
    if not ids:
        return []
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.connection.execute(
            f"SELECT id, name, kind, sector, country FROM actors WHERE id IN ({marks})", chunk
        ):
            found[row[0]] = dict(zip(("id", "name", "kind", "sector", "country"), row))
    # An actor the store no longer holds (merged away) is still drawn, by its id.
    return sorted(
        (found.get(i) or {"id": i, "name": i, "kind": None, "sector": None, "country": None} for i in ids),
        key=lambda node: (node["name"] or "", node["id"]),
    )
