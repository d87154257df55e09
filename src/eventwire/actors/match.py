"""Find actor mentions in a parsed Doc.

Order of work, per document:

1. Phrase matching (spaCy ``PhraseMatcher``) of every KB name, case-sensitive so that "US" is not
   "us", and of role nouns, case-insensitive. Longest match wins.
2. Composition: a country, demonym, city or region, or possessive ("Belarus's") directly before a
   role noun, and a person name directly after it, make one mention: "Belarusian defense minister
   Viktor Khrenin" -> country BLR, sector MIL (code BLRMILGOV), name Viktor Khrenin; "Shanghai
   authorities" -> CHNGOV. "former" before the title makes it an elite (ELI). An IGO followed by
   "members"/"states" keeps its code. Cities and regions alone are places, not actors.
3. Named entities (PERSON, ORG, GPE, NORP) not yet covered are looked up in the KB (``phrase``
   rules; a city alone stays unresolved); people bound to a role earlier in the article
   ("Khrenin" after "... minister Viktor Khrenin") or by an apposition ("David Miller, Kenya's
   interior minister") take that actor.
4. Coreference (``coref.resolve``): "he", "she", "the minister" take the actor they refer to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import spacy.about
from spacy.attrs import POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire import cache
from eventwire.actors import phrase
from eventwire.actors.kb import PLACE_KINDS, KnowledgeBase, Name, Role, code_of, key
from eventwire.nlp import GLUED_MARKS, tokens_with
from eventwire.records import UNRESOLVED, Actor, ActorMention

_GROUP_NOUNS = {"member", "members", "state", "states", "ally", "allies", "country", "countries", "nations",
                "partners", "leaders", "forces", "troops", "officials"}
_NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(frozen=True)
class Matchers:
    names: PhraseMatcher
    roles: PhraseMatcher


# A pattern as PhraseMatcher stores it: one attribute hash (ORTH for names, LOWER for roles) per token.
Pattern = tuple[int, ...]


def _tokenize(nlp: Language, kb: KnowledgeBase) -> tuple[list[Pattern], list[Pattern]]:
    """Name patterns (ORTH hashes) and role patterns (LOWER hashes), as ``PhraseMatcher.add`` would
    compute them from Docs of the texts."""
    texts = sorted({n.text for n in kb.names()})
    # The tokenizer alone (not the pipeline) is enough for patterns; its pipe() is the fast path.
    tokenizer: Tokenizer = nlp.tokenizer
    names = [tuple(t.orth for t in doc) for doc in tokenizer.pipe(texts)]
    roles = [tuple(t.lower for t in nlp.make_doc(r.text)) for r in kb.roles.values()]
    return names, roles


def _patterns(nlp: Language, kb: KnowledgeBase) -> tuple[list[Pattern], list[Pattern]]:
    """The patterns for ``kb`` and ``nlp``'s tokenizer, from the on-disk cache when it has them.

    Tokenizing ten thousand names costs about a second, mostly in creating their words in the
    vocabulary; the hashes alone are all the matcher needs (attribute hashes are fixed functions of the
    text). The key covers the KB's own digest, this module's source (how patterns are made), spaCy's
    version, the pipeline's name and version, which fix the tokenizer's rules, and the infixes
    ``eventwire.nlp.load`` adds to them."""
    if kb.digest is None:
        return _tokenize(nlp, kb)
    meta = nlp.meta
    key = cache.digest(kb.digest, Path(__file__).read_bytes(), spacy.about.__version__, str(nlp.lang),
                       str(meta.get("name")), str(meta.get("version")), GLUED_MARKS)
    cached = cache.get("patterns", key)
    if isinstance(cached, tuple) and len(cached) == 2:
        return cached
    built = _tokenize(nlp, kb)
    cache.put("patterns", key, built)
    return built


def matchers(nlp: Language, kb: KnowledgeBase) -> Matchers:
    """Phrase matchers for ``kb``, built once per (pipeline, KB) pair and kept on the KB (with the
    pipeline itself, so an entry can never be mistaken for another pipeline's)."""
    cached = kb.derived.get(("matchers", id(nlp)))
    if cached is not None and cached[0] is nlp:
        return cached[1]
    # The match keys' strings are read back on every match (PhraseMatcher.__call__): made permanent,
    # in case this runs inside a memory zone (``nlp.parse(transient=True)``), which frees its strings.
    for label in ("NAME", "ROLE"):
        nlp.vocab.strings.add(label, allow_transient=False)  # type: ignore[call-arg]  # (spaCy 3.8; older stub)
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    roles = PhraseMatcher(nlp.vocab, attr="LOWER")
    name_patterns, role_patterns = _patterns(nlp, kb)
    # PhraseMatcher.add takes attribute-hash sequences as well as Docs (Docs are converted to them).
    names.add("NAME", name_patterns)  # type: ignore[arg-type]
    roles.add("ROLE", role_patterns)  # type: ignore[arg-type]
    built = Matchers(names, roles)
    kb.derived[("matchers", id(nlp))] = (nlp, built)
    return built




def _merge_adjacent(doc: Doc, spans: list[Span]) -> list[Span]:
    """Adjacent role phrases are one title ("Deputy Foreign Minister"); its last part is the head
    and decides the sector (``KnowledgeBase.role_of`` is asked for the rightmost role word)."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end == span.start:
            out[-1] = doc[out[-1].start : span.end]
        else:
            out.append(span)
    return out


def _head_role(span: Span, kb: KnowledgeBase) -> Role | None:
    """The role a (possibly merged) title phrase names: the longest known role ending at its end."""
    for start in range(span.start, span.end):
        role = kb.role_of(span.doc[start : span.end].text)
        if role is not None:
            return role
    return None


def _official(text: str, kb: KnowledgeBase, on: dt.date | None) -> Name | None:
    """The official a person's name names, also by a lone surname after a title ("President Bush",
    see ``phrase.person``); None for anyone else."""
    found = kb.lookup_name(text, on)
    if found is not None and found.kind == "official":
        return found
    if found is None:
        return phrase.person(phrase.words(text), kb, on, after_title=True)
    return None


def _compose(doc: Doc, names: list[Span], roles: list[Span], kb: KnowledgeBase, on: dt.date | None,
             lookup: dict[tuple[int, int], Name | None] | None = None) -> list[tuple[Span, Actor, str]]:
    """Country/demonym + role (+ person) compounds, and IGO + group-noun phrases."""
    out: list[tuple[Span, Actor, str]] = []
    # PERSON entities by first token: a name right after a title. (Doc.ents builds its spans on every
    # access, so it is read once here rather than once per title.)
    person_at: dict[int, Span] = {}
    person_end: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            person_at.setdefault(ent.start, ent)
            person_end.setdefault(ent.end, ent)
    by_end = {s.end: s for s in names}
    for role_span in roles:
        role = _head_role(role_span, kb)
        if role is None:
            continue
        start = role_span.start
        country = None
        left = by_end.get(start)
        if left is None and start >= 1 and doc[start - 1].tag_ == "POS":
            left = by_end.get(start - 1)
        if left is not None:
            found = (lookup or {}).get((left.start, left.end)) or kb.lookup_name(left.text, on)
            if found is not None and found.actor.country and found.kind in PLACE_KINDS:
                country = found.actor.country
                start = left.start
        else:
            leader = person_end.get(start) or (person_end.get(start - 1) if start >= 1 and doc[start - 1].tag_ == "POS"
                                               else None)
            official = _official(leader.text, kb, on) if leader is not None else None
            if leader is not None and official is not None and official.actor.country:
                # "the Bush administration", "Suharto's government": a leader's government, country
                # from the person, sector from the noun.
                country = official.actor.country
                start = leader.start
        end = role_span.end
        person = person_at.get(end)
        tail = doc[end - 1]
        if person is None and tail.dep_ == "amod" and tail.pos_ == "ADJ" and tail.head.i >= end:
            # "military cooperation", "military force": an adjective describing a thing, not an actor
            # ("coast guard ships" and "Defence Minister Ana Ruiz" are actors and stay).
            continue
        name = None
        if person is not None:
            end = person.end
            name = person.text
            official = _official(person.text, kb, on)
            if official is not None and country is None:
                country = official.actor.country
        sector, also = role.sector, role.also
        if start >= 2 and doc[start - 1].text in ("-", "‐") and doc[start - 2].lower_ == "ex":
            start -= 2
            sector, also = "ELI", ()
        elif start >= 1 and doc[start - 1].lower_ in ("former", "ex", "ex-"):
            start -= 1
            sector, also = "ELI", ()
        if country is None and name is None:
            if role.ambiguous:
                # "people", "state", "leader" alone are not actors; only with a country or a name.
                continue
            actor = Actor(code=code_of(None, sector, also), country=None, sector=sector, name=None)
            how = "role"
        else:
            actor = Actor(code=code_of(country, sector, also), country=country, sector=sector, name=name)
            how = "role+name" if name else "role"
        out.append((doc[start:end], actor, how))
    return out


def _ethnic(doc: Doc, span: Span, actor: Actor, how: str, kb: KnowledgeBase, on: dt.date | None
            ) -> tuple[Span, Actor, str]:
    """"ethnic Albanians", "ethnic Albanian guerrillas": a people named by ethnicity lives in some
    state, most often not the one of the demonym, so the demonym gives no country (the phrase's
    place, "in Macedonia", may give it later); the sector stays, a bare people being civilians."""
    if span.start == 0 or doc[span.start - 1].lower_ != "ethnic" or not actor.country:
        return span, actor, how
    first = kb.lookup_name(doc[span.start].text, on)
    if first is None or first.kind != "demonym":
        return span, actor, how
    sector = actor.sector or "CVL"
    return span, Actor(code=code_of(None, sector), country=None, sector=sector, name=None), how


def _demonym_pairs(doc: Doc, spans: list[Span], kb: KnowledgeBase, on: dt.date | None
                   ) -> tuple[list[Span], dict[tuple[int, int], Name | None]]:
    """Two demonyms in a row ("Bosnian Serbs", "Greek-Cypriot") name one people, coded by the
    first (the CAMEO reading of the leading adjective: BIH, GRC), not two actors. Returns the spans
    with each pair merged and the Name each merged span stands for."""
    out: list[Span] = []
    lookup: dict[tuple[int, int], Name | None] = {}
    i = 0
    while i < len(spans):
        span = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is not None and (nxt.start == span.end or (nxt.start == span.end + 1 and doc[span.end].text in "-‐")):
            first, second = kb.lookup_name(span.text, on), kb.lookup_name(nxt.text, on)
            if first is not None and second is not None and first.kind == second.kind == "demonym" \
                    and first.actor.country != second.actor.country:
                merged = doc[span.start:nxt.end]
                out.append(merged)
                lookup[(merged.start, merged.end)] = first
                i += 2
                continue
        out.append(span)
        i += 1
    return out, lookup


def find_mentions(doc: Doc, kb: KnowledgeBase, nlp: Language, on: dt.date | None) -> list[ActorMention]:
    """Named and role mentions of actors in ``doc`` (no pronouns; see ``coref``), in text order."""
    m = matchers(nlp, kb)
    name_spans, lookup = _demonym_pairs(doc, filter_spans([doc[s:e] for _, s, e in m.names(doc)]), kb, on)
    role_spans = _merge_adjacent(doc, filter_spans([doc[s:e] for _, s, e in m.roles(doc)]))

    found: list[tuple[Span, Actor, str]] = []
    found.extend(_compose(doc, name_spans, role_spans, kb, on, lookup))
    for span in name_spans:
        name = lookup.get((span.start, span.end)) or kb.lookup_name(span.text, on)
        if name is None or name.kind == "place":
            continue
        end = span.end
        if name.kind == "igo" and end < len(doc) and doc[end].lower_ in _GROUP_NOUNS:
            end += 1
        found.append((doc[span.start:end], name.actor, name.kind))

    found = [_ethnic(doc, span, actor, how, kb, on) for span, actor, how in found]
    # Prefer composed (longer) spans; filter_spans keeps the longest of overlapping ones.
    chosen = {(s.start, s.end): (a, how) for s, a, how in reversed(found)}
    kept = filter_spans([doc[s:e] for s, e in chosen])
    mentions: dict[tuple[int, int], ActorMention] = {}
    bound: dict[str, Actor] = {}
    for span in kept:
        actor, how = chosen[(span.start, span.end)]
        mentions[(span.start, span.end)] = ActorMention(span.text, span.start_char, span.end_char, actor, how)
        if how == "role+name" and actor.name:
            bound[key(actor.name)] = actor
            bound[key(actor.name.split()[-1])] = actor

    covered = {i for s, e in mentions for i in range(s, e)}
    role_at = {s: m for (s, _), m in mentions.items() if m.how == "role" and m.actor.country}
    for ent in doc.ents:
        if ent.label_ not in _NER_LABELS or any(i in covered for i in range(ent.start, ent.end)):
            continue
        place = kb.lookup_name(ent.text, on)
        resolved: Actor | None = bound.get(key(ent.text)) or (
            None if place is not None and place.kind == "place" else kb.lookup(ent.text, on))
        if resolved is None and ent.label_ == "PERSON":
            resolved = bound.get(key(ent.text.split()[-1]))
            appo = role_at.get(ent.end + 1) if ent.end < len(doc) and doc[ent.end].text == "," else None
            if resolved is None and appo is not None:
                # "Viktor Khrenin, Belarus's defence minister": the apposition binds the person.
                resolved = replace(appo.actor, name=ent.text)
                bound[key(ent.text)] = resolved
                bound[key(ent.text.split()[-1])] = resolved
            if resolved is None:
                # A person the KB does not know keeps their name (no code is guessed), and later
                # mentions of the surname refer to them.
                resolved = Actor(name=ent.text)
                bound[key(ent.text)] = resolved
                if " " in ent.text:
                    bound[key(ent.text.split()[-1])] = resolved
        if ent.label_ == "PERSON":
            how = "person"
        else:
            how = "ner" if resolved is not None else "ner-unresolved"
        mentions[(ent.start, ent.end)] = ActorMention(ent.text, ent.start_char, ent.end_char,
                                                      resolved or UNRESOLVED, how)
    return [mentions[k] for k in sorted(mentions)]


# How far before a role an apposition's comma may be: "Khrenin, Belarus's defence minister".
_APPOSITION_REACH = 4


def _role_words(kb: KnowledgeBase) -> frozenset[str]:
    """The last words of the KB's role nouns ("minister" of "defence minister"), built once per KB."""
    words: frozenset[str] | None = kb.derived.get("role_words")
    if words is None:
        words = kb.derived["role_words"] = frozenset(k.rsplit(" ", 1)[-1] for k in kb.roles)
    return words


def focus(doc: Doc, kb: KnowledgeBase) -> np.ndarray:
    """The tokens that bind a name to a role, as a boolean mask over ``doc``, read from the parse alone:
    a role word right before a proper noun ("defence minister Viktor Khrenin") or a few tokens after a
    proper noun and a comma ("Viktor Khrenin, Belarus's defence minister"). Such a sentence needs its
    entities even when it reports no event: the binding it makes lets later mentions of the surname
    resolve (``find_mentions``; ``eventwire.nlp.focus``)."""
    mask = np.zeros(len(doc), dtype=bool)
    roles = [t.i for t in tokens_with(doc, lowers=_role_words(kb))]
    if not roles:
        return mask
    propn = doc.to_array(POS) == PROPN
    for i in roles:
        before = doc[max(0, i - _APPOSITION_REACH - 1):i]
        if (i + 1 < len(doc) and propn[i + 1]) or any(
                t.text == "," and t.i > 0 and propn[t.i - 1] for t in before):
            mask[i] = True
    return mask
