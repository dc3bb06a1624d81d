"""Canonical events in the store: cross-document fusion kept up to date with every write.

Each document's events are fused (``polemos.fusion``) in the same transaction that writes
them: new reports join the canonical event they fit or found a new one, so adding documents
updates the canonical events they touch without recomputing the corpus. Re-extraction takes
out the reports that disappeared and re-fuses the ones that changed; a rejected event leaves
its canonical event; a corrected one is fused again as corrected.

On PostgreSQL the fusing part of a transaction holds an advisory lock (``dialect.lock_fusion``),
so two processes storing reports of one event at once still fuse them together. It is always
taken last, after every other write of the transaction.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from polemos.fusion import Change, EventFamilies, FusionIndex, PlaceRef
from polemos.fusion.report import private_people
from polemos.store.fusion_state import SQLFusionState
from polemos.store.report_links import follow_canonical_correction
from polemos.record import place_precision
from polemos.store.decisions import apply_canonical_reviews, load_links
from polemos.store.dialect import SQLITE
from polemos.store.division_filter import canonical_division_condition
from polemos.store.event_filter import (
    ACLED_MATCH,
    SCAN_IN_ORDER_ABOVE,
    EventFilter,
    actor_match,
    actor_parameters,
    near_condition,
    order_by,
    place_conditions,
    split_types,
)
from polemos.store.event_views import actor_details, document_events, get_event
from polemos.store.fusion_reports import report_from_event
from polemos.store.views import CanonicalView, EventView

CANONICAL_SORTS = {
    "date": "c.date_begin",
    "type": "c.type",
    "place": "c.place_name",
    "country": "c.country",
    "dead": "c.dead_value",
    "sources": "c.source_count",
    "reports": "c.report_count",
    "earliest": "c.earliest_published",
}


class StoreFusionState(SQLFusionState):
    """The fusion state of a whole store: a canonical event saved with its actors corrected
    hands the correction to its reports' rows, which the actor filter and pages read."""

    def save_view(self, cluster_id: str, view: dict[str, Any]) -> None:
        super().save_view(cluster_id, view)
        follow_canonical_correction(self.connection, cluster_id, (view.get("review") or {}).get("changes") or {})


