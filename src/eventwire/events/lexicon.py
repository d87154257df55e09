"""The predicate lexicon (``data/predicates.yaml``, format in ``data/README-predicates.md``).

An entry says that a head lemma (verb, noun or adjective), optionally constrained by a particle, an
object lemma, a preposition or a modifier lemma ("military" in "special military operation"),
expresses a PLOVER event type (and mode, context, CAMEO code). ``Lexicon.match(token)`` returns the
most specific entry whose constraints the token's parse meets. Users extend it with their own YAML
list (same format, ``--lexicon-extra``); their entries come first.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from eventwire import yamlio
from eventwire.errors import InputError
from eventwire.events.when import MONTHS, WEEKDAYS
from eventwire.records import PLOVER_TYPES

# ``event_type: NONE`` marks a word that is recognised but not a PLOVER event: the CAMEO 01 (public
# statement) and 02 (appeal) categories, which the PLOVER 2.0 translation table drops ("urged X to ...",
# "called on X to ...", "expressed concern"). Such a word is never coded, and the act it asks for is
# its content, not a separate event.
NONE = "NONE"
POS_GROUPS = {"VERB": ("VERB", "AUX"), "NOUN": ("NOUN", "PROPN"), "ADJ": ("ADJ",)}
_GROUP_OF = {tag: group for group, tags in POS_GROUPS.items() for tag in tags}
_OBJECT_DEPS = ("dobj", "obj", "nsubjpass", "attr", "oprd")
# ``object: ["*"]``: the entry holds whenever the token has a direct object or passive subject, whatever
# it is ("returned the stolen X to Y"); the readings of named objects, and NONE guards, come first.
ANY_OBJECT = "*"


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(v).lower() for v in value)


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    event_type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    cameo: str | None = None
    particle: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    modifier: tuple[str, ...] = ()
    recipient: str = "dobj"
    modality: str | None = None
    note: str | None = None

    @property
    def specificity(self) -> int:
        """4 for a particle, 2 for an object list or a modifier, 1 for a preposition; the object
        wildcard ``*`` (any direct object) adds nothing, so every listed object reading beats it."""
        named = bool(self.object) and self.object != (ANY_OBJECT,)
        return 4 * bool(self.particle) + 2 * named + 2 * bool(self.modifier) + bool(self.prep)

    def describe(self) -> str:
        parts = [f"{self.lemma}/{self.pos}"]
        parts += [f"prt={'|'.join(self.particle)}"] if self.particle else []
        parts += [f"obj={'|'.join(self.object)}"] if self.object else []
        parts += [f"prep={'|'.join(self.prep)}"] if self.prep else []
        parts += [f"mod={'|'.join(self.modifier)}"] if self.modifier else []
        return "lexicon " + " ".join(parts) + f" -> {self.event_type}" + (f"/{self.mode}" if self.mode else "")


def entry_from_mapping(row: dict[str, Any]) -> Entry:
    etype = str(row["event_type"]).upper()
    if etype not in PLOVER_TYPES and etype != NONE:
        raise InputError(f"predicates: {row.get('lemma')!r} has unknown event_type {etype!r}")
    pos = str(row.get("pos") or "VERB").upper()
    if pos not in POS_GROUPS:
        raise InputError(f"predicates: {row.get('lemma')!r} has unknown pos {pos!r}")
    cameo = row.get("cameo")
    return Entry(
        lemma=str(row["lemma"]).lower(), pos=pos, event_type=etype, mode=row.get("mode"),
        context=_as_tuple(row.get("context")), cameo=str(cameo) if cameo is not None else None,
        particle=_as_tuple(row.get("particle")), object=_as_tuple(row.get("object")),
        prep=_as_tuple(row.get("prep")), modifier=_as_tuple(row.get("modifier")),
        recipient=str(row.get("recipient") or "dobj"),
        modality=row.get("modality"), note=row.get("note"),
    )  # fmt: skip


def _children_lemmas(token: Token, deps: Iterable[str]) -> set[str]:
    out = set()
    for child in token.children:
        if child.dep_ in deps:
            out.add(child.lemma_.lower())
            out.add(child.lower_)
            # "held talks and negotiations": conjoined objects count too.
            out.update(c.lemma_.lower() for c in child.conjuncts)
    return out


# Words that make a prepositional phrase a time ("at 2:49 a.m.", "on Saturday", "in March"): such a phrase
# names no target, so it does not satisfy an entry's ``prep`` ("launched a rocket at dawn" is no attack).
_TIME_WORDS = frozenset({
    "a.m.", "p.m.", "am", "pm", "time", "dawn", "dusk", "morning", "afternoon", "evening", "night", "noon",
    "midnight", "hour", "o'clock", "today", "tonight", "yesterday", "tomorrow", "weekend", *WEEKDAYS, *MONTHS,
})


# Prepositions naming whom an act goes to or is for, and the people such a phrase names: with a
# direct object of its own, a verb's "to reporters", "to President X" is whom it went to, never what
# it acted on ("released a statement to reporters" releases no reporters), while "deployed troops to
# the peacekeeping mission" still names the kind of deployment.
_ADDRESSEE = frozenset({"to", "for"})
_PEOPLE = frozenset({"reporter", "journalist", "press", "media", "people", "official", "leader", "president",
                     "minister", "member", "supporter", "citizen", "family", "relative", "authority", "lawmaker",
                     "diplomat", "envoy", "counterpart", "student", "worker", "voter", "resident", "public"})


def _addressee(pobj: Token) -> bool:
    """Does ``pobj`` name a person or people (a pronoun, a PERSON name, a people noun, or a name under a
    people noun: "President Zelensky")?"""
    if pobj.pos_ == "PRON" or pobj.ent_type_ == "PERSON" or pobj.lemma_.lower() in _PEOPLE:
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in _PEOPLE for c in pobj.children)


def _target_preps(token: Token) -> set[str]:
    """The prepositions under ``token`` (as ``_children_lemmas`` gives them) whose object is not a time."""
    kept = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")
            and not any(g.dep_ == "pobj" and g.lower_ in _TIME_WORDS for g in c.children)]
    return {w for c in kept for w in (c.lemma_.lower(), c.lower_)}


# Heads of partitive, counted, measured or collective phrases: in "released dozens of activists", "flew
# 13 tons of medicine", "sent a team of doctors and equipment" the object that says what was released or
# sent is the of-phrase (with its conjuncts).
_PARTITIVE = frozenset({"dozen", "hundred", "thousand", "million", "score", "number", "group", "batch", "handful",
                        "some", "all", "many", "several", "most", "few", "rest", "majority", "half", "third",
                        "part", "remainder", "lot", "couple", "pair", "total",
                        # measures and loads
                        "ton", "tonne", "kilogram", "kilo", "kg", "pound", "litre", "liter", "gallon", "barrel",
                        "load", "truckload", "planeload", "shipload", "boatload", "consignment", "shipment",
                        "cargo", "crate", "box", "bag", "sack", "package", "parcel", "tranche", "worth",
                        # collectives of people
                        "team", "contingent", "unit", "delegation", "crew", "squad", "band"})


def _of_phrase(head: Token, depth: int) -> set[str]:
    """Lemmas (and entity types) of the of-phrase under the partitive or counted ``head``, with its
    conjuncts; a partitive inside it is followed once more ("freed three of the dozens of hostages")."""
    out: set[str] = set()
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for g in prep.children:
                if g.dep_ == "pobj":
                    out.update(c.lemma_.lower() for c in (g, *g.conjuncts))
                    if g.ent_type_:
                        out.add("@" + g.ent_type_.lower())
                    if depth > 1 and (g.like_num or g.lemma_.lower() in _PARTITIVE):
                        out.update(_of_phrase(g, depth - 1))
    return out


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of ``token``'s objects (``_OBJECT_DEPS``, conjuncts included), of the nouns compounded with
    them ("eased curfew hours", "lifted the travel ban") and of the of-phrase under a partitive or
    counted object ("released dozens of activists", "freed 20 of the hostages"); a named object also
    gives its entity type as "@person", "@org", ... (entry objects can name those)."""
    out = _children_lemmas(token, _OBJECT_DEPS)
    for child in token.children:
        if child.dep_ not in _OBJECT_DEPS:
            continue
        for obj in (child, *child.conjuncts):
            out.update(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")
            if obj.ent_type_:
                # "will release Pablo Moncayo": a named object counts by its entity type ("@person").
                out.add("@" + obj.ent_type_.lower())
            if obj.like_num or obj.lemma_.lower() in _PARTITIVE:
                out.update(_of_phrase(obj, 2))
    if token.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("dobj", "obj") for c in token.children):
        # "allowed aid workers to enter", "let the activists go": the subject of the complement clause
        # is what the verb acts on (the parser gives the verb no object of its own).
        for comp in token.children:
            if comp.dep_ in ("ccomp", "xcomp") and comp.pos_ in ("VERB", "AUX"):
                out.update(c.lemma_.lower() for c in comp.children if c.dep_ == "nsubj")
    return out


