"""Read-only queries the workspace needs beyond the store's core API.

The store answers "which events match this filter" (``store.events``) and records reviews;
these are the aggregate views on top of it (actor and place lists, map cells, timeline
buckets, the actor network) and one-off lookups. They reuse the store's filter clause so an
event counts in every view exactly when it appears in the events list. Nothing here writes.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any, Optional

from polemos.record import COARSE_PRECISIONS, features_of_precision
from polemos.store import EventFilter
from polemos.store.actor_profile import events_by_month, top_counterparts
from polemos.store.canonical import canonical_conditions, canonical_view
from polemos.store.views import CanonicalView
from polemos.store.decisions import merge_candidates, source_places
from polemos.store.event_filter import EFFECTIVE_MODALITY, EFFECTIVE_TYPE, event_conditions


def _rows(store, sql: str, params=()) -> list[dict]:
    return [dict(row) for row in store.connection.execute(sql, params)]


def _scalar(store, sql: str, params=()) -> Any:
    return store.connection.execute(sql, params).fetchone()[0]


# -- documents, actors, places, relations ---------------------------------------------------


def documents(store, q: Optional[str], limit: int, offset: int) -> tuple[list[dict], int]:
    return store.search_documents(q, limit, offset)


def document_exists(store, doc_id: str) -> bool:
    return store.connection.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def actor_profile(store, actor_id: str) -> dict:
    """The actor page's two summaries: events per month and the actors met most often."""
    return {
        "months": events_by_month(store.connection, actor_id),
        "counterparts": top_counterparts(store.connection, actor_id),
    }


def correction_choices(store, canonical_id: str) -> dict:
    """What a canonical event's review page offers: the places its documents name (where a
    correction may move it) and the canonical events it may be merged with."""
    return {
        "places": source_places(store.connection, canonical_id),
        "candidates": merge_candidates(store.connection, canonical_id),
    }


def divisions(store, limit: int = 500) -> list[dict]:
    """The first-level divisions holding canonical events (as the map placed them), busiest
    first: ``{key: "CODE|Name", code, name, country, events}``, for choosing one by name."""
    rows = store.connection.execute(
        "SELECT admin1, country, COUNT(*) FROM canonical_events WHERE admin1 IS NOT NULL AND admin1 <> ''"
        " GROUP BY admin1, country ORDER BY 3 DESC, 1 LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        {
            "key": row[0],
            "code": row[0].split("|", 1)[0],
            "name": row[0].split("|", 1)[-1],
            "country": row[1],
            "events": row[2],
        }
        for row in rows
    ]


def canonical_fed_since(store, filter: EventFilter, stamp: str, limit: int = 20) -> tuple[list[CanonicalView], int]:
    """Canonical events matching ``filter`` that a document ingested after ``stamp`` (ISO, UTC)
    told of, latest events first, and how many in all."""
    where, params = canonical_conditions(filter, store.dialect)
    fed = (
        "c.id IN (SELECT m.canonical_id FROM canonical_members m JOIN documents d ON d.id = m.doc_id"
        " WHERE d.ingested_at > ?)"
    )
    params = [*params, stamp]
    total = _scalar(store, f"SELECT COUNT(*) FROM canonical_events c WHERE {where} AND {fed}", params)
    rows = store.connection.execute(
        f"SELECT c.view_json FROM canonical_events c WHERE {where} AND {fed} ORDER BY c.date_begin DESC, c.id LIMIT {int(limit)}",
        params,
    ).fetchall()
    return [canonical_view(row["view_json"]) for row in rows], total


