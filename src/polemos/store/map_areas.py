"""Events per first-level division (state, province) for the map's choropleth.

The store knows each event's point, its country and how precise the point is (the gazetteer
feature it came from); ``polemos.geo.admin1_areas`` places a point in its country's division.
Canonical events keep their division on their row (``admin1``, migration 0010): the points
not yet placed are placed once, the first time the map asks (``place_new_points``), and the
count is then one grouped read of an index, like the timeline's. Counting reports (the
``reports`` view) groups the matching reports by point and places each distinct point.

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
PRECISION_RULE = (
    "an event counts in a division only when its place is known to that division or finer"
    " (a point, a town, a district, the division itself); events known only to their country"
    " or to a wider region (a river, a route, \u201cthe north\u201d) are listed apart, never drawn"
)


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
    return [
        {"country": row[0], "lat": row[1], "lon": row[2], "events": row[3], "fatalities": int(row[4] or 0)}
        for row in rows
    ]


def coarse_counts(store, filter: EventFilter, view: str = "canonical") -> dict:
    """The matching events no division can hold for their place: ``country_level`` per country
    (their place is the country itself) and ``region_level`` per named region wider than a division."""
    table, where, params, alias = _source(store, filter, view)
    country_features = features_of_precision(("country",))
    region_features = features_of_precision(("region",))
    rows = store.connection.execute(
        f"SELECT {alias}.country, COUNT(*), SUM({_dead(alias)}) FROM {table} WHERE {where}"
        f" AND {alias}.place_feature IN ({', '.join('?' * len(country_features))}) GROUP BY {alias}.country",
        [*params, *country_features],
    ).fetchall()
    country_level = sorted(
        ({"country": row[0], "events": row[1], "fatalities": int(row[2] or 0)} for row in rows),
        key=lambda item: (-item["events"], item["country"] or ""),
    )
    rows = store.connection.execute(
        f"SELECT {alias}.place_name, {alias}.country, COUNT(*), SUM({_dead(alias)}) FROM {table} WHERE {where}"
        f" AND {alias}.place_feature IN ({', '.join('?' * len(region_features))}) GROUP BY {alias}.place_name, {alias}.country",
        [*params, *region_features],
    ).fetchall()
    region_level = sorted(
        ({"place_name": row[0], "country": row[1], "events": row[2], "fatalities": int(row[3] or 0)} for row in rows),
        key=lambda item: (-item["events"], item["place_name"] or ""),
    )
    return {"country_level": country_level, "region_level": region_level}


NO_AREA = ""  # the point was placed and lies in no division (at sea, past a simplified coast)


def _area_key(area) -> str:
    # Natural Earth's codes repeat now and then (a city and its province): with the name, unique.
    return f"{area.code}|{area.name}"


def place_new_points(store, areas) -> int:
    """Find the division of every precisely placed canonical event that has none recorded yet;
    returns how many distinct points were placed. Run inside its own write transaction."""
    coarse = features_of_precision(TOO_COARSE_FOR_ADMIN1)
    missing = store.connection.execute(
        "SELECT DISTINCT country, lat, lon FROM canonical_events WHERE admin1 IS NULL AND lat IS NOT NULL"
        f" AND lon IS NOT NULL AND COALESCE(place_feature, '') NOT IN ({', '.join('?' * len(coarse))})",
        list(coarse),
    ).fetchall()
    if not missing:
        return 0
    with store.transaction():
        for country, lat, lon in missing:
            area = areas.locate(country, lat, lon)
            store.connection.execute(
                "UPDATE canonical_events SET admin1 = ? WHERE admin1 IS NULL AND lat = ? AND lon = ?"
                + (" AND country = ?" if country is not None else " AND country IS NULL"),
                (_area_key(area) if area else NO_AREA, lat, lon, *([country] if country is not None else [])),
            )
    return len(missing)


def _canonical_area_rows(store, filter: EventFilter) -> list[tuple[str, str, int, int]]:
    """(country, "CODE|Name" or '', events, fatalities) per division, from the kept column (set
    only for precise places, and cleared whenever the event's place may change)."""
    where, params = canonical_conditions(filter, store.dialect)
    rows = store.connection.execute(
        f"SELECT c.country, c.admin1, COUNT(*), SUM(c.dead_value) FROM canonical_events c WHERE {where}"
        " AND c.admin1 IS NOT NULL GROUP BY c.admin1, c.country",
        params,
    ).fetchall()
    return [(row[0], row[1], row[2], int(row[3] or 0)) for row in rows]


def _report_area_rows(store, areas, filter: EventFilter) -> list[tuple[str, str, int, int]]:
    rows = []
    for point in located_points(store, filter, "reports"):
        area = areas.locate(point["country"], point["lat"], point["lon"])
        rows.append((point["country"], _area_key(area) if area else NO_AREA, point["events"], point["fatalities"]))
    return rows


def admin1_counts(store, areas, filter: EventFilter, view: str = "canonical") -> dict:
    """Events and fatalities per division for ``filter``, with what could not be counted in one."""
    if view == "canonical":
        place_new_points(store, areas)
        rows = _canonical_area_rows(store, filter)
    else:
        rows = _report_area_rows(store, areas, filter)
    by_area: dict[tuple[str, str], dict] = {}
    outside = 0
    for country, key, events, fatalities in rows:
        if key == NO_AREA:
            outside += events
            continue
        code, name = key.split("|", 1)
        item = by_area.setdefault(
            (country, key), {"country": country, "code": code, "name": name, "events": 0, "fatalities": 0}
        )
        item["events"] += events
        item["fatalities"] += fatalities
    items = sorted(by_area.values(), key=lambda item: (-item["events"], item["country"] or "", item["code"]))
    coarse = coarse_counts(store, filter, view)
    in_areas = sum(item["events"] for item in items)
    listed = sum(item["events"] for item in (*coarse["country_level"], *coarse["region_level"]))
    # The rest of the matching events have no place at all (counted, not searched: a covering read).
    table, where, params, _alias = _source(store, filter, view)
    matching = store.connection.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0]
    return {
        "view": view,
        "rule": PRECISION_RULE,
        "items": items,
        "total": len(items),
        "events": in_areas,
        "outside_areas": outside,
        **coarse,
        "unplaced": matching - in_areas - outside - listed,
    }