class StoreFusion:
    """The store's fusion index over its own connection; every call runs inside the caller's transaction."""

    def __init__(self, connection, dialect, families: EventFamilies):
        self.connection = connection
        self.dialect = dialect
        self.state = StoreFusionState(connection)
        self.index = FusionIndex(families, state=self.state)

    def document_changed(self, doc_id: str) -> list[Change]:
        """Fuse a document's events as they now are (after it was added or re-extracted)."""
        self._lock()
        reports = self._reports(document_events(self.connection, doc_id))
        current = {report.id for report in reports}
        stale = [report_id for report_id in self.state.reports_of_document(doc_id) if report_id not in current]
        return self._reviewed(self.index.remove(stale) + self.index.add(reports))

    def event_reviewed(self, event_id: str) -> list[Change]:
        """A rejected event leaves its canonical event; any other verdict fuses the event as reviewed."""
        self._lock()
        view = get_event(self.connection, event_id)
        if view is None or view.review_status == "rejected":
            return self._reviewed(self.index.remove([event_id]))
        return self._reviewed(self.index.add(self._reports([view])))

    def split(self, report_id: str) -> list[Change]:
        """Place a report again, now that a decision keeps it apart from its canonical event."""
        self._lock()
        return self._reviewed(self.index.split(report_id))

    def merge(self, canonical_a: str, canonical_b: str) -> list[Change]:
        self._lock()
        return self._reviewed(self.index.merge(canonical_a, canonical_b))

    def reapply_reviews(self, canonical_ids: list[str]) -> None:
        self._lock()
        apply_canonical_reviews(self.connection, self.state, canonical_ids)

    def _reviewed(self, changes: list[Change]) -> list[Change]:
        """The analyst's verdicts back on the canonical events fusion rewrote."""
        apply_canonical_reviews(self.connection, self.state, [change.canonical_id for change in changes])
        return changes

    def rebuild(self) -> int:
        """Fuse every stored document again, in order of publication; returns the canonical events made."""
        self._lock()
        self.state.clear()
        doc_ids = [
            row[0]
            for row in self.connection.execute("SELECT id FROM documents ORDER BY published IS NULL, published, id")
        ]
        for doc_id in doc_ids:
            self.index.add(self._reports(document_events(self.connection, doc_id)))
        reviewed = self.connection.execute(
            "SELECT DISTINCT m.canonical_id FROM canonical_members m"
            " JOIN canonical_review_reports rr ON rr.report_id = m.report_id"
        ).fetchall()
        apply_canonical_reviews(self.connection, self.state, [row[0] for row in reviewed])
        return self.connection.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0]

    def _reports(self, views: list[EventView]):
        actor_ids = {actor for view in views for actor in (*view.actor_ids, *view.recipient_ids)}
        kinds = {actor_id: found["kind"] for actor_id, found in actor_details(self.connection, actor_ids).items()}
        doc_ids = {view.doc_id or "" for view in views}
        places = {doc_id: self._document_places(doc_id) for doc_id in doc_ids}
        people = {doc_id: self._document_people(doc_id) for doc_id in doc_ids}
        return [report_from_event(view, kinds, places[view.doc_id or ""], people[view.doc_id or ""]) for view in views]

    def _document_places(self, doc_id: str) -> list[PlaceRef]:
        """The places a document names, in text order: the context of its reports without a place."""
        rows = self.connection.execute(
            "SELECT name, text, geonameid, lat, lon, country, feature FROM places WHERE doc_id = ? ORDER BY idx",
            (doc_id,),
        )
        return [
            PlaceRef(
                row["name"] or row["text"], row["geonameid"], row["lat"], row["lon"], row["country"], row["feature"]
            )
            for row in rows
        ]

    def _document_people(self, doc_id: str) -> frozenset[str]:
        """The private persons a document names: what ties its reports to other reports of one incident."""
        rows = self.connection.execute(
            "SELECT DISTINCT a.id, a.name, a.kind, a.sector, a.country FROM actor_mentions m JOIN actors a ON a.id = m.actor_id"
            " WHERE m.doc_id = ?",
            (doc_id,),
        )
        return private_people(dict(zip(("id", "name", "kind", "sector", "country"), row)) for row in rows)

    def _lock(self) -> None:
        """Serialise fusion (PostgreSQL), and read the analyst's splits and merges it must honour."""
        if self.dialect.lock_fusion:
            self.connection.execute(self.dialect.lock_fusion)
        self.index.links = load_links(self.connection)


CANONICAL_MODALITY = "COALESCE(c.modality, 'asserted')"


