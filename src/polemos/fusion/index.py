"""The fusion index: reports in, canonical events (one per real event, with every source) out.

Each new report is compared only with the canonical events that share a blocking key with it
(``blocking``), and joins the one whose consensus it fits best (``compat.match_score``), or
starts a new canonical event. Adding reports touches only the canonical events they join,
so a day's documents update the canonical events without recomputing the corpus.

Reports of one ``add`` call are taken in order of publication (then date precision, finest
first, so a precise report founds the event a vaguer one joins); adding documents day by day
therefore gives the same canonical events as adding them all at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from polemos.fusion.blocking import filing_keys, lookup_keys
from polemos.fusion.compat import Profile, match_score, profile_of
from polemos.fusion.consensus import canonical_view, consensus_profile
from polemos.fusion.links import NO_LINKS, FusionLinks
from polemos.fusion.report import Report
from polemos.fusion.rules import EventFamilies, FusionRules
from polemos.fusion.state import FusionState, Member, MemoryState

CREATED, UPDATED, DELETED = "created", "updated", "deleted"


@dataclass
class Change:
    kind: str  # created | updated | deleted
    canonical_id: str
    view: Optional[dict[str, Any]] = None  # the canonical event as it now is (None when deleted)
    added: list[str] = field(default_factory=list)  # report ids that joined in this call
    removed: list[str] = field(default_factory=list)  # report ids that left in this call


@dataclass
class FusionStats:
    reports: int = 0
    comparisons: int = 0  # report-versus-canonical-event compatibility tests run


class FusionIndex:
    def __init__(
        self,
        families: EventFamilies,
        rules: Optional[FusionRules] = None,
        state: Optional[FusionState] = None,
        use_blocking: bool = True,
    ):
        self.families = families
        self.rules = rules or FusionRules()
        self.state: FusionState = state if state is not None else MemoryState()
        self.use_blocking = use_blocking  # False compares with every canonical event: the baseline
        self.stats = FusionStats()
        self.links: FusionLinks = NO_LINKS  # an analyst's splits and merges, honoured over the rules

    # -- public ---------------------------------------------------------------------------

    def add(self, reports: Iterable[Report]) -> list[Change]:
        """Fuse new (or changed) reports; returns what happened to each canonical event touched."""
        changes: dict[str, Change] = {}
        members = [(report, profile_of(report, self.families, self.rules)) for report in reports]
        members.sort(key=_arrival_order)
        for report, profile in members:
            previous = self.state.cluster_of(report.id)
            if previous is not None:
                if self._unchanged(previous, report):
                    continue
                self._remove_one(report.id, previous, changes)
            self._place(report, profile, changes)
        return self._finish(changes)

    def remove(self, report_ids: Iterable[str]) -> list[Change]:
        """Take reports out (a document deleted or re-extracted); their canonical events shrink or go."""
        changes: dict[str, Change] = {}
        for report_id in report_ids:
            cluster_id = self.state.cluster_of(report_id)
            if cluster_id is not None:
                self._remove_one(report_id, cluster_id, changes)
        return self._finish(changes)

    def split(self, report_id: str) -> list[Change]:
        """Take a report out of its canonical event and place it again; ``links`` must already keep it
        apart from the reports it leaves, so it founds an event or joins another."""
        changes: dict[str, Change] = {}
        cluster_id = self.state.cluster_of(report_id)
        if cluster_id is None:
            return []
        member = next(m for m in self.state.members(cluster_id) if m[0].id == report_id)
        self._remove_one(report_id, cluster_id, changes)
        self._place(*member, changes)
        return self._finish(changes)

    def merge(self, cluster_a: str, cluster_b: str) -> list[Change]:
        """Make two canonical events one (the one with more reports keeps its id)."""
        changes: dict[str, Change] = {}
        if cluster_a != cluster_b and self.state.has(cluster_a) and self.state.has(cluster_b):
            self._merge_two(cluster_b, cluster_a, changes)  # on a tie in size the first keeps its id
        return self._finish(changes)

    def canonical_events(self) -> list[dict[str, Any]]:
        """Every canonical event's view, latest first."""
        views = list(self.state.views())
        return sorted(views, key=lambda v: ((v.get("date") or {}).get("begin") or "", v["id"]), reverse=True)

    def canonical_of(self, report_id: str) -> Optional[dict[str, Any]]:
        cluster_id = self.state.cluster_of(report_id)
        return self.state.view(cluster_id) if cluster_id else None

    # -- placing one report ---------------------------------------------------------------

    def _place(self, report: Report, profile: Profile, changes: dict[str, Change]) -> None:
        self.stats.reports += 1
        partners = self._partner_clusters(report.id)
        best = partners[0] if partners else self._best_match(profile, avoid=self._kept_apart([report.id]))
        if best is None:  # a new event's consensus is the report's profile, which just fitted none
            cluster_id = self._new_id(report.id)
            self._store(cluster_id, [(report, profile)], [(report, profile)], [])
            changes[cluster_id] = Change(CREATED, cluster_id, added=[report.id])
            return
        members = self.state.members(best)
        self._store(best, members + [(report, profile)], [(report, profile)], [])
        change = changes.setdefault(best, Change(UPDATED, best))
        change.added.append(report.id)
        for other in partners[1:]:  # reports an analyst put together, found in several events
            if self.state.has(other) and self.state.has(best):
                best = self._merge_two(best, other, changes)
        self._merge_matches(best, changes)

    def _merge_matches(self, cluster_id: str, changes: dict[str, Change]) -> None:
        """Merge the canonical event a report just joined with any other it now fits.

        Reports arriving in another order would have made them one: a report without a place
        founds its own event, then one naming the same victim and the town arrives and joins
        the town's event, whose consensus now carries the name too."""
        while True:
            consensus = self.state.consensus([cluster_id])[cluster_id]
            avoid = (
                self._kept_apart([report.id for report, _ in self.state.members(cluster_id)]) if self.links else set()
            )
            other = self._best_match(consensus, exclude=cluster_id, avoid=avoid)
            if other is None:
                return
            cluster_id = self._merge_two(cluster_id, other, changes)

    def _merge_two(self, cluster_id: str, other: str, changes: dict[str, Change]) -> str:
        """Move the smaller canonical event's reports into the larger; returns the one kept."""
        kept, gone = sorted((cluster_id, other), key=lambda c: (-len(self.state.members(c)), c != other))
        moved = self.state.members(gone)
        self.state.delete(gone)
        self._store(kept, self.state.members(kept) + moved, moved, [])
        gone_change = changes.setdefault(gone, Change(UPDATED, gone))
        gone_change.removed.extend(report.id for report, _ in moved)
        changes.setdefault(kept, Change(UPDATED, kept)).added.extend(report.id for report, _ in moved)
        return kept

    def _partner_clusters(self, report_id: str) -> list[str]:
        """The canonical events holding reports an analyst put with this one, largest first."""
        found = self._clusters_of(self.links.together_with(report_id))
        return sorted(found, key=lambda c: (-len(self.state.members(c)), c))

    def _clusters_of(self, report_ids: Iterable[str]) -> set[str]:
        """The canonical events holding these reports (those filed)."""
        return {cluster for cluster in map(self.state.cluster_of, report_ids) if cluster is not None}

    def _kept_apart(self, report_ids: list[str]) -> set[str]:
        """The canonical events holding a report an analyst split from any of these."""
        apart = set().union(*(self.links.apart_from(report_id) for report_id in report_ids)) if self.links else set()
        return self._clusters_of(apart)

    def _best_match(
        self, profile: Profile, exclude: Optional[str] = None, avoid: frozenset | set = frozenset()
    ) -> Optional[str]:
        if not profile.fusable:
            return None
        found: Iterable[str] = (
            self.state.candidates(lookup_keys(profile, self.rules)) if self.use_blocking else self.state.all_ids()
        )
        candidates = [cluster_id for cluster_id in found if cluster_id != exclude and cluster_id not in avoid]
        scored = []
        consensus = self.state.consensus(candidates)
        for cluster_id, candidate in consensus.items():
            self.stats.comparisons += 1
            score = match_score(profile, candidate, self.rules)
            if score is not None:
                scored.append((-score, cluster_id))
        if not scored:
            return None
        scored.sort()
        best = consensus[scored[0][1]]
        for score, cluster_id in scored[1:]:
            if score - scored[0][0] >= self.rules.ambiguity_margin:
                break
            if not _could_be_one(best, consensus[cluster_id], self.rules):
                return None  # fits two different canonical events about as well: joining either would be a guess
        return scored[0][1]

    def _remove_one(self, report_id: str, cluster_id: str, changes: dict[str, Change]) -> None:
        remaining = [m for m in self.state.members(cluster_id) if m[0].id != report_id]
        change = changes.setdefault(cluster_id, Change(UPDATED, cluster_id))
        change.removed.append(report_id)
        if not remaining:
            self.state.delete(cluster_id)
            return
        self._store(cluster_id, remaining, [], [report_id])

    def _store(self, cluster_id: str, members: list[Member], added: list[Member], removed: list[str]) -> None:
        consensus = consensus_profile(members)
        keys = filing_keys(consensus, self.rules)
        self.state.save(cluster_id, added, removed, consensus, keys)

    def _finish(self, changes: dict[str, Change]) -> list[Change]:
        """Build the views of the canonical events touched (once per call, not once per report)."""
        for cluster_id, change in changes.items():
            if not self.state.has(cluster_id):
                change.kind, change.view = DELETED, None
                continue
            members = self.state.members(cluster_id)
            change.view = canonical_view(cluster_id, members, self.state.consensus([cluster_id])[cluster_id])
            self.state.save_view(cluster_id, change.view)
        return sorted(changes.values(), key=lambda c: c.canonical_id)

    def _unchanged(self, cluster_id: str, report: Report) -> bool:
        return any(member.id == report.id and member == report for member, _ in self.state.members(cluster_id))

    def _new_id(self, seed_report_id: str) -> str:
        """A canonical id derived from the report that founded it, so re-running fusion keeps ids."""
        base = "ce-" + hashlib.sha1(seed_report_id.encode("utf-8")).hexdigest()[:12]
        cluster_id, suffix = base, 1
        while self.state.has(cluster_id):
            suffix += 1
            cluster_id = f"{base}-{suffix}"
        return cluster_id


def _could_be_one(a: Profile, b: Profile, rules: FusionRules) -> bool:
    """Two canonical events that would fuse with each other: a report fitting both is no guess
    between two events (one event that came apart, e.g. when an earlier report was ambiguous)."""
    return match_score(a, b, rules) is not None or match_score(b, a, rules) is not None


def _arrival_order(member: Member) -> tuple:
    report, profile = member
    rank = profile.span.rank if profile.span else 99
    return (report.published or "9999-99-99", rank, report.doc_id, report.id)


def fuse(
    reports: Iterable[Report], families: EventFamilies, rules: Optional[FusionRules] = None
) -> list[dict[str, Any]]:
    """One-off fusion of a set of reports (e.g. a query result): the canonical events' views."""
    index = FusionIndex(families, rules)
    index.add(reports)
    return index.canonical_events()
