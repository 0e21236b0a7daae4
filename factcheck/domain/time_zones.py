"""The time zone an outlet publishes in, from its country (§9: a moment needs its zone).

An article's date is typed in the outlet's local time. Most newsrooms a
reviewer logs publish in their country's time, so the country stored on the
outlet gives the zone when nobody typed an offset. Countries and their zones
come from CLDR (Babel); a country is named in English, in Indonesian, or by its
two-letter code.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.core import get_global

# The languages of the interface: a country typed in either is found.
NAME_LOCALES = ("en", "id")
# English names CLDR no longer gives but newsrooms still write.
FORMER_NAMES = {
    "turkey": "TR",
    "czech republic": "CZ",
    "swaziland": "SZ",
    "macedonia": "MK",
    "burma": "MM",
    "ivory coast": "CI",
    "east timor": "TL",
}


# Where a country's clocks differ, its newsrooms mostly sit in its capital's or largest city's
# zone: CLDR lists the zones but says not which one that is. A country not listed here takes
# the offset most of its zones keep.
MAIN_ZONES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "NZ": "Pacific/Auckland",
    "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
}
NOT_COUNTRIES = {"ZZ"}  # CLDR's "Unknown Region"


@dataclass(frozen=True)
class CountryZone:
    country: str  # ISO 3166 code
    zone: str  # IANA name, e.g. Asia/Jakarta
    several: bool  # the country's clocks differ: the zone is its main one, check it
    offset: timedelta  # the zone's UTC offset at the moment asked


def _plain(name: str) -> str:
    """Case and accents folded: 'Türkiye' and 'turkiye' are one name."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _codes() -> dict[str, str]:
    codes = {_plain(name): code for name, code in FORMER_NAMES.items()}
    for locale in NAME_LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:  # not 001
                codes[_plain(name)] = code
                codes[code.casefold()] = code
    return codes


def country_code(country: str | None) -> str | None:
    """'Indonesia', 'Turki', 'Türkiye', 'Turkey' or 'ID' -> its ISO code; None when unknown."""
    return _codes().get(_plain(country)) if country and country.strip() else None


def zone_of_country(country: str | None, at: datetime) -> CountryZone | None:
    """The zone an outlet of `country` most likely dates its articles in, at the local time `at`.

    A country with one offset has its zone. One spanning several (Indonesia's
    WIB, WITA and WIT) gets its main zone (MAIN_ZONES), else the offset most of
    its zones keep at that moment, and is marked `several` so that the form can
    ask the reviewer to check.
    """
    code = country_code(country)
    offsets = {}
    for zone in get_global("territory_zones").get(code or "", []):
        try:
            offsets[zone] = at.replace(tzinfo=ZoneInfo(zone)).utcoffset()
        except (ZoneInfoNotFoundError, ValueError):  # a zone CLDR knows and this tz database not
            continue
    if not offsets:
        return None
    several = len(set(offsets.values())) > 1
    if code in MAIN_ZONES and MAIN_ZONES[code] in offsets:
        zone = MAIN_ZONES[code]
    else:
        common, _ = Counter(offsets.values()).most_common(1)[0]
        keeping = [z for z in offsets if offsets[z] == common]
        zone = next((z for z in keeping if z in _golden()), keeping[0])
    return CountryZone(code, zone, several, offsets[zone])


@cache
def _golden() -> frozenset[str]:
    """CLDR's own pick for each Windows zone: the best-known city of that offset (America/New_York)."""
    return frozenset(get_global("windows_zone_mapping").values())