def actors(store, q: Optional[str], kind: Optional[str], limit: int, offset: int) -> tuple[list[dict], int]:
    clauses, params = ["1=1"], []
    if q:
        clauses.append(f"(a.name {store.dialect.like} ? ESCAPE '\\' OR a.id {store.dialect.like} ? ESCAPE '\\')")
        params += [_like(q)] * 2
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    where = " AND ".join(clauses)
    total = _scalar(store, f"SELECT COUNT(*) FROM actors a WHERE {where}", params)
    items = _rows(
        store,
        "SELECT a.id, a.name, a.kind, a.sector, a.country, a.wikidata,"
        " (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.id) AS mentions,"
        " (SELECT COUNT(DISTINCT m.doc_id) FROM actor_mentions m WHERE m.actor_id = a.id) AS documents,"
        " (SELECT COUNT(DISTINCT ea.event_id) FROM event_actors ea WHERE ea.actor_id = a.id) AS events"
        f" FROM actors a WHERE {where} ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return items, total


def actor(store, actor_id: str) -> Optional[dict]:
    found = _rows(store, "SELECT id, name, kind, sector, country, wikidata FROM actors WHERE id = ?", [actor_id])
    if not found:
        return None
    item = found[0]
    item["names"] = _rows(
        store,
        "SELECT text, COUNT(*) AS mentions FROM actor_mentions WHERE actor_id = ? GROUP BY text ORDER BY mentions DESC, text LIMIT 50",
        [actor_id],
    )
    item["documents"] = _rows(
        store,
        "SELECT d.id, d.title, d.published, COUNT(*) AS mentions FROM actor_mentions m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.actor_id = ? GROUP BY d.id ORDER BY d.published DESC NULLS LAST, d.id LIMIT 100",
        [actor_id],
    )
    return item


def places(store, q: Optional[str], country: Optional[str], limit: int, offset: int) -> tuple[list[dict], int]:
    clauses, params = ["1=1"], []
    if q:
        clauses.append(f"(COALESCE(name, text) {store.dialect.like} ? ESCAPE '\\')")
        params.append(_like(q))
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    where = " AND ".join(clauses)
    grouped = (
        "SELECT COALESCE(name, text) AS name, geonameid, lat, lon, country, feature, COUNT(*) AS mentions,"
        f" COUNT(DISTINCT doc_id) AS documents FROM places WHERE {where}"
        " GROUP BY COALESCE(name, text), geonameid, lat, lon, country, feature"
    )
    total = _scalar(store, f"SELECT COUNT(*) FROM ({grouped}) AS grouped_rows", params)
    items = _rows(store, f"{grouped} ORDER BY mentions DESC, name LIMIT ? OFFSET ?", [*params, limit, offset])
    return items, total


def relations(store, actor_id: Optional[str], type_: Optional[str], limit: int, offset: int) -> tuple[list[dict], int]:
    clauses, params = ["1=1"], []
    if actor_id:
        clauses.append(store.dialect.json_array_has("r.actors_json"))
        params.append(actor_id)
    if type_:
        clauses.append("r.type = ?")
        params.append(type_)
    where = " AND ".join(clauses)
    total = _scalar(store, f"SELECT COUNT(*) FROM relations r WHERE {where}", params)
    rows = _rows(
        store,
        f"SELECT r.id, r.doc_id, r.relation_json FROM relations r WHERE {where} ORDER BY r.begin DESC NULLS LAST, r.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [{"id": row["id"], "doc_id": row["doc_id"], **json.loads(row["relation_json"])} for row in rows]
    return items, total


# -- single events ----------------------------------------------------------------------------


def reviews(store, event_id: str) -> list[dict]:
    """Every review of an event, newest first: the history behind its current state."""
    rows = _rows(
        store,
        "SELECT status, changes_json, note, reviewer, reviewed_at FROM reviews WHERE event_id = ? ORDER BY id DESC LIMIT 100",
        [event_id],
    )
    for row in rows:
        row["changes"] = json.loads(row.pop("changes_json") or "{}")
    return rows


def type_counts(store, filter: EventFilter) -> list[dict]:
    """How many events of each type match ``filter`` (the facet counts beside the events table)."""
    where, params = event_conditions(filter, store.dialect)
    return _rows(
        store,
        f"SELECT {EFFECTIVE_TYPE} AS type, COUNT(*) AS events FROM events e WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


def canonical_type_counts(store, filter: EventFilter) -> list[dict]:
    """How many canonical events of each type match ``filter``."""
    where, params = canonical_conditions(filter, store.dialect)
    return _rows(
        store,
        f"SELECT c.type AS type, COUNT(*) AS events FROM canonical_events c WHERE {where} GROUP BY 1 ORDER BY 2 DESC, 1",
        params,
    )


# -- aggregate views over a filter --------------------------------------------------------------


# What a view counts: canonical events (each real event once, the default everywhere) or
# each document's reports. The columns each reads, by the same names.
VIEWS = ("canonical", "reports")


def _view_source(store, filter: EventFilter, view: str) -> tuple[str, str, list, dict[str, str]]:
    """(table and alias, WHERE clause, parameters, column expressions) for ``view``."""
    if view == "canonical":
        where, params = canonical_conditions(filter, store.dialect)
        # The bare column (NULL read as asserted by the callers), so grouping reads the covering index in order.
        columns = {"type": "c.type", "modality": "c.modality", "dead": "c.dead_value", "review_type": "NULL"}
        return "canonical_events c", where, params, {**columns, "alias": "c"}
    where, params = event_conditions(filter, store.dialect)
    columns = {
        "type": EFFECTIVE_TYPE,
        "modality": EFFECTIVE_MODALITY,
        "dead": "e.dead_min",
        "review_type": "e.review_type",
    }
    return "events e", where, params, {**columns, "alias": "e"}


def map_view(
    store,
    filter: EventFilter,
    bbox: Optional[tuple[float, float, float, float]],
    limit: int,
    cell: Optional[float] = None,
    view: str = "canonical",
) -> dict:
    """Points inside ``bbox`` (south, west, north, east) when at most ``limit`` match, one per
    canonical event (or per report with ``view="reports"``); otherwise grid cells of ``cell``
    degrees (never so small that there would be more than about ``limit`` of them) with
    counts, so the map stays light at any number of events. Events placed only at country
    level are left out and counted apart: their point is the country's middle, not where
    they happened."""
    table, where, params, columns = _view_source(store, filter, view)
    alias = columns["alias"]
    coarse = features_of_precision(COARSE_PRECISIONS)
    placed = f"{alias}.lat IS NOT NULL AND {alias}.lon IS NOT NULL"
    precise = f"COALESCE({alias}.place_feature, '') NOT IN ({', '.join('?' * len(coarse))})"
    country_level = _scalar(
        store, f"SELECT COUNT(*) FROM {table} WHERE {where} AND {placed} AND NOT ({precise})", [*params, *coarse]
    )
    where += f" AND {placed} AND {precise}"
    params = [*params, *coarse]
    if bbox:
        south, west, north, east = bbox
        where += f" AND {alias}.lat BETWEEN ? AND ? AND {alias}.lon BETWEEN ? AND ?"
        params = [*params, south, north, west, east]
    source = f"FROM {table} WHERE {where}"
    extra = (
        "NULL AS doc_id, NULL AS review_status, c.source_count AS sources"
        if view == "canonical"
        else "e.doc_id, e.review_status, 1 AS sources"
    )
    # Unordered with limit + 1, so a dense view stops reading as soon as it is known to be dense.
    points = _rows(
        store,
        f"SELECT {alias}.id, {alias}.lat, {alias}.lon, {columns['type']} AS type, {columns['modality']} AS modality,"
        f" {alias}.date_begin, {alias}.date_end, {alias}.place_name, {extra} {source} LIMIT ?",
        [*params, limit + 1],
    )
    counted = {"view": view, "country_level": country_level}
    if len(points) <= limit:
        points.sort(key=lambda point: point["id"])
        return {
            "mode": "events",
            "items": points,
            "total": len(points),
            "limit": limit,
            "offset": 0,
            "events": len(points),
            **counted,
        }
    return {**_map_cells(store, source, alias, params, bbox or (-90.0, -180.0, 90.0, 180.0), limit, cell), **counted}


def _map_cells(
    store,
    source: str,
    alias: str,
    params: list,
    bbox: tuple[float, float, float, float],
    limit: int,
    cell: Optional[float],
) -> dict:
    south, west, north, east = bbox
    smallest = math.sqrt(max(north - south, 1e-6) * max(east - west, 1e-6) / limit)
    cell = max(cell or smallest * math.sqrt(2), smallest, 1e-4)
    cells = _rows(
        store,
        f"SELECT {store.dialect.whole_number(f'({alias}.lat - ?) / ?')} AS row_,"
        f" {store.dialect.whole_number(f'({alias}.lon - ?) / ?')} AS col_,"
        f" COUNT(*) AS count, AVG({alias}.lat) AS lat, AVG({alias}.lon) AS lon {source} GROUP BY row_, col_",
        [south, cell, west, cell, *params],
    )
    events = sum(item["count"] for item in cells)
    cells.sort(key=lambda item: -item["count"])
    for item in cells[:limit]:
        item["cell"] = [
            south + item["row_"] * cell,
            west + item["col_"] * cell,
            south + (item["row_"] + 1) * cell,
            west + (item["col_"] + 1) * cell,
        ]
        del item["row_"], item["col_"]
    return {
        "mode": "cells",
        "items": cells[:limit],
        "total": len(cells),
        "limit": limit,
        "offset": 0,
        "events": events,
        "cell_degrees": cell,
    }


GRANULARITY_WIDTH = {"year": 4, "month": 7, "week": 10, "day": 10}  # a week is read by its day, then folded


@lru_cache(maxsize=65_536)  # a timeline asks for the same few thousand days over and over
def period_of(date_text: str, granularity: str) -> str:
    """The period a date falls in: "2024", "2024-03", "2024-W09" (ISO week) or "2024-03-01"."""
    if granularity != "week":
        return date_text[: GRANULARITY_WIDTH[granularity]]
    from datetime import date

    parts = [int(part) for part in date_text[:10].split("-")] + [1, 1]  # a month or a year: its first day
    year, week, _ = date(*parts[:3]).isocalendar()
    return f"{year:04d}-W{week:02d}"


# Dates outside these years are counted apart, never drawn: one misread year must not stretch
# the axis over centuries.
PLAUSIBLE_YEARS = (1900, 2100)
MOST_FILLED_PERIODS = 20_000  # gaps are drawn as empty periods up to this many periods


def timeline(store, filter: EventFilter, granularity: str, limit: int, offset: int, view: str = "canonical") -> dict:
    """Event counts and fatalities per period and type, one per canonical event (or per report
    with ``view="reports"``), every period between the first and the last present, empty ones
    too, so gaps show. An event whose dates reach past its period (a month known only to the
    month, a week-long siege) is counted as ``spanning`` in the period it starts in, so a day
    histogram does not pile vague dates onto the first of the month. An event not said to
    have happened (future, hypothetical, negated) is counted apart, as ``not_happened`` of
    the period of its date, never among the events of that period; one dated outside
    1900–2100 is counted as ``implausible``. One pass over the matching events; the periods
    are then paged here."""
    table, where, params, columns = _view_source(store, filter, view)
    alias = columns["alias"]
    # Grouped by the indexed columns themselves (no sort of every row), then into periods here.
    rows = store.connection.execute(
        f"SELECT {alias}.date_begin, {alias}.date_end, {alias}.type, {columns['review_type']} AS review_type,"
        f" {columns['modality']} AS modality, COUNT(*) AS events, SUM({columns['dead']}) AS dead"
        f" FROM {table} WHERE {where} GROUP BY {alias}.date_begin, {alias}.date_end, {alias}.type,"
        f"{'' if columns['review_type'] == 'NULL' else ' ' + columns['review_type'] + ','} {columns['modality']}",
        params,
    ).fetchall()
    buckets: dict[str, dict] = {}
    undated = implausible = 0
    for row in rows:
        if row["date_begin"] is None:
            undated += row["events"]
            continue
        if not PLAUSIBLE_YEARS[0] <= int(row["date_begin"][:4]) <= PLAUSIBLE_YEARS[1]:
            implausible += row["events"]
            continue
        period = period_of(row["date_begin"], granularity)
        spanning = period_of(row["date_end"] or row["date_begin"], granularity) != period
        event_type = row["review_type"] or row["type"]
        bucket = buckets.setdefault(period, _empty_bucket(period))
        if (row["modality"] or "asserted") != "asserted":
            bucket["not_happened"] += row["events"]
            continue
        bucket["types"].setdefault(event_type, 0)
        bucket["fatalities"] += int(row["dead"] or 0)
        bucket["fatalities_by_type"][event_type] = bucket["fatalities_by_type"].get(event_type, 0) + int(
            row["dead"] or 0
        )
        if spanning:
            bucket["spanning"] += row["events"]
            continue
        bucket["types"][event_type] += row["events"]
        bucket["total"] += row["events"]
    ordered = [buckets.get(period) or _empty_bucket(period) for period in _periods(sorted(buckets), granularity)]
    return {
        "granularity": granularity,
        "view": view,
        "items": ordered[offset : offset + limit],
        "total": len(ordered),
        "limit": limit,
        "offset": offset,
        "undated": undated,
        "implausible": implausible,
    }


def _empty_bucket(period: str) -> dict:
    return {
        "period": period,
        "total": 0,
        "spanning": 0,
        "not_happened": 0,
        "fatalities": 0,
        "types": {},
        "fatalities_by_type": {},
    }


def _periods(present: list[str], granularity: str) -> list[str]:
    """Every period from the first present to the last, or just those present when that would be too many."""
    if len(present) < 2:
        return present
    from datetime import date, timedelta

    if granularity == "year":
        every = [str(year) for year in range(int(present[0]), int(present[-1]) + 1)]
    elif granularity == "week":
        first_day, last_day = (date.fromisocalendar(int(p[:4]), int(p[6:]), 1) for p in (present[0], present[-1]))
        count = (last_day - first_day).days // 7 + 1
        every = (
            [period_of((first_day + timedelta(weeks=n)).isoformat(), "week") for n in range(count)]
            if count <= MOST_FILLED_PERIODS
            else present
        )
    elif granularity == "month":
        first, last = (int(p[:4]) * 12 + int(p[5:7]) - 1 for p in (present[0], present[-1]))
        every = (
            [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(first, last + 1)]
            if last - first < MOST_FILLED_PERIODS
            else present
        )
    else:
        first_day, last_day = date.fromisoformat(present[0]), date.fromisoformat(present[-1])
        count = (last_day - first_day).days + 1
        every = (
            [(first_day + timedelta(days=n)).isoformat() for n in range(count)]
            if count <= MOST_FILLED_PERIODS
            else present
        )
    return every


# A period is unusual when its count is at least this many deviations above the mean of the
# periods before it, and at least this many events (one event more than nothing is no trend).
UNUSUAL_DEVIATIONS = 2.0
UNUSUAL_MINIMUM = 3


def trends(
    store, filter: EventFilter, granularity: str, baseline_periods: int, view: str = "canonical", by: str = "country"
) -> dict:
    """Events per country (``by="admin1"``: per first-level division, as the map places them) in
    the latest period with events, against the mean and deviation of the ``baseline_periods``
    periods before it (empty periods count as zero), with unusual rises flagged by the rule
    stated in the answer."""
    width = GRANULARITY_WIDTH[granularity]
    table, where, params, columns = _view_source(store, filter, view)
    alias = columns["alias"]
    happened = (
        f"{where} AND {alias}.date_begin IS NOT NULL AND COALESCE({columns['modality']}, 'asserted') = 'asserted'"
    )
    # Only the latest periods are read: from the start of the baseline on, along the date index.
    latest = _scalar(
        store,
        f"SELECT MAX({alias}.date_begin) FROM {table} WHERE {happened} AND {alias}.date_begin < ?",
        [*params, f"{PLAUSIBLE_YEARS[1] + 1}"],
    )
    since = _baseline_start(latest, granularity, baseline_periods) if latest else f"{PLAUSIBLE_YEARS[0]}"
    area = _trend_area(alias, by)
    rows = store.connection.execute(
        f"SELECT {alias}.country AS country, {area} AS area, substr({alias}.date_begin, 1, {width}) AS period,"
        f" COUNT(*) AS events FROM {table} WHERE {happened} AND {alias}.date_begin >= ? GROUP BY 1, 2, 3",
        [*params, since],
    ).fetchall()
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        if by == "admin1" and not row["area"]:
            continue  # in no division: its place is too coarse, or lies outside every one
        if PLAUSIBLE_YEARS[0] <= int(row["period"][:4]) <= PLAUSIBLE_YEARS[1]:
            by_period = counts.setdefault((row["country"] or "", row["area"] or ""), {})
            period = period_of(row["period"], granularity)
            by_period[period] = by_period.get(period, 0) + row["events"]
    present = sorted({period for by_period in counts.values() for period in by_period})
    rule = (
        f"unusual: at least {UNUSUAL_MINIMUM} events and {UNUSUAL_DEVIATIONS:g} standard deviations above the mean"
        f" of the {baseline_periods} {granularity}s before"
    )
    if not present:
        return {
            "granularity": granularity,
            "period": None,
            "baseline": [],
            "items": [],
            "rule": rule,
            "view": view,
            "by": by,
        }
    # From the baseline's first period on, so periods before the first with events count as zero.
    timeline_periods = _periods(sorted({*present, period_of(since, granularity)}), granularity)
    current = timeline_periods[-1]
    baseline = timeline_periods[-1 - baseline_periods : -1] if len(timeline_periods) > 1 else []
    items: list[dict[str, Any]] = []
    for (country, division), by_period in counts.items():
        now = by_period.get(current, 0)
        before = [by_period.get(period, 0) for period in baseline] or [0]
        mean = sum(before) / len(before)
        deviation = math.sqrt(sum((value - mean) ** 2 for value in before) / len(before))
        unusual = now >= UNUSUAL_MINIMUM and now > mean + UNUSUAL_DEVIATIONS * deviation
        if now or mean:
            items.append(
                {
                    "country": country or None,
                    "events": now,
                    "baseline_mean": round(mean, 2),
                    "baseline_deviation": round(deviation, 2),
                    "change": now - round(mean, 2),
                    "unusual": unusual,
                    **({"admin1": division, "division": division.split("|", 1)[-1]} if by == "admin1" else {}),
                }
            )
    items.sort(key=lambda item: (not item["unusual"], -item["change"], item["country"] or "", item.get("admin1") or ""))
    return {
        "granularity": granularity,
        "period": current,
        "baseline": baseline,
        "items": items,
        "rule": rule,
        "view": view,
        "by": by,
    }


def _trend_area(alias: str, by: str) -> str:
    """What a trend groups by beside the country: the division kept on the canonical event (a
    report's is its real event's, as the division filter has it), or nothing."""
    if by != "admin1":
        return "''"
    if alias == "c":
        return "c.admin1"
    return "(SELECT c.admin1 FROM canonical_members m JOIN canonical_events c ON c.id = m.canonical_id WHERE m.report_id = e.id)"


def _baseline_start(latest: str, granularity: str, periods: int) -> str:
    """The first day of the period ``periods`` periods before the one ``latest`` falls in."""
    from datetime import date, timedelta

    if granularity == "year":
        return f"{int(latest[:4]) - periods:04d}"
    if granularity == "month":
        index = int(latest[:4]) * 12 + int(latest[5:7]) - 1 - periods
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if granularity == "week":
        day = date.fromisoformat(latest[:10])
        return (day - timedelta(days=day.weekday(), weeks=periods)).isoformat()
    return (date.fromisoformat(latest[:10]) - timedelta(days=periods)).isoformat()


def co_mentions(store, doc: Optional[str], limit: int) -> dict:
    """Actors named in the same sentence: a network even where no event joins them."""
    doc_clause, params = ("AND a.doc_id = ?", [doc]) if doc else ("", [])
    edges = _rows(
        store,
        "SELECT a.actor_id AS source, b.actor_id AS target, COUNT(DISTINCT a.doc_id || ':' || a.sentence) AS sentences"
        " FROM actor_mentions a JOIN actor_mentions b ON b.doc_id = a.doc_id AND b.sentence = a.sentence"
        f" AND b.actor_id > a.actor_id WHERE a.sentence IS NOT NULL {doc_clause} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
        [*params, limit],
    )
    ids = sorted({edge["source"] for edge in edges} | {edge["target"] for edge in edges})
    return {"nodes": _actor_nodes(store, ids), "edges": edges, "basis": "sentences"}


def actor_id(store, text: str) -> Optional[str]:
    """The id of the stored actor whose id, or else whose name, is ``text`` (any case)."""
    row = (
        store.connection.execute("SELECT id FROM actors WHERE id = ?", [text]).fetchone()
        or store.connection.execute(
            "SELECT id FROM actors WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", [text]
        ).fetchone()
    )
    return row[0] if row else None


def actor_names(store, ids: set[str]) -> dict[str, str]:
    """``{id: name}`` of the stored actors among ``ids``."""
    return {node["id"]: node["name"] for node in _actor_nodes(store, sorted(ids))}


def _actor_nodes(store, ids: list[str]) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _rows(store, f"SELECT id, name, kind, sector, country FROM actors WHERE id IN ({marks}) ORDER BY name", ids)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def reports_of_types(store, types) -> list[dict]:
    """Every stored event report of the given types: its document, modality, confidence, date
    and place columns, figures and full record (as JSON text), and its canonical event's id."""
    types = list(types)
    marks = ",".join("?" for _ in types)
    return _rows(
        store,
        "SELECT e.doc_id, e.modality, e.confidence, e.date_begin, e.date_end, e.date_precision, e.lat, e.lon,"
        " e.place_feature, e.size_json, e.event_json, m.canonical_id FROM events e"
        f" LEFT JOIN canonical_members m ON m.report_id = e.id WHERE e.type IN ({marks})",
        types,
    )
