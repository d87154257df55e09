"""Resolve a short actor phrase ("Armenian Prime Minister", "a former CIA official", "targets in
Syria") to one actor. Serves ``eventwire actors resolve`` and named-entity lookups in text.

Contract: ``resolve(text, kb, on)`` returns an :class:`~eventwire.records.Actor` or None when the
phrase names no actor (a bare unknown person, "two men", "yesterday"); it never guesses a code.

Rules, in order:

1. The whole phrase is a known name (country, organisation, group, official, metonym, place). A
   city or region named alone stands for its residents: country + CVL (NGEC convention).
2. Otherwise the phrase is cut into its longest known parts, left to right: names and role nouns
   ("Russia", "'s", "ambassador", "to", "Poland"). The *head* is the part before the first
   preposition ("of", "to", "in", "at", ...) that is not inside a known part.
3. A known person anywhere (not a bare surname after another given name: "Carlos Ortega" is not
   Daniel Ortega; also by a prefix of their full name, "Jam Kamal Khan", or by their
   full name inside a longer one; or a title + surname, "Deputy Secretary Hicks", when exactly one
   official in office has that surname, or all officials with that surname served one country:
   "President Bush" in 2000) gives that person's actor on the date.
4. A named organisation, group or state body in the head ("FSB, Russia's security service",
   "Kurdish-led Syrian Democratic Forces"), or after "of"/"at" when the head has no country
   ("members of SANDF", "president of the European Council"), gives that organisation's actor.
5. A role noun gives the sector: the rightmost non-ambiguous role in the head ("opposition
   lawmaker" -> LEG), else its rightmost ambiguous one, else the first role after it. A religious
   community with a leadership noun ("Muslim leaders") is REL; alone ("Rakhine Buddhists") its
   community sector (MUS, BUD, ...). A weak title ("spokesperson", "leader") takes a firm role
   after "of"/"for" ("a spokesperson for the Israeli military" -> MIL). The country is the first
   place word in the head, else one after "in", "of", "at", "across", "from" (not after "to":
   "ambassador to Poland" is not Polish); a backer is not an owner ("Russian-backed separatists",
   "pro-Iranian militias" have no country from it).
6. "former"/"ex-" anywhere makes the result an elite (ELI) of its country (CAMEO/NGEC).
7. No role and no organisation, but a country, demonym or place anywhere ("targets in Syria",
   "Syrian island"): that country, sector None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventwire.actors.kb import PLACE_KINDS, KnowledgeBase, Name, Role, code_of, key
from eventwire.records import Actor

MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+(?:[.'’&][^\W_]+)*\.?")
_PREPS = frozenset({"of", "to", "in", "at", "for", "from", "with", "across", "against", "on", "near",
                    "inside", "within", "throughout", "over", "by", "under", "into", "and"})
_OWNER_PREPS = frozenset({"of", "in", "at", "across", "from", "within", "throughout", "inside", "for"})
_ENTITY_PREPS = frozenset({"of", "at", "for"})
_FORMER = frozenset({"former", "ex", "retired", "erstwhile"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                         "sheikh", "shaikh", "sheik", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "cmdr",
                         "rep", "sen", "gov", "pres", "king", "queen", "prince", "princess", "emir", "sultan",
                         "ayatollah", "imam", "rabbi", "father", "pope", "mullah", "hon", "excellency"})
_COMMUNITY = frozenset({"BUD", "CHR", "MUS", "HIN", "JEW", "SIK"})
_ENTITY_KINDS = frozenset({"igo", "metonym", "group"})
# "Russian-backed separatists", "pro-Iranian militias": the country backs the actor, it does not own it.
_SPONSOR_AFTER = frozenset({"backed", "supported", "sponsored", "funded", "allied", "aligned", "trained",
                            "armed", "friendly", "leaning"})
_SPONSOR_BEFORE = frozenset({"pro", "anti"})


@dataclass(frozen=True)
class Part:
    """A known stretch of the phrase: words ``[i, j)``, a Name or a Role, and the preposition that
    governs it (None in the head)."""

    i: int
    j: int
    name: Name | None
    role: Role | None
    prep: str | None
    sponsor: bool = False


def words(text: str) -> list[str]:
    """The words of ``text``: hyphens, commas and possessives split off ("Somalia-based" ->
    "Somalia", "based"; "Russia's" -> "Russia")."""
    out = []
    for w in _WORD.findall(text.replace("’", "'")):
        w = re.sub(r"'s$|'$", "", w)
        if w.endswith(".") and "." not in w[:-1]:
            w = w[:-1]
        if w:
            out.append(w)
    return out


def parts(ws: list[str], kb: KnowledgeBase, on: dt.date | None) -> list[Part]:
    """The longest known names and role nouns in ``ws``, left to right, with their governing
    preposition."""
    out: list[Part] = []
    prep: str | None = None
    i = 0
    while i < len(ws):
        for j in range(min(len(ws), i + MAX_WORDS), i, -1):
            text = " ".join(ws[i:j])
            name = kb.lookup_name(text, on)
            if name is not None and _lower_for_proper(ws[i:j], name):
                name = None
            if name is not None and not (name.ambiguous and j - i == 1 and ws[i].islower()):
                sponsor = (j < len(ws) and ws[j].lower() in _SPONSOR_AFTER) or (
                    i > 0 and ws[i - 1].lower() in _SPONSOR_BEFORE)
                out.append(Part(i, j, name, None, prep, sponsor))
                i = j
                break
            role = kb.role_of(text)
            if role is not None:
                out.append(Part(i, j, None, role, prep))
                i = j
                break
        else:
            typo = _transposed_place(ws[i], kb, on)
            if typo is not None:
                out.append(Part(i, i + 1, typo, None, prep))
                i += 1
                continue
            low = ws[i].lower()
            if low in _PREPS and low != "and":
                prep = low
            i += 1
    return out


def _lower_for_proper(ws: list[str], name: Name) -> bool:
    """True when all-lower-case words would match a capitalised name ("island", "china" as
    porcelain): names are proper nouns, so such a match is refused."""
    return all(w.islower() for w in ws) and not name.text.islower()


def _transposed_place(word: str, kb: KnowledgeBase, on: dt.date | None) -> Name | None:
    """A capitalised word of five letters or more that is a known place with two adjacent letters
    swapped ("Dehli" -> Delhi), when exactly one such place exists; else None."""
    if len(word) < 5 or not word[0].isupper() or not word.isalpha():
        return None
    found: dict[str | None, Name] = {}
    for k in range(1, len(word) - 1):
        cand = word[:k] + word[k + 1] + word[k] + word[k + 2:]
        name = kb.lookup_name(cand, on)
        if name is not None and name.kind in PLACE_KINDS and cand != word:
            found[name.actor.country] = name
    return next(iter(found.values())) if len(found) == 1 else None


# --- people --------------------------------------------------------------------------------

def _people(kb: KnowledgeBase) -> dict[str, list[Name]]:
    """Officials by the first and by the last word of each of their names (built once per KB)."""
    index: dict[str, list[Name]] | None = kb.derived.get("people")
    if index is None:
        index = {}
        for name in kb.names():
            if name.kind == "official":
                toks = key(name.text).split()
                for tok in dict.fromkeys((toks[0], toks[-1])):
                    index.setdefault(tok, []).append(name)
        kb.derived["people"] = index
    return index


def _surname(toks: list[str], name: Name, kb: KnowledgeBase) -> str | None:
    """The family name of an official's name of two words or more (its lookup-form words): the first
    word for a state whose names put it first (countries.yaml ``surname_first``), else the last."""
    if len(toks) < 2:
        return None
    return toks[0] if name.actor.country in kb.surname_first else toks[-1]


def _capital_runs(ws: list[str], taken: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words outside known parts (possible personal names)."""
    runs, start = [], None
    for i, w in enumerate([*ws, ""]):
        cap = bool(w) and w[0].isupper() and i not in taken
        if cap and start is None:
            start = i
        elif not cap and start is not None:
            runs.append((start, i))
            start = None
    return runs


