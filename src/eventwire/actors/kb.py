"""The actor knowledge base: every name we can resolve, built from YAML data and pycountry.

Sources, in order (later ones add to earlier ones):

1. ``pycountry``: ISO 3166-1 countries (alpha-3 code, name, official and common names).
2. ``data/countries.yaml``: aliases, capitals and demonyms; ``data/igos.yaml``: organisations with
   member lists; ``data/metonyms.yaml``: buildings standing for governments; ``data/roles.yaml``: sector
   nouns; ``data/officials.yaml``: office holders with date ranges. Formats: ``data/README.md``.
3. Files the user passes with ``--kb-extra``: one YAML mapping with any of the keys ``countries``,
   ``igos``, ``metonyms``, ``roles``, ``officials``, each a list in the same format.

``KnowledgeBase.lookup(text, on=date)`` resolves a short phrase; ``names()`` lists what the phrase
matcher looks for. Name lookups ignore a leading "the", a possessive "'s" and case differences
beyond the first letter.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from eventwire.errors import InputError
from eventwire.records import Actor

log = logging.getLogger(__name__)
DATA_FILES = ("countries", "igos", "metonyms", "roles", "officials")
SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "BUS", "MED", "EDU", "REF",
    "NGO", "HLH", "LAB", "REL", "IGO", "ELI", "SPY", "AGR", "ENV", "CRM", "UAF",
})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")


def key(text: str) -> str:
    """The lookup form of a name: no leading article, no possessive, single spaces, lower case."""
    text = _SPACE.sub(" ", text.replace("’", "'")).strip()
    text = re.sub(r"^(the|The|THE)\s+", "", text)
    text = _POSSESSIVE.sub("", text).strip()
    return text.lower()


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
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
    kind: str  # country | capital | demonym | igo | metonym | official
    since: dt.date | None = None
    until: dt.date | None = None

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


@dataclass
class KnowledgeBase:
    """Names, roles and IGO memberships. Build with :func:`load`; treat as read-only afterwards."""

    by_key: dict[str, list[Name]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[str, Role] = field(default_factory=dict)
    members: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)

    def add(self, name: Name) -> None:
        bucket = self.by_key[key(name.text)]
        if name not in bucket:
            bucket.append(name)

    def lookup_name(self, text: str, on: dt.date | None = None) -> Name | None:
        """The best Name for ``text`` on date ``on``: one valid on that date, preferring officials and
        organisations over place names; None when nothing matches."""
        cands = self.by_key.get(key(text)) or []
        if not cands:
            return None
        valid = [c for c in cands if c.holds_on(on)] or [c for c in cands if c.kind != "official"]
        if not valid:
            return None
        order = {"official": 0, "igo": 1, "metonym": 2, "country": 3, "capital": 4, "demonym": 5}
        return sorted(valid, key=lambda c: order.get(c.kind, 9))[0]

    def lookup(self, text: str, on: dt.date | None = None) -> Actor | None:
        """Resolve a short actor phrase: a name, or [country/demonym] + role noun (+ name)."""
        found = self.lookup_name(text, on)
        if found is not None:
            return found.actor
        return self.compose(text, on)

    def role_of(self, text: str) -> Role | None:
        return self.roles.get(key(text))

    def compose(self, text: str, on: dt.date | None = None) -> Actor | None:
        """"Armenian Prime Minister", "Russia's defence ministry", "Kenyan police" -> country + sector."""
        words = key(text).split()
        best: tuple[int, Role] | None = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                role = self.roles.get(" ".join(words[i:j]))
                if role and (best is None or j - i > len(best[1].text.split())):
                    best = (i, role)
        country = None
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                name = self.lookup_name(" ".join(words[i:j]), on)
                if name and name.kind in ("country", "demonym", "capital") and name.actor.country:
                    country = name.actor.country
                    break
            if country:
                break
        if best is None:
            return None
        role = best[1]
        if country is None:
            return Actor(code=role.sector, country=None, sector=role.sector, name=None)
        return Actor(code=country + role.sector, country=country, sector=role.sector,
                     name=self.country_names.get(country))

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
    """The actor a metonym or official row stands for: an organisation (``igo``) or country + sector."""
    if row.get("igo"):
        return Actor(code=row["igo"], country=None, sector="IGO", name=name)
    country, sector = row["country"], row.get("sector") or "GOV"
    return Actor(code=country + sector, country=country, sector=sector, name=name)


def _add_metonyms(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actor = _row_actor(row, row["text"])
        kb.add(Name(row["text"], actor, "metonym", _date(row.get("since")), _date(row.get("until"))))


def _add_roles(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sector = row["sector"]
        if sector not in SECTORS:
            raise InputError(f"roles: unknown sector {sector!r}")
        for noun in row.get("nouns") or ():
            kb.roles[key(noun)] = Role(noun, sector, tuple(row.get("also") or ()), bool(row.get("ambiguous")))


def _add_officials(kb: KnowledgeBase, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actor = _row_actor(row, row["name"])
        for text in [row["name"], *(row.get("aliases") or ())]:
            kb.add(Name(text, actor, "official", _date(row.get("start")), _date(row.get("end"))))


_ADDERS = {"countries": _add_countries, "igos": _add_igos, "metonyms": _add_metonyms,
           "roles": _add_roles, "officials": _add_officials}


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
        kb.country_names.setdefault(iso3, row["name"])
        actor = _country_actor(iso3, kb.country_names[iso3])
        for text in [row["name"], *row["aliases"]]:
            if not any(n.kind == "country" for n in kb.by_key.get(key(text), ())):
                kb.add(Name(text, actor, "country"))


def _read_package(name: str) -> list[dict[str, Any]]:
    path = resources.files("eventwire.actors").joinpath(f"data/{name}.yaml")
    if not path.is_file():
        log.warning("actor data file %s.yaml is missing", name)
        return []
    return yaml.safe_load(path.read_text("utf-8")) or []


def read_extra(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A user's KB file: a mapping of data-file names to lists. InputError when malformed."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
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
    return kb


@functools.lru_cache(maxsize=8)
def load(extra_paths: tuple[Path, ...] = ()) -> KnowledgeBase:
    """The KB with the user's extra files, built once per process."""
    return build([read_extra(p) for p in extra_paths])