def _has_object(token: Token) -> bool:
    """``token`` has a direct object or a passive subject (what the ``*`` object wildcard asks for)."""
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in token.children)


# Complements that finish a verb as a particle would ("set the hostages free", "let them go", "let loose").
_RESULT_WORDS = frozenset({"free", "go", "loose"})


def _result_particles(token: Token) -> set[str]:
    """Resultative complements of ``token`` that act as its particle: a bare "free"/"go"/"loose" clause
    or predicate ("let the activists go", "set them free"), or one moved before the object as an adjective
    ("let free three activists")."""
    out: set[str] = set()
    for c in token.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl", "oprd", "acomp") and c.lemma_.lower() in _RESULT_WORDS and not any(
                g.dep_ in ("dobj", "obj") for g in c.children):
            out.add(c.lemma_.lower())
        if c.dep_ in ("dobj", "obj"):
            out.update(a.lemma_.lower() for a in c.children
                       if a.dep_ == "amod" and a.i == token.i + 1 and a.lemma_.lower() in _RESULT_WORDS)
    return out


class Lexicon:
    """Entries indexed by (lemma, POS group), most specific first."""

    def __init__(self, entries: Iterable[Entry]):
        self.by_key: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in entries:
            self.by_key[(e.lemma, e.pos)].append(e)
        for bucket in self.by_key.values():
            bucket.sort(key=lambda e: -e.specificity)  # stable: user entries stay ahead of equals
        self.lemmas = frozenset(lemma for lemma, _ in self.by_key)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_key.values())

    def candidates(self, token: Token) -> list[Entry]:
        group = _GROUP_OF.get(token.pos_)
        return self.by_key.get((token.lemma_.lower(), group), []) if group is not None else []

    def needs_entities(self, token: Token) -> bool:
        """Some entry of ``token``'s word (not ``NONE``) asks for a named object ("@person", "@norp"): whether it
        matches can only be told once entities are recognised."""
        return any(e.event_type != NONE and any(o.startswith("@") for o in e.object) for e in self.candidates(token))

    def match(self, token: Token) -> Entry | None:
        """The most specific entry whose particle/object/prep constraints ``token`` satisfies."""
        cands = self.candidates(token)
        if not cands:
            return None
        # The small model sometimes parses "stepped down", "pulled back" with the particle as advmod.
        prts = _children_lemmas(token, ("prt", "advmod")) | _result_particles(token)
        objs = _object_lemmas(token)
        preps = _target_preps(token)
        mods = _children_lemmas(token, ("amod", "compound", "nmod"))
        # A verb with a direct object of its own: a to- or for-phrase names whom it went to, not what
        # ("released a statement to journalists" releases no journalists).
        own = any(c.dep_ in ("dobj", "obj") for c in token.children)
        for e in cands:
            if e.modifier and not mods & set(e.modifier):
                continue
            if e.particle and not prts & set(e.particle):
                continue
            if e.object == (ANY_OBJECT,):
                if not _has_object(token):
                    continue
            elif e.object and not objs & set(e.object) and not _prep_objects(token, own) & set(e.object):
                continue
            if e.prep and not preps & set(e.prep):
                continue
            return e
        return None


