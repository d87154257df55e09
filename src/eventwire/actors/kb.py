"""The actor knowledge base: every name we can resolve, built from YAML data and pycountry.

Sources, in order (later ones add to earlier ones):

1. ``pycountry``: ISO 3166-1 countries (alpha-3 code, name, official and common names) and
   ISO 3166-2 first-level subdivisions (states, provinces, regions) as places of their country.
2. ``data/countries.yaml``: aliases, capitals and demonyms; ``data/igos.yaml``: organisations with
   member lists; ``data/metonyms.yaml``: buildings and state bodies standing for governments;
   ``data/roles.yaml``: sector nouns; ``data/officials.yaml``, ``data/leaders.yaml`` and
   ``data/heads.yaml`` (heads of state and government since the 1970s): office holders with date
   ranges; ``data/groups.yaml``: named non-state actors (armed groups, parties,
   NGOs, companies, universities, pre-states); ``data/places.yaml``: cities and regions.
   Formats: ``data/README.md``.
3. Files the user passes with ``--kb-extra``: one YAML mapping with any of the keys of
   ``DATA_FILES``, each a list in the same format.

``KnowledgeBase.lookup(text, on=date)`` resolves a short phrase (rules in ``phrase.py``);
``names()`` lists what the text matcher looks for. Name lookups ignore a leading "the", a
possessive "'s", hyphens versus spaces, accents and case, except that an all-capital acronym
("CAR", "US") is never matched by an all-lower-case word ("car", "us").

Codes: an actor's ``code`` is its country (or nothing) followed by its primary sector and then
its secondary ``also`` sectors, CAMEO-style (a defence minister of Belarus is ``BLRMILGOV``,
sector ``MIL``). An official looked up on a date after all of their tenures ended is a former
official: country + ``ELI`` (CAMEO/NGEC convention). Without a date, the reference date is
``AS_OF`` (when the official lists were last checked) and a tenure that ended within
``RECENT_YEARS`` of it still names the person (news keeps calling them by their last office).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from eventwire import cache, records, yamlio
from eventwire.errors import InputError
from eventwire.records import Actor

log = logging.getLogger(__name__)
DATA_FILES = ("countries", "igos", "metonyms", "roles", "officials", "leaders", "heads", "groups", "places")
# PLOVER/NGEC agent types. MED is medical/health and JRN is media (PLOVER usage); HLH is still
# accepted in user files as an older name for MED.
SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "BUS", "MED", "JRN", "EDU", "REF",
    "NGO", "HLH", "LAB", "REL", "IGO", "ELI", "SPY", "AGR", "ENV", "CRM", "UAF", "PTY", "PRM",
    "PRE", "BUD", "CHR", "MUS", "HIN", "JEW", "SIK",
})
AS_OF = dt.date(2025, 10, 1)
RECENT_YEARS = 3
# Uninhabited ISO 3166-1 territories: places, not actors.
_NOT_ACTORS = frozenset({"ATA", "BVT", "HMD", "ATF", "UMI", "SGS", "IOT"})
# libyaml's safe loader when PyYAML was built with it (parses the data files ~10x faster).
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z.&]{1,7}")


def fold(text: str) -> str:
    """``text`` without accents ("Khürelsükh" -> "Khurelsukh", "Nausėda" -> "Nauseda")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Memoised: a pure function of the text, asked for the same few thousand names and entity texts over
# and over (building the KB, every mention lookup); the bound keeps a long run's memory flat. Reuters
# articles bring ~7,000 new texts per 1,000 (86% hits after 6,000), so 65,536 entries filled only
# after ~8,000 articles, ~8 MB more than a run of 2,000 holds; 16,384 fill within the first 2,000.
@functools.lru_cache(maxsize=1 << 14)
def key(text: str) -> str:
    """The lookup form of a name: no leading article, no possessive, no accents, hyphens as spaces,
    single spaces, lower case."""
    text = fold(text.replace("’", "'").replace("‘", "'"))
    text = re.sub(r"(?<=\w)[-‐–](?=\w)", " ", text)
    text = _SPACE.sub(" ", text).strip()
    text = re.sub(r"^(the|The|THE)\s+", "", text)
    text = _POSSESSIVE.sub("", text).strip()
    return text.lower()


def code_of(country: str | None, sector: str | None, also: Iterable[str] = ()) -> str | None:
    """The CAMEO-style code: country, then the primary sector, then secondary sectors."""
    parts = [country or "", sector or "", *(a for a in also if a != sector)]
    return "".join(parts) or None


