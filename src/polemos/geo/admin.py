"""The administrative divisions a geocoded place lies in, by name, for exports (ACLED's admin1-3)."""

from __future__ import annotations

from typing import Optional

from polemos.geo.gazetteer import Gazetteer


class AdminAreas:
    """Division names of gazetteer places: the first-level names load once, each place is read once."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer
        self._admin1 = gazetteer.admin1_names()
        self._known: dict[int, tuple[Optional[str], Optional[str]]] = {}

    def of(self, place_id: Optional[int]) -> tuple[Optional[str], Optional[str]]:
        """(admin1, admin2) names of the place; a division counts as lying in itself.

        Unknown places and levels are None: a name is given only when the gazetteer has it.
        """
        if place_id is None:
            return None, None
        if place_id not in self._known:
            self._known[place_id] = self._divisions(place_id)
        return self._known[place_id]

    def _divisions(self, place_id: int) -> tuple[Optional[str], Optional[str]]:
        found = self._gazetteer.place_divisions(place_id)
        if found is None:
            return None, None
        name, feature, admin1_code, admin2_name = found
        if feature == "admin1":
            return name, None
        if feature == "admin2":
            admin2_name = name
        if feature in ("country", "continent", "region", "water"):
            return None, None  # larger than a division, or across several
        return self._admin1.get(admin1_code) if admin1_code else None, admin2_name


def built_gazetteer(cache_dir=None) -> Optional[Gazetteer]:
    """The gazetteer if its index is already built (ingest builds it), else None: an export
    then leaves the division columns empty rather than wait for a build."""
    from polemos.geo.gazetteer import default_cache_dir
    from polemos.geo.index import data_version, index_path

    if not index_path(cache_dir or default_cache_dir(), data_version()).exists():
        return None
    return Gazetteer.open(cache_dir)