def person(ws: list[str], kb: KnowledgeBase, on: dt.date | None, after_title: bool,
           taken: frozenset[int] = frozenset()) -> Name | None:
    """A known official named by part of the phrase: a prefix of their full name (at least two
    words), their full name inside a longer one (first and last word in order), or, after a title
    (``after_title``), a lone surname (the first word of the name where the official's state writes
    names family name first) shared by exactly one official in office on ``on``, or, when
    none with that surname is in office then, by officials who all served the same country (the
    result then names that country: a former official, or the country alone before any office)."""
    index = _people(kb)
    for a, b in _capital_runs(ws, set(taken)):
        run = key(" ".join(ws[a:b])).split()
        if not run:
            continue
        cands = index.get(run[0], []) + index.get(run[-1], [])
        if len(run) >= 2:
            for cand in cands:
                toks = key(cand.text).split()
                if len(toks) < 2:
                    continue
                prefix = toks[: len(run)] == run
                inside = toks[0] in run and toks[-1] in run and run.index(toks[0]) < run.index(toks[-1])
                if prefix or inside:
                    return kb.lookup_name(cand.text, on)
        if len(run) == 1 and after_title:
            same = [c for c in index.get(run[0], []) if _surname(key(c.text).split(), c, kb) == run[0]]
            hits = {c.actor for c in same if c.holds_on(on)}
            if len(hits) == 1:
                return next(c for c in same if c.actor in hits)
            countries = {c.actor.country for c in same}
            if not hits and len(countries) == 1 and None not in countries:
                # "President Bush" on a date no Bush held office (an undated story, or between the two):
                # whoever it is, every official with that surname served one country.
                latest = max(same, key=lambda c: c.until or dt.date.max)
                return kb.lookup_name(latest.text, on)
    return None


# --- resolution ---------------------------------------------------------------------------

def _place_alone(name: Name) -> Actor:
    if name.kind == "place":
        c = name.actor.country
        return Actor(code=code_of(c, "CVL"), country=c, sector="CVL", name=name.text)
    return name.actor


