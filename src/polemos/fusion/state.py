"""Where a fusion index keeps its canonical events: in memory, or in SQL tables (``polemos.store.fusion_state``).

A state holds, for each canonical event, its members (report and profile), its consensus
profile, its blocking keys and its view (the dict users see). ``FusionIndex`` only talks to
this interface, so the store can keep canonical events in its own database and an index can
resume from it without reading the corpus again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Iterator, Optional, Protocol

from polemos.fusion.compat import Profile
from polemos.fusion.dates import DateSpan
from polemos.fusion.places import PlaceRef
from polemos.fusion.report import Report

Member = tuple[Report, Profile]


class FusionState(Protocol):
    def cluster_of(self, report_id: str) -> Optional[str]: ...
    def has(self, cluster_id: str) -> bool: ...
    def candidates(self, keys: Iterable[str]) -> set[str]: ...
    def all_ids(self) -> list[str]: ...
    def consensus(self, cluster_ids: Iterable[str]) -> dict[str, Profile]: ...
    def members(self, cluster_id: str) -> list[Member]: ...
    def save(
        self, cluster_id: str, added: list[Member], removed: list[str], consensus: Profile, keys: set[str]
    ) -> None: ...
    def save_view(self, cluster_id: str, view: dict[str, Any]) -> None: ...
    def delete(self, cluster_id: str) -> None: ...
    def views(self) -> Iterator[dict[str, Any]]: ...
    def view(self, cluster_id: str) -> Optional[dict[str, Any]]: ...


class MemoryState:
    """Everything in dicts: for one-off fusion of a query result, tests and benchmarks."""

    def __init__(self) -> None:
        self._members: dict[str, dict[str, Member]] = {}
        self._consensus: dict[str, Profile] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._keys: dict[str, set[str]] = {}
        self._index: dict[str, set[str]] = defaultdict(set)
        self._cluster_of: dict[str, str] = {}

    def cluster_of(self, report_id: str) -> Optional[str]:
        return self._cluster_of.get(report_id)

    def has(self, cluster_id: str) -> bool:
        return cluster_id in self._members

    def candidates(self, keys: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            found |= self._index.get(key, set())
        return found

    def all_ids(self) -> list[str]:
        return list(self._members)

    def consensus(self, cluster_ids: Iterable[str]) -> dict[str, Profile]:
        return {cluster_id: self._consensus[cluster_id] for cluster_id in cluster_ids}

    def members(self, cluster_id: str) -> list[Member]:
        return list(self._members.get(cluster_id, {}).values())

    def save(
        self, cluster_id: str, added: list[Member], removed: list[str], consensus: Profile, keys: set[str]
    ) -> None:
        members = self._members.setdefault(cluster_id, {})
        for report_id in removed:
            members.pop(report_id, None)
            self._cluster_of.pop(report_id, None)
        for report, profile in added:
            members[report.id] = (report, profile)
            self._cluster_of[report.id] = cluster_id
        self._consensus[cluster_id] = consensus
        self._refile(cluster_id, keys)

    def save_view(self, cluster_id: str, view: dict[str, Any]) -> None:
        self._views[cluster_id] = view

    def delete(self, cluster_id: str) -> None:
        for report_id in self._members.pop(cluster_id, {}):
            self._cluster_of.pop(report_id, None)
        self._consensus.pop(cluster_id, None)
        self._views.pop(cluster_id, None)
        self._refile(cluster_id, set())
        self._keys.pop(cluster_id, None)

    def views(self) -> Iterator[dict[str, Any]]:
        return iter(list(self._views.values()))

    def view(self, cluster_id: str) -> Optional[dict[str, Any]]:
        return self._views.get(cluster_id)

    def _refile(self, cluster_id: str, keys: set[str]) -> None:
        old = self._keys.get(cluster_id, set())
        for key in old - keys:
            bucket = self._index[key]
            bucket.discard(cluster_id)
            if not bucket:
                del self._index[key]
        for key in keys - old:
            self._index[key].add(cluster_id)
        self._keys[cluster_id] = set(keys)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    return {
        "family": profile.family,
        "type": profile.type,
        "mode": profile.mode,
        "span": profile.span.to_list() if profile.span else None,
        "place": profile.place.to_dict() if profile.place else None,
        "actors": sorted(profile.actors),
        "fusable": profile.fusable,
        "day_places": [[day, place.to_dict()] for day, place in profile.day_places],
        "people": sorted(profile.people),
        "figures": [list(figure) for figure in profile.figures],
        "context": [place.to_dict() for place in profile.context],
        "names": sorted(profile.names),
        "docs": sorted(profile.docs),
    }


def profile_from_dict(data: dict[str, Any]) -> Profile:
    return Profile(
        family=data["family"],
        type=data["type"],
        mode=data.get("mode"),
        span=DateSpan.from_list(data.get("span")),
        place=PlaceRef.from_dict(data.get("place")),
        actors=frozenset(data.get("actors") or ()),
        fusable=bool(data.get("fusable")),
        day_places=tuple((int(day), PlaceRef.of(place)) for day, place in data.get("day_places") or ()),
        people=frozenset(data.get("people") or ()),
        figures=tuple((category, low, high) for category, low, high in data.get("figures") or ()),
        context=tuple(PlaceRef.of(place) for place in data.get("context") or ()),
        names=frozenset(data.get("names") or ()),
        docs=frozenset(data.get("docs") or ()),
    )
