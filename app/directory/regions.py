"""The CMS region of each country, derived from the CLDR time-zone data that Babel ships.

A country's time zones name its continent ("Africa/Nairobi", "Europe/Paris"): the continent
most of its zones name wins, a tie going to the mainland over outlying islands (Spain's zones
say Africa/Ceuta, Atlantic/Canary and Europe/Madrid; Chile's Pacific/Easter and America/…). The
few countries whose zones say "Indian", "Atlantic" or nothing, and the places where CMS groups a
country differently from geography, are listed explicitly.
"""

from collections import Counter

from babel.core import get_global

from app.directory.models import Region

_BY_ZONE_PREFIX = {
    "Africa": Region.AFRICA,
    "Asia": Region.ASIA,
    "Europe": Region.EUROPE,
    "Pacific": Region.OCEANIA,
    "Australia": Region.OCEANIA,
    "Arctic": Region.EUROPE,
}

_NORTH_AMERICA = {"US", "CA", "GL", "PM", "BM", "UM"}

_EXPLICIT = {
    # Indian Ocean
    "KM": Region.AFRICA, "MG": Region.AFRICA, "MU": Region.AFRICA, "YT": Region.AFRICA,
    "RE": Region.AFRICA, "SC": Region.AFRICA, "TF": Region.AFRICA,
    "MV": Region.ASIA, "IO": Region.ASIA,
    "CC": Region.OCEANIA, "CX": Region.OCEANIA, "HM": Region.OCEANIA,
    # Atlantic Ocean
    "CV": Region.AFRICA, "SH": Region.AFRICA, "BV": Region.AFRICA,
    "IS": Region.EUROPE, "FO": Region.EUROPE, "PT": Region.EUROPE,
    "FK": Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN, "GS": Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN,
    "BM": Region.NORTH_AMERICA,
    # Grouped with Europe in CMS although CLDR files them under Asia
    "CY": Region.EUROPE, "GE": Region.EUROPE, "AM": Region.EUROPE, "AZ": Region.EUROPE,
    "IL": Region.EUROPE, "TR": Region.EUROPE, "RU": Region.EUROPE,
}  # fmt: skip

# Ties between continents go to the first of these (the mainland before outlying islands).
_PRIORITY = ["Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Arctic"]


def region_of(alpha_2: str) -> Region | None:
    """The CMS region of a country, or None where none applies (Antarctica)."""
    if alpha_2 in _EXPLICIT:
        return _EXPLICIT[alpha_2]
    zones = get_global("territory_zones").get(alpha_2, [])
    if not zones:
        return None
    counts = Counter(zone.split("/")[0] for zone in zones)
    prefix = min(
        counts,
        key=lambda p: (-counts[p], _PRIORITY.index(p) if p in _PRIORITY else len(_PRIORITY)),
    )
    if prefix == "America":
        if alpha_2 in _NORTH_AMERICA:
            return Region.NORTH_AMERICA
        return Region.SOUTH_CENTRAL_AMERICA_CARIBBEAN
    return _BY_ZONE_PREFIX.get(prefix)
