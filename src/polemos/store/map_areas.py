"""Events per first-level division (state, province) for the map's choropleth.

The store knows each event's point, its country and how precise the point is (the gazetteer
feature it came from), not its division: the database groups the matching events by point,
and ``polemos.geo.admin1_areas`` places each distinct point in its country's division (events
share few distinct places, so this is a few thousand polygon tests at most).

The precision rule: an event counts in a division only when its place is known to that
division or finer (a point, a town, a district, the division itself). Events known only to
their country, or to a region wider than a division (a river, a route, "the north"), are
counted apart, never spread over divisions or drawn at a middle point.
"""

from __future__ import annotations


from polemos.record import COARSE_PRECISIONS, features_of_precision
from polemos.store import EventFilter
from polemos.store.canonical import canonical_conditions
from polemos.store.event_filter import event_conditions

TOO_COARSE_FOR_ADMIN1 = COARSE_PRECISIONS  # the precisions the map does not draw as points either
PRECISION_RULE = ("an event counts in a division only when its place is known to that division or finer"
                  " (a point, a town, a district, the division itself); events known only to their country"
                  " or to a wider region (a river, a route, \u201cthe north\u201d) are listed apart, never drawn")


def _source(store, filter: EventFilter, view: str) -> tuple[str, str, list, str]:
    """(table and alias, WHERE clause, parameters, fatalities column) of what ``view`` counts."""
    if view == "canonical":
        where, params = canonical_conditions(filter, store.dialect)
        return "canonical_events c", where, params, "c"
    where, params = event_conditions(filter, store.dialect)
    return "events e", where, params, "e"


def _dead(alias: str) -> str:
    return "c.dead_value" if alias == "c" else "e.dead_min"


def located_points(store, filter: EventFilter, view: str = "canonical") -> list[dict]:
    """``{country, lat, lon, events, fatalities}`` per distinct point of the matching events
    whose place is precise enough to name a division."""
    table, where, params, alias = _source(store, filter, view)
    coarse = features_of_precision(TOO_COARSE_FOR_ADMIN1)
    rows = store.connection.execute(
        f"SELECT {alias}.country, {alias}.lat, {alias}.lon, COUNT(*), SUM({_dead(alias)}) FROM {table}"
        f" WHERE {where} AND {alias}.lat IS NOT NULL AND {alias}.lon IS NOT NULL"
        f" AND COALESCE({alias}.place_feature, '') NOT IN ({', '.join('?' * len(coarse))})"
        f" GROUP BY {alias}.country, {alias}.lat, {alias}.lon",
        [*params, *coarse],
    ).fetchall()
    return [{"country": row[0], "lat": row[1], "lon": row[2], "events": row[3], "fatalities": int(row[4] or 0)}
            for row in rows]


def coarse_counts(store, filter: EventFilter, view: str = "canonical") -> dict:
    """The matching events no division can hold: ``country_level`` per country (their place
    is the country itself), ``region_level`` per named region wider than a division, and
    ``unplaced`` (no place at all)."""
    table, where, params, alias = _source(store, filter, view)
    country_features = features_of_precision(("country",))
    region_features = features_of_precision(("region",))
    rows = store.connection.execute(
        f"SELECT {alias}.country, COUNT(*), SUM({_dead(alias)}) FROM {table} WHERE {where}"
        f" AND {alias}.place_feature IN ({', '.join('?' * len(country_features))}) GROUP BY {alias}.country",
        [*params, *country_features],
    ).fetchall()
    country_level = sorted(({"country": row[0], "events": row[1], "fatalities": int(row[2] or 0)} for row in rows),
                           key=lambda item: (-item["events"], item["country"] or ""))
    rows = store.connection.execute(
        f"SELECT {alias}.place_name, {alias}.country, COUNT(*), SUM({_dead(alias)}) FROM {table} WHERE {where}"
        f" AND {alias}.place_feature IN ({', '.join('?' * len(region_features))}) GROUP BY {alias}.place_name, {alias}.country",
        [*params, *region_features],
    ).fetchall()
    region_level = sorted(({"place_name": row[0], "country": row[1], "events": row[2], "fatalities": int(row[3] or 0)}
                           for row in rows), key=lambda item: (-item["events"], item["place_name"] or ""))
    unplaced = store.connection.execute(
        f"SELECT COUNT(*) FROM {table} WHERE {where} AND ({alias}.lat IS NULL OR {alias}.lon IS NULL)"
        f" AND COALESCE({alias}.place_feature, '') NOT IN ({', '.join('?' * len(country_features))})",
        [*params, *country_features],
    ).fetchone()[0]
    return {"country_level": country_level, "region_level": region_level, "unplaced": unplaced}


def admin1_counts(store, areas, filter: EventFilter, view: str = "canonical") -> dict:
    """Events and fatalities per division for ``filter``, with what could not be counted in one."""
    by_area: dict[tuple[str, str, str], dict] = {}  # NE's codes repeat now and then (a city and its province): with the name
    outside = 0
    for point in located_points(store, filter, view):
        area = areas.locate(point["country"], point["lat"], point["lon"])
        if area is None:
            outside += point["events"]
            continue
        item = by_area.setdefault((area.country, area.code, area.name), {
            "country": area.country, "code": area.code, "name": area.name, "events": 0, "fatalities": 0})
        item["events"] += point["events"]
        item["fatalities"] += point["fatalities"]
    items = sorted(by_area.values(), key=lambda item: (-item["events"], item["country"], item["code"]))
    return {"view": view, "rule": PRECISION_RULE, "items": items, "total": len(items),
            "events": sum(item["events"] for item in items), "outside_areas": outside,
            **coarse_counts(store, filter, view)}