def _prep_objects(token: Token, own_object: bool = False) -> set[str]:
    """Lemmas of objects of prepositions under ``token`` ("put troops on alert": alert; "release of
    prisoners"), leaving out a to- or for-phrase naming people when ``token`` has an ``own_object``."""
    out: set[str] = set()
    for child in token.children:
        if own_object and child.lower_ in _ADDRESSEE and any(_addressee(g) for g in child.children
                                                               if g.dep_ == "pobj"):
            continue
        if child.dep_ in ("prep", "prt", "advmod"):
            for g in child.children:
                if g.dep_ == "pobj":
                    out.add(g.lemma_.lower())
                    # "contribute to peacekeeping operations": the compound names the kind.
                    out.update(c.lemma_.lower() for c in g.children if c.dep_ == "compound")
                # "pulled out of the deal": the preposition hangs under the particle.
                if g.dep_ == "prep":
                    out.update(h.lemma_.lower() for h in g.children if h.dep_ == "pobj")
    return out


def _read(text: str, where: str) -> list[Entry]:
    rows = yamlio.load(text) or []
    if not isinstance(rows, list):
        raise InputError(f"{where}: expected a YAML list of predicate entries")
    return [entry_from_mapping(r) for r in rows]


@functools.lru_cache(maxsize=4)
def load(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The packaged lexicon, preceded by the entries of any user files."""
    entries: list[Entry] = []
    for path in extra:
        try:
            entries += _read(path.read_text("utf-8"), str(path))
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"{path}: cannot read predicate file ({exc})") from exc
    packaged = resources.files("eventwire.events").joinpath("data/predicates.yaml").read_text("utf-8")
    entries += _read(packaged, "predicates.yaml")
    return Lexicon(entries)