def canonical_conditions(filter: EventFilter, dialect=SQLITE, scan_in_order: bool = False) -> tuple[str, list[Any]]:
    """The filters of ``store.events`` over ``canonical_events c``: on the consensus (type, date,
    place) or on any of its reports (actor, document, evidence search, ACLED type, review).
    ``scan_in_order`` as for ``event_conditions``."""
    clauses, params = ["1=1"], []
    members = "c.id IN (SELECT m.canonical_id FROM canonical_members m"
    if filter.type:
        types = split_types(filter.type)
        clauses.append(f"c.type IN ({','.join('?' * len(types))})")
        params += types
    if filter.actor:
        if scan_in_order:
            clauses.append(
                "EXISTS (SELECT 1 FROM canonical_members m JOIN event_actors ea ON ea.event_id = m.report_id"
                f" WHERE m.canonical_id = c.id AND {actor_match('ea', dialect)})"
            )
        else:
            clauses.append(
                f"{members} JOIN event_actors ea ON ea.event_id = m.report_id WHERE {actor_match('ea', dialect)})"
            )
        params += actor_parameters(filter.actor)
    if filter.since:
        clauses.append("COALESCE(c.date_end, c.date_begin) >= ?")
        params.append(filter.since)
    if filter.until:
        clauses.append("c.date_begin <= ?")
        params.append(filter.until)
    if filter.doc:
        clauses.append(f"{members} WHERE m.doc_id = ?)")
        params.append(filter.doc)
    if filter.acled:
        clauses.append(f"{members} JOIN events e ON e.id = m.report_id WHERE {ACLED_MATCH.format(alias='e')})")
        params += [filter.acled, filter.acled]
    place_clauses, place_params = place_conditions("c", filter, dialect)
    clauses += place_clauses
    params += place_params
    if filter.admin1:
        division_clause, division_params = canonical_division_condition(filter.admin1, dialect)
        clauses.append(division_clause)
        params += division_params
    if filter.near:
        near_clause, near_params = near_condition("c", filter.near)
        clauses.append(near_clause)
        params += near_params
    if filter.q:
        clauses.append(
            f"{members} JOIN evidence ev ON ev.event_id = m.report_id WHERE {dialect.evidence_search('ev')})"
        )
        params.append(dialect.search_parameter(filter.q))
    if filter.review == "unreviewed":
        clauses.append(f"{members} JOIN events e ON e.id = m.report_id WHERE e.review_status IS NULL)")
    elif filter.review:
        clauses.append(f"{members} JOIN events e ON e.id = m.report_id WHERE e.review_status = ?)")
        params.append(filter.review)
    if filter.modalities:
        # Only asserted reports fuse; any other report is a canonical event of its own, so the
        # modality of its reports is the canonical event's, kept on its row.
        marks = ",".join("?" * len(filter.modalities))
        clauses.append(f"{CANONICAL_MODALITY} IN ({marks})")
        params += filter.modalities
    return " AND ".join(clauses), params


def query_canonical(
    connection, filter: EventFilter, limit: int = 50, offset: int = 0, dialect=SQLITE, sort: Optional[str] = None
) -> tuple[list[CanonicalView], int]:
    """Canonical events matching ``filter``, newest first by default, and how many match in all."""
    where, params = canonical_conditions(filter, dialect)
    order = order_by(sort, CANONICAL_SORTS, "c.id", dialect)
    total = connection.execute(f"SELECT COUNT(*) FROM canonical_events c WHERE {where}", params).fetchone()[0]
    if total > SCAN_IN_ORDER_ABOVE:
        where, params = canonical_conditions(filter, dialect, scan_in_order=True)
    rows = connection.execute(
        f"SELECT c.view_json FROM canonical_events c WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [canonical_view(row["view_json"]) for row in rows], total


def canonical_queue(
    connection, filter: EventFilter, limit: int = 50, offset: int = 0, dialect=SQLITE
) -> tuple[list[CanonicalView], int]:
    """Canonical events no analyst has confirmed or corrected, those most sources tell of first:
    where a reviewer's time counts most."""
    where, params = canonical_conditions(filter, dialect)
    where += " AND c.review_status IS NULL"
    total = connection.execute(f"SELECT COUNT(*) FROM canonical_events c WHERE {where}", params).fetchone()[0]
    rows = connection.execute(
        f"SELECT c.view_json FROM canonical_events c WHERE {where}"
        " ORDER BY c.source_count DESC, c.report_count DESC, c.date_begin DESC, c.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [canonical_view(row["view_json"]) for row in rows], total


def get_canonical(connection, canonical_id: str) -> Optional[CanonicalView]:
    row = connection.execute("SELECT view_json FROM canonical_events WHERE id = ?", (canonical_id,)).fetchone()
    return canonical_view(row["view_json"]) if row else None


def canonical_id_of(connection, event_id: str) -> Optional[str]:
    """The canonical event a report belongs to (None for a rejected or unfusable report)."""
    row = connection.execute("SELECT canonical_id FROM canonical_members WHERE report_id = ?", (event_id,)).fetchone()
    return row["canonical_id"] if row else None


def canonical_view(view_json: str) -> CanonicalView:
    """The fused view, with its place also flat (``place_name``, ``lat``…) as event views have it."""
    view = json.loads(view_json)
    place = view.get("place") or {}
    view.update(
        place_name=place.get("name"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        country=place.get("country"),
        place_feature=place.get("feature"),
        place_precision=place_precision(place.get("feature")),
    )
    return CanonicalView.from_dict(view)
