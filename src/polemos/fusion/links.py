"""What an analyst decided about fusion, which the index honours whatever its rules say.

``apart`` pairs of reports never share a canonical event (a report split out of one);
``together`` groups always do (two canonical events merged). Decisions name reports by their
stable ids, so they hold when documents are re-extracted and when fusion runs again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable


class FusionLinks:
    def __init__(self, apart: Iterable[tuple[str, str]] = (), together: Iterable[tuple[str, str]] = ()):
        self._apart: dict[str, set[str]] = defaultdict(set)
        for a, b in apart:
            self._apart[a].add(b)
            self._apart[b].add(a)
        self._group: dict[str, set[str]] = {}
        for a, b in together:
            self._join(a, b)

    def __bool__(self) -> bool:
        return bool(self._apart or self._group)

    def apart_from(self, report_id: str) -> set[str]:
        return self._apart.get(report_id, set())

    def together_with(self, report_id: str) -> set[str]:
        """The other reports an analyst put in one canonical event with this one."""
        return self._group.get(report_id, {report_id}) - {report_id}

    def _join(self, a: str, b: str) -> None:
        group = self._group.get(a, {a}) | self._group.get(b, {b})
        for report_id in group:
            self._group[report_id] = group


NO_LINKS = FusionLinks()
