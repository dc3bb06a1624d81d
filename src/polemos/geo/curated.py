"""Readers of polemos' own geographic data files (``src/polemos/data/geo_*``, ``gazetteer_*``)."""

from __future__ import annotations

import csv
import hashlib
from importlib import resources
from pathlib import Path

CURATED_FILES = (
    "gazetteer_additions.csv",
    "gazetteer_aliases.csv",
    "geo_country_points.csv",
    "geo_demonyms.csv",
    "geo_ruler_names.csv",
)


def data_path(name: str) -> Path:
    return Path(str(resources.files("polemos") / "data" / name))


def read_rows(name: str) -> list[dict[str, str]]:
    with open(data_path(name), encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any(row.values())]


def curated_fingerprint() -> str:
    """Hash of the curated files the index is built from, so it is rebuilt when one changes."""
    digest = hashlib.sha1()
    for name in CURATED_FILES:
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()


def country_point_overrides() -> dict[str, tuple[float, float]]:
    return {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in read_rows("geo_country_points.csv")}


def demonyms() -> dict[str, str]:
    """Nationality words, singular and plural ("Israeli", "Israelis") -> ISO alpha-3 country."""
    found = {}
    for row in read_rows("geo_demonyms.csv"):
        word = row["demonym"]
        found[word] = row["country"]
        if not word.endswith(("ese", "ss", "sh", "ch")):
            found[word + "s"] = row["country"]
    return found


def container_codes() -> dict[str, str]:
    """State codes read only where a state is written after a place ("Hattiesburg, MS"):
    code -> the state's name."""
    return {row["code"]: row["name"] for row in read_rows("geo_container_codes.csv")}