def _case_ok(name_text: str, query: str) -> bool:
    """An acronym name ("CAR", "US", "WHO") is not matched by an all-lower-case query word."""
    core = key(query)
    return not (_ACRONYM.fullmatch(name_text.strip()) and query.strip().lower() == query.strip()
                and " " not in core)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):  # YAML reads "2011-07-08 00:00" as a timestamp: its day counts
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    return dt.date.fromisoformat(text[:10])


@dataclass(frozen=True)
class Name:
    """One name the KB knows: what it resolves to, what kind of name it is, and when it holds."""

    text: str
    actor: Actor
    kind: str  # country | capital | demonym | igo | metonym | official | group | place
    since: dt.date | None = None
    until: dt.date | None = None
    ambiguous: bool = False

    def holds_on(self, on: dt.date | None) -> bool:
        if on is None:
            return self.until is None
        return (self.since is None or self.since <= on) and (self.until is None or on <= self.until)


@dataclass(frozen=True)
class Role:
    """A role or sector noun ("defence minister" -> MIL, also GOV)."""

    text: str
    sector: str
    also: tuple[str, ...] = ()
    ambiguous: bool = False


_KIND_ORDER = {"official": 0, "igo": 1, "metonym": 2, "group": 3, "country": 4, "capital": 5,
               "demonym": 6, "place": 7}
PLACE_KINDS = frozenset({"country", "demonym", "capital", "place"})


def _former(actor: Actor) -> Actor:
    return Actor(code=code_of(actor.country, "ELI"), country=actor.country, sector="ELI", name=actor.name)


@dataclass
class KnowledgeBase:
    """Names, roles and IGO memberships. Build with :func:`load`; treat as read-only afterwards."""

    by_key: dict[str, list[Name]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[str, Role] = field(default_factory=dict)
    members: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    # State -> [(last day, state it was part of until then)] (countries.yaml ``formerly``).
    formerly: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)
    # States whose people's names are written family name first ("Jiang Zemin"; countries.yaml
    # ``surname_first``): "President Jiang" names him by his first word.
    surname_first: set[str] = field(default_factory=set)
    # Indexes derived from this KB (phrase matchers, people by name part), built on first use. They
    # live on the KB, not in module caches keyed by id(): a freed KB's id can be reused by a new one.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # What the KB was built from (see ``load``): the key under which indexes derived from it (the
    # matchers' patterns) are cached on disk. None for a KB built by hand, whose indexes are not cached.
    digest: str | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        # Derived indexes hold spaCy objects tied to one process's pipeline: never pickled.
        return {**self.__dict__, "derived": {}}

    def add(self, name: Name) -> None:
        bucket = self.by_key[key(name.text)]
        if name not in bucket:
            bucket.append(name)

    def candidates(self, text: str) -> list[Name]:
        """Every Name whose lookup form is ``text``'s (acronyms need upper case in ``text``)."""
        return [c for c in self.by_key.get(key(text)) or () if _case_ok(c.text, text)]

    def lookup_name(self, text: str, on: dt.date | None = None) -> Name | None:
        """The best Name for ``text`` on date ``on``: one valid on that date, preferring officials and
        organisations over place names; None when nothing matches. An official known only from
        tenures that ended before ``on`` comes back as a former official (ELI), see the module doc."""
        cands = self.candidates(text)
        if not cands:
            return None
        valid = [c for c in cands if c.holds_on(on)]
        if not valid:
            officials = [c for c in cands if c.kind == "official"]
            if officials:
                return self._out_of_office(officials, on)
            valid = [c for c in cands if c.kind != "official"]
        if not valid:
            return None
        # Officials first; among several offices held at once, the one taken up last.
        best = sorted(valid, key=lambda c: (_KIND_ORDER.get(c.kind, 9), -(c.since or dt.date.min).toordinal()))[0]
        return self._before_independence(best, on)

    def country_on(self, country: str | None, on: dt.date | None) -> str | None:
        """The state ``country``'s territory belonged to on ``on``: the state it was part of then
        (``formerly``: SSD on 2000-01-01 -> SDN), else ``country`` itself (and for an undated query)."""
        if on is None or country is None or country not in self.formerly:
            return country
        on = on.date() if isinstance(on, dt.datetime) else on
        return next((old for until, old in sorted(self.formerly[country]) if on <= until), country)

    def later_states(self, country: str) -> frozenset[str]:
        """The states that were once part of ``country`` (SDN -> {SSD}): where its towns may be now."""
        return frozenset(new for new, parts in self.formerly.items() if any(old == country for _, old in parts))

    def _before_independence(self, name: Name, on: dt.date | None) -> Name:
        """``name`` as of ``on`` when its country was then part of another state (``formerly``): that
        state's actor with the same sectors, a capital then standing for no government ("Juba" in
        2000 -> SDN, not SSDGOV); ``name`` itself otherwise (and for an undated query). Officials keep
        the country their row gives: the head of a republic inside a federation ("Slovak prime
        minister" in 1992) is that republic's, not the federation's."""
        country = name.actor.country
        if name.kind == "official":
            return name
        before = self.country_on(country, on)
        if country is None or before is None or before == country:
            return name
        if name.kind in ("capital", "country", "demonym", "place"):
            actor = Actor(code=before, country=before, sector=None, name=self.country_names.get(before, before))
        else:
            rest = (name.actor.code or "")[len(country):] if (name.actor.code or "").startswith(country) else ""
            actor = replace(name.actor, code=before + rest, country=before)
        return Name(name.text, actor, name.kind, name.since, name.until, name.ambiguous)

    @staticmethod
    def _out_of_office(tenures: list[Name], on: dt.date | None) -> Name | None:
        """The Name for a person not in office on ``on``: their last tenure (undated query, ended
        recently), a former official (ELI), or their country alone before their first office."""
        ref = on or AS_OF
        ended = [t for t in tenures if t.until is not None and t.until < ref]
        if not ended:
            first = min(tenures, key=lambda t: t.since or dt.date.min)
            actor = Actor(code=first.actor.country, country=first.actor.country, name=first.actor.name)
            return Name(first.text, actor, "official", first.since, first.until)
        last = max(ended, key=lambda t: t.until or dt.date.min)
        assert last.until is not None
        recent = dt.date(ref.year - RECENT_YEARS, ref.month, min(ref.day, 28))
        if on is None and last.until >= recent:
            return last
        return Name(last.text, _former(last.actor), "official", last.since, last.until)

    def lookup(self, text: str, on: dt.date | None = None) -> Actor | None:
        """Resolve a short actor phrase (see ``phrase.resolve``): a name, or a role with the country,
        organisation or person it belongs to."""
        from eventwire.actors import phrase  # phrase builds on this module

        return phrase.resolve(text, self, on)

    def role_of(self, text: str) -> Role | None:
        return self.roles.get(key(text))

    def names(self) -> Iterable[Name]:
        for bucket in self.by_key.values():
            yield from bucket

    def members_of(self, igo: str, on: dt.date | None = None) -> list[str]:
        return [c for c, since, until in self.members.get(igo, ())
                if on is None or ((since is None or since <= on) and (until is None or on <= until))]