def _as_former(actor: Actor) -> Actor:
    if actor.country is None and actor.sector == "IGO":
        return actor
    return Actor(code=code_of(actor.country, "ELI"), country=actor.country, sector="ELI", name=actor.name)


def _head_role(head: list[Part]) -> Role | None:
    roles = [p.role for p in head if p.role is not None]
    if not roles:
        return None
    community = next((r for r in roles if r.sector in _COMMUNITY), None)
    leaders = [r for r in roles if r.sector in ("REL", "GOV") and r is not community]
    if community is not None and leaders:
        return Role(leaders[-1].text, "REL", (community.sector,))
    firm = [r for r in roles if not r.ambiguous]
    return (firm or roles)[-1]


def _country(ps: list[Part], head_places: bool = True, any_prep: bool = False) -> str | None:
    """The owning country: the first place word in the head, else after an owner preposition
    (after any preposition when ``any_prep``: the phrase names no role, so any country it mentions
    is where it belongs). A city or region in the head counts only when ``head_places`` (it
    qualifies a role noun): in a bare name ("Nawaf Al-Ahmad Al-Jaber Al-Sabah") a word that is
    also a region is not a place."""
    tail = [p for p in ps if p.prep is not None and (any_prep or p.prep in _OWNER_PREPS)]
    for group in ([p for p in ps if p.prep is None], tail):
        for p in group:
            if p.name is None or p.name.kind not in PLACE_KINDS or not p.name.actor.country or p.sponsor:
                continue
            if p.name.kind == "place" and p.prep is None and not head_places:
                continue
            return p.name.actor.country
    return None


def _other_given_name(ws: list[str], part: Part, ps: list[Part]) -> bool:
    """A one-word official name (a bare surname alias, "Ortega") right after an unknown capitalised
    word: "Carlos Ortega" is someone else."""
    if part.j - part.i != 1 or part.i == 0:
        return False
    prev = ws[part.i - 1]
    return (prev[:1].isupper() and prev.lower().rstrip(".") not in _HONORIFICS
            and not any(p.i <= part.i - 1 < p.j for p in ps))


def resolve(text: str, kb: KnowledgeBase, on: dt.date | None = None) -> Actor | None:
    """The actor ``text`` names, by the rules in the module doc; None when it names none."""
    whole = kb.lookup_name(text, on)
    if whole is not None and _lower_for_proper(words(text), whole):
        whole = None
    if whole is not None and not whole.ambiguous:
        return _place_alone(whole)
    ws = words(text)
    if not ws:
        return whole.actor if whole is not None else None
    former = any(w.lower() in _FORMER for w in ws)
    ps = parts(ws, kb, on)
    head = [p for p in ps if p.prep is None]

    official = next((p.name for p in ps if p.name is not None and p.name.kind == "official"
                     and not _other_given_name(ws, p, ps)), None)
    if official is None:
        titled = any(p.role is not None for p in head)
        taken = frozenset(k for p in ps for k in range(p.i, p.j))
        official = person(ws, kb, on, titled, taken)
    if official is not None:
        return _as_former(official.actor) if former else official.actor

    country = _country(ps)
    entity = next((p.name for p in head if p.name is not None and p.name.kind in _ENTITY_KINDS), None)
    if entity is None and not any(p.name is not None and p.name.kind in PLACE_KINDS for p in head):
        entity = next((p.name for p in ps if p.name is not None and p.name.kind in _ENTITY_KINDS
                       and p.prep in _ENTITY_PREPS), None)
    if entity is not None:
        actor = entity.actor
        if actor.country is None and actor.sector != "IGO" and country is not None:
            actor = Actor(code=code_of(country, actor.sector), country=country, sector=actor.sector,
                          name=actor.name)
        return _as_former(actor) if former else actor

    role = _head_role(head) or _head_role([p for p in ps if p.role is not None and not p.role.ambiguous]) \
        or _head_role([p for p in ps if p.role is not None])
    if role is not None and role.ambiguous:
        # "a spokesperson for the Israeli military": a weak title takes the sector it speaks for.
        owner = _head_role([p for p in ps if p.role is not None and not p.role.ambiguous
                            and p.prep in _ENTITY_PREPS])
        role = owner or role
    if role is not None:
        if former:
            return Actor(code=code_of(country, "ELI"), country=country, sector="ELI",
                         name=kb.country_names.get(country or ""))
        return Actor(code=code_of(country, role.sector, role.also), country=country, sector=role.sector,
                     name=kb.country_names.get(country) if country else None)
    country = _country(ps, head_places=False, any_prep=True)
    if country is not None:
        capital = next((p.name for p in head if p.name is not None and p.name.kind == "capital"
                        and len(head) == 1 and p.j - p.i == len(ws)), None)
        if capital is not None:
            return capital.actor
        return Actor(code=country, country=country, sector=None, name=kb.country_names.get(country))
    if whole is not None:
        return _place_alone(whole)
    return None
