"""An outlet's country gives the zone its article times are read in (§9), from CLDR's data."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from factcheck.domain.time_zones import country_code, zone_of_country

MARCH = datetime(2024, 3, 21, 9, 30)


@pytest.mark.parametrize(
    "country, code",
    [
        ("Indonesia", "ID"),
        ("indonesia ", "ID"),
        ("Turkey", "TR"),  # the English name newsrooms still write
        ("Türkiye", "TR"),
        ("Turki", "TR"),  # Indonesian
        ("turkiye", "TR"),
        ("Amerika Serikat", "US"),
        ("KZ", "KZ"),
        ("Narnia", None),
        ("", None),
        (None, None),
    ],
)
def test_a_country_is_found_by_its_english_or_indonesian_name_or_its_code(country, code):
    assert country_code(country) == code


def test_one_zone_countries_get_it_and_several_zone_countries_their_common_one_flagged():
    turkey = zone_of_country("Turkey", MARCH)
    assert (turkey.zone, turkey.several) == ("Europe/Istanbul", False)
    indonesia = zone_of_country("Indonesia", MARCH)  # WIB, WITA and WIT: most zones keep WIB
    assert (indonesia.zone, indonesia.several) == ("Asia/Jakarta", True)
    assert zone_of_country("Narnia", MARCH) is None


def test_the_zone_keeps_summer_time_at_the_moment_asked():
    zone = ZoneInfo(zone_of_country("United States", MARCH).zone)
    winter = datetime(2024, 1, 10, 9, 0, tzinfo=zone).utcoffset().total_seconds() / 3600
    summer = datetime(2024, 7, 10, 9, 0, tzinfo=zone).utcoffset().total_seconds() / 3600
    assert (winter, summer) == (-5, -4)


@pytest.mark.parametrize(
    "country, zone",
    [
        ("Russia", "Europe/Moscow"),  # most of its zones keep +7; most of its people +3
        ("Canada", "America/Toronto"),
        ("Brazil", "America/Sao_Paulo"),
        ("Australia", "Australia/Sydney"),
        ("Mongolia", "Asia/Ulaanbaatar"),
        ("Ecuador", "America/Guayaquil"),  # not the Galápagos
    ],
)
def test_a_country_of_several_zones_gets_where_most_of_its_newsrooms_are(country, zone):
    for moment in (datetime(2024, 1, 21, 9, 30), datetime(2024, 7, 21, 9, 30)):
        found = zone_of_country(country, moment)
        assert (found.zone, found.several) == (zone, True)


def test_cldrs_unknown_region_is_no_country():
    assert country_code("Unknown Region") is None and country_code("ZZ") is None