def _country_actor(iso3: str, name: str) -> Actor:
    return Actor(code=iso3, country=iso3, sector=None, name=name)


def _add_countries(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        iso3, name = row["iso3"], row["name"]
        kb.country_names[iso3] = name
        actor = _country_actor(iso3, name)
        for text in [name, *(row.get("aliases") or ())]:
            kb.add(Name(text, actor, "country"))
        gov = Actor(code=iso3 + "GOV", country=iso3, sector="GOV", name=name)
        for text in row.get("capitals") or ():
            kb.add(Name(text, gov, "capital"))
        for text in row.get("demonyms") or ():
            kb.add(Name(text, actor, "demonym"))
        if row.get("surname_first"):
            kb.surname_first.add(iso3)
        for part in row.get("formerly") or ():
            until = _date(part["until"])
            if until is not None:
                kb.formerly.setdefault(iso3, []).append((until, str(part["country"])))


def _display_name(row: dict[str, Any]) -> str:
    """How news names an organisation: its acronym when it has one ("NATO", "CSTO"), else its name."""
    for alias in row.get("aliases") or ():
        if re.fullmatch(r"[A-Z][A-Z+]{1,6}", str(alias)):
            return str(alias)
    return str(row["name"])


def _add_igos(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        code = row["code"]
        actor = Actor(code=code, country=None, sector="IGO", name=_display_name(row))
        for text in [row["name"], *(row.get("aliases") or ())]:
            kb.add(Name(text, actor, "igo"))
        kb.members[code] = [(m["country"], _date(m.get("since")), _date(m.get("until")))
                            for m in row.get("members") or ()]
    for row in rows:
        parent = row.get("members_of")
        if parent and not kb.members.get(row["code"]):
            kb.members[row["code"]] = list(kb.members.get(parent, ()))


def _row_actor(row: dict[str, Any], name: str) -> Actor:
    """The actor a metonym, official or group row stands for: an organisation (``igo``) or
    country + sector (+ ``also`` sectors in the code). A group with no country is country-less."""
    also = tuple(row.get("also") or ())
    for sector in (row.get("sector"), *also):
        if sector is not None and sector not in SECTORS:
            raise ValueError(f"unknown sector {sector!r}")
    if row.get("igo"):
        return Actor(code=row["igo"], country=None, sector="IGO", name=name)
    country, sector = row.get("country"), row.get("sector") or "GOV"
    return Actor(code=code_of(country, sector, also), country=country, sector=sector, name=name)


def _add_metonyms(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actor = _row_actor(row, row["text"])
        kb.add(Name(row["text"], actor, "metonym", _date(row.get("since")), _date(row.get("until")),
                    bool(row.get("ambiguous"))))


def _add_groups(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    """Named non-state actors (and pre-states): one row per name and period, see data/README.md."""
    for row in rows:
        actor = _row_actor(row, row.get("display") or row["name"])
        for text in [row["name"], *(row.get("aliases") or ())]:
            kb.add(Name(str(text), actor, "group", _date(row.get("since")), _date(row.get("until")),
                        bool(row.get("ambiguous"))))


def _add_places(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    """Cities, regions and peoples of a country. A place locates an actor in its country; it does not stand
    for the government (capitals do, from countries.yaml). Names another entry already uses are
    skipped, so a place never shadows a country, capital or organisation."""
    for row in rows:
        iso3 = row["country"]
        actor = Actor(code=iso3, country=iso3, sector=None, name=kb.country_names.get(iso3, iso3))
        for text in [*(row.get("cities") or ()), *(row.get("regions") or ()), *(row.get("peoples") or ())]:
            if not kb.by_key.get(key(str(text))):
                kb.add(Name(str(text), actor, "place"))


def _add_roles(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sector = row["sector"]
        if sector not in SECTORS or not set(row.get("also") or ()) <= SECTORS:
            raise InputError(f"roles: unknown sector {sector!r}")
        for noun in row.get("nouns") or ():
            kb.roles[key(noun)] = Role(noun, sector, tuple(row.get("also") or ()), bool(row.get("ambiguous")))


def _add_officials(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actor = _row_actor(row, row["name"])
        for text in [row["name"], *(row.get("aliases") or ())]:
            kb.add(Name(text, actor, "official", _date(row.get("start")), _date(row.get("end"))))


_ADDERS = {"countries": _add_countries, "igos": _add_igos, "metonyms": _add_metonyms,
           "roles": _add_roles, "officials": _add_officials, "leaders": _add_officials, "heads": _add_officials,
           "groups": _add_groups, "places": _add_places}


def _pycountry_rows() -> list[dict[str, Any]]:
    rows = []
    for c in pycountry.countries:
        aliases = [getattr(c, "official_name", None), getattr(c, "common_name", None)]
        rows.append({"iso3": c.alpha_3, "name": getattr(c, "common_name", None) or c.name,
                     "aliases": [a for a in [c.name, *aliases] if a]})
    return rows


def _add_pycountry(kb: KnowledgeBase) -> None:
    """ISO names our data files lack. Our files win: pycountry's "Congo" (the Republic) does not
    override countries.yaml giving bare "Congo" to the DR Congo, as news style does."""
    for row in _pycountry_rows():
        iso3 = row["iso3"]
        if iso3 in _NOT_ACTORS:
            continue
        kb.country_names.setdefault(iso3, row["name"])
        actor = _country_actor(iso3, kb.country_names[iso3])
        for text in [row["name"], *row["aliases"]]:
            if not any(n.kind == "country" for n in kb.by_key.get(key(text), ())):
                kb.add(Name(text, actor, "country"))


_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Territory", "Union territory", "Governorate", "Prefecture",
    "Autonomous region", "Autonomous province", "Autonomous republic", "Republic", "Federal district",
    "Autonomous community", "Administrative region", "Oblast", "Federal territory", "Emirate",
    "Autonomous city", "Capital territory", "Land", "Canton", "County", "Department",
})
_STATE_WORDS = {"State": "State", "Province": "Province", "Region": "Region", "Governorate": "Governorate",
                "Prefecture": "Prefecture", "Oblast": "Oblast"}


# Words that are ordinary English (compass points, landforms): a subdivision named only with them
# ("North", "Gulf", "Lakes", "Upper East") would turn "East Africa" or "the Gulf states" into a place.
_COMMON_PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "far", "upper", "lower", "middle", "greater", "coast", "coastal", "gulf", "delta", "lake",
    "lakes", "unity", "midlands", "highlands", "lowlands", "mountain", "mountains", "hills", "islands",
    "island", "capital", "plateau", "valley", "border", "interior", "river", "rivers", "sea", "ocean", "bay",
    "maritime", "littoral", "savanes", "savannah", "desert", "forest", "plains", "region", "province",
    "state", "district", "mary", "amazon", "victoria",
})


def _add_subdivisions(kb: KnowledgeBase) -> None:
    """ISO 3166-2 first-level subdivisions as places ("Kano" and "Kano State" -> NGA). Names shared
    by two countries, names shorter than four letters, names with a comma and names another entry
    already uses are left out, and a name made only of common words (``_COMMON_PLACE_WORDS``) is
    kept only with its type word ("Delta State", never bare "Delta"); places.yaml (English names)
    wins over ISO's local-language ones."""
    by_name: dict[str, set[str]] = defaultdict(set)
    rows: list[tuple[str, str, str]] = []
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.type not in _SUBDIVISION_TYPES or "," in sub.name:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None or len(sub.name) < 4:
            continue
        by_name[key(sub.name)].add(str(country.alpha_3))
        rows.append((str(sub.name), str(country.alpha_3), str(sub.type)))
    for name, iso3, kind in rows:
        if len(by_name[key(name)]) > 1 or iso3 in _NOT_ACTORS:
            continue
        actor = Actor(code=iso3, country=iso3, sector=None, name=kb.country_names.get(iso3, iso3))
        common = set(key(name).split()) <= _COMMON_PLACE_WORDS  # "Delta": only as "Delta State"
        texts = ([] if common else [name]) + ([f"{name} {_STATE_WORDS[kind]}"] if kind in _STATE_WORDS else [])
        for text in texts:
            if not kb.by_key.get(key(text)):
                kb.add(Name(text, actor, "place"))


def _read_package(name: str) -> list[dict[str, Any]]:
    path = resources.files("eventwire.actors").joinpath(f"data/{name}.yaml")
    if not path.is_file():
        log.warning("actor data file %s.yaml is missing", name)
        return []
    return yamlio.load(path.read_text("utf-8")) or []


def read_extra(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A user's KB file: a mapping of data-file names to lists. InputError when malformed."""
    try:
        data = yamlio.load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read knowledge-base file ({exc})") from exc
    if not isinstance(data, dict) or not set(data) <= set(DATA_FILES):
        raise InputError(f"{path}: expected a mapping with keys among {', '.join(DATA_FILES)}")
    return data


def build(extra: Iterable[dict[str, list[dict[str, Any]]]] = ()) -> KnowledgeBase:
    """A KnowledgeBase from pycountry, the package's data files and any extra mappings."""
    kb = KnowledgeBase()
    layers = [{name: _read_package(name) for name in DATA_FILES}, *extra]
    for layer in layers:
        for name in DATA_FILES:
            rows = layer.get(name) or []
            try:
                _ADDERS[name](kb, rows)
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(f"knowledge base {name}: malformed entry ({exc!r})") from exc
    _add_pycountry(kb)
    _add_subdivisions(kb)
    return kb


def _digest(extra_paths: tuple[Path, ...]) -> str:
    """What a KB is built from: this module's source and the records' (they define what is pickled),
    the package data files, the user's extra files (their bytes, not their names) and pycountry's
    version (its country and subdivision lists)."""
    parts: list[bytes | str] = [Path(__file__).read_bytes(), Path(records.__file__).read_bytes(),
                                str(getattr(pycountry, "__version__", None) or _pycountry_version())]
    data = resources.files("eventwire.actors").joinpath("data")
    for name in DATA_FILES:
        path = data.joinpath(f"{name}.yaml")
        parts += [name, path.read_bytes() if path.is_file() else b""]
    for extra in extra_paths:
        try:
            parts.append(extra.read_bytes())
        except OSError as exc:
            raise InputError(f"{extra}: cannot read knowledge-base file ({exc})") from exc
    return cache.digest(*parts)


def _pycountry_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pycountry")
    except metadata.PackageNotFoundError:
        return "unknown"


@functools.lru_cache(maxsize=8)
def load(extra_paths: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The KB with the user's extra files, built once per process and kept in the on-disk cache
    (``eventwire.cache``) under a digest of everything it is built from: building it parses every data
    file and pycountry's lists (about a second), reading it back takes a tenth of that."""
    digest = _digest(extra_paths)
    cached = cache.get("kb", digest)
    if isinstance(cached, KnowledgeBase):
        cached.digest = digest
        return cached
    kb = build([read_extra(p) for p in extra_paths])
    cache.put("kb", digest, kb)
    kb.digest = digest
    return kb
