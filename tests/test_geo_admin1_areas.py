"""First-level divisions from the Natural Earth admin-1 files the web workspace ships: a point
falls in its state or province; a point at sea, of an unknown country or a malformed code
falls in none."""

from __future__ import annotations

import pytest

from polemos.geo.admin1_areas import Admin1Areas


@pytest.fixture(scope="module")
def areas() -> Admin1Areas:
    found = Admin1Areas()
    assert found.available()
    return found


@pytest.mark.parametrize(
    "country, lat, lon, name",
    [
        ("IND", 23.03, 72.58, "Gujarat"),  # Ahmedabad
        ("SDN", 15.5, 32.53, "Khartoum"),
        ("USA", 30.27, -97.74, "Texas"),  # Austin
        ("AZE", 39.82, 46.75, "Stepanakert"),
        ("ukr", 46.48, 30.72, "Odessa"),  # the country code in any case
    ],
)
def test_a_point_falls_in_its_division(areas, country, lat, lon, name):
    assert areas.locate(country, lat, lon).name == name


def test_a_point_outside_every_division_or_country_file_falls_in_none(areas):
    assert areas.locate("IND", 15.0, 65.0) is None  # the Arabian Sea
    assert areas.locate("XXX", 23.03, 72.58) is None
    assert areas.locate(None, 23.03, 72.58) is None
    assert areas.of_country("../../etc/passwd") == () and areas.of_country("IN") == ()


def test_every_division_is_told_apart_by_its_code_and_name(areas):
    """Natural Earth now and then gives a city and its province one code (Kyiv and Kyiv City)."""
    kyiv = [area for area in areas.of_country("UKR") if area.code == "UA.KM"]
    assert len(kyiv) == 2 and areas.locate("UKR", 50.45, 30.52).name == "Kiev City"
    for country in ("IND", "SYR", "UKR", "NGA"):
        keys = [(area.code, area.name) for area in areas.of_country(country)]
        assert len(keys) > 5 and len(keys) == len(set(keys)) and all(name for _, name in keys)
