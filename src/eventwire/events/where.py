"""Where an event happened, read off the dependency parse of its sentence.

``event_place(pred, kb, exclude, on, material=False)`` returns a :class:`~eventwire.records.Place` or
None. Candidates, in order (``_locate``):

1. for a material event (``material``), an object that is itself a known place or a place noun
   ("shelled Gagrian village in Poonch district": Gagrian, more specific than the "in" region);
2. a place phrase under a locative preposition attached to the predicate ("talks in Geneva",
   "shelling near Kharkiv", "marched through central London", "north of Tikrit", "took to the
   streets of X"; not "from" an organisation or "under" a condition), except a
   scene-setting phrase fronted before the subject ("In Latakia province, ..."); for an event noun, a
   place name modifying it ("the Mosul operation");
3. for a material event, a place named by or inside the predicate's object ("captured Goma",
   "patrolled the streets of Srinagar", "targeting positions around the X airport"), then its "from";
4. the fronted scene-setting phrase;
5. the place of the operation the act happened in ("killed in the fight for X", "during X's
   liberation", "captured after a gunbattle in X");
6. a locative phrase on a complement of the predicate ("shot dead in X");
7. a locative phrase attached to a word governing the predicate (xcomp/ccomp/conj/advcl ... chain);
8. a locative phrase on one of the predicate's arguments ("a mob in the town of X killed ..."; not
   "from", which gives an origin, except for people from a town or village);
9. the locative phrase of the sentence nearest the predicate;
10. a reference point by distance ("attacked 60 miles west of Hodeidah"), which otherwise never is
    the place ("Yendi, 531 kilometers north of Accra": Yendi);
11. a town or province naming the subject's people ("Nangarhar residents protested"; never a
    country: "Syrian troops" act abroad);
12. the dateline, for the lead's events (``dateline``: "KABUL (Reuters) - ").

Names are judged, not taken at face value: a site gives way to the town it is in ("the Green Zone in
Baghdad") unless the site has its own name ("the Kindi Hospital"); a site's owner ("the U.S.
embassy", "Patten's hotel", "the house of X") is not its place; a one-word name the small model
labels GPE is a person when it is a passive subject the knowledge base does not know ("Millan, 41,
was shot"); a proper noun it labels a person, organisation or product is a town when the gazetteer
knows it and the knowledge base does not know it as something else ("patrols Karachi"); a candidate
the knowledge base knows as an armed group or an international organisation ("Islamic State", often
labelled GPE) is skipped for the next one, though a pre-state (a breakaway region) stays a place; a
name the recogniser cut inside its bracket ("Palmyra (Tadmur") loses the bracket.

A place phrase is the object of the preposition with the words that describe the same place
(compounds, modifiers, possessors, appositions, conjuncts, "of"-phrases: "the West Bank city of
Nablus", "Kandahar's Loi Karez neighborhood"), cut to the span from its first to its last name token.
A name token is part of a GPE/LOC/FAC entity, or a proper noun outside a date/number entity (the small
model often labels little-known towns PERSON or ORG). Tokens in ``exclude`` (the actor's span) are
never the place; a phrase whose object is an amount ("over 200 fighters") is not one
either. The country comes from the knowledge base for the first name that resolves; a city or town
gets its coordinates (and, failing the knowledge base, its country) from ``geocode``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase
from eventwire.events import dateline, geocode
from eventwire.events.when import MONTHS, WEEKDAYS
from eventwire.records import Place

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "on", "along", "from",
                      "into", "within", "throughout", "over", "off", "through", "towards", "toward",
                      "beyond", "underneath", "onto", "above",
                      "below", "beneath", "behind", "past"})
# "under" is left out: in news it governs conditions ("under threat of U.S. sanctions", "under the
# control of X", "under pressure from Y"), whose names are parties, not places.
_WHERE = LOCATIVE - {"from"}
# "north of Tikrit", "east of the city": a direction word whose "of"-phrase names the place.
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                        "northward", "southward", "eastward", "westward"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that are never places even when their tokens are proper nouns ("on Tuesday", "in March").
_NOT_PLACE = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                        "LANGUAGE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
# Relations inside a place phrase that still describe the same place.
_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "conj", "cc", "nmod", "det", "case", "prep",
                          "pobj", "punct", "npadvmod", "nummod", "advmod"})
# Governing relations through which an event takes the place of the clause above it.
_CLIMB = frozenset({"xcomp", "ccomp", "conj", "pobj", "prep", "dobj", "acomp", "advcl", "pcomp", "relcl",
                    "acl", "nsubj", "nsubjpass"})


# Time zones the small model takes for places ("at 12:10 p.m. (0910 GMT)").
_TIME_ZONES = frozenset({"gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "ist", "msk",
                         # "at 4:15 A.M. (Damascus time)": clock words the model tags proper nouns
                         "a.m.", "p.m.", "am", "pm", "a.m", "p.m"})


# Words that make a proper noun in a date entity a real date ("in March", "on Christmas Day", "during
# Ramadan"); a date entity with none of them and no digit is a name the small model mislabelled
# ("killed in Mayadeen", tagged DATE).
_CALENDAR = frozenset({
    *MONTHS, *WEEKDAYS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "day", "days", "week",
    "weekend", "month", "year", "eve", "christmas", "easter", "ramadan", "eid", "lent", "passover",
    "hanukkah", "diwali", "thanksgiving", "nowruz", "ashura", "kippur", "yom", "new", "holiday", "holidays",
    "season", "summer", "winter", "spring", "autumn", "fall", "century", "decade", "era", "age", "quarter",
    "fiscal", "ad", "bc",
})


def _mislabelled_date(tok: Token) -> bool:
    """A proper noun in a DATE entity with no digit and no calendar word: a name, not a date."""
    if tok.pos_ != "PROPN" or tok.ent_type_ != "DATE":
        return False
    lo, hi = _entity_span(tok)
    words = tok.doc[lo : hi + 1]
    return not any(t.like_num or any(c.isdigit() for c in t.text) or t.lower_.rstrip(".") in _CALENDAR
                   for t in words)


def _is_name(tok: Token) -> bool:
    # "the" is often inside a facility entity ("the Kindi Hospital"), "'s" inside a place entity
    # ("Hong Kong's"); neither is part of the name.
    if tok.lower_ in _TIME_ZONES or tok.pos_ in ("DET", "PUNCT") or tok.dep_ == "case":
        return False
    if tok.ent_type_ in _PLACE_LABELS or _mislabelled_date(tok):
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ in _NAME_LIKE:
        # "the battle for Manbij": a town the model calls a product is a town when the gazetteer says so;
        # "in Eidgah area", "the Tirah valley": so is a name compounded with a settlement noun.
        return geocode.known(tok.text) or (tok.dep_ == "compound" and tok.head.i > tok.i
                                           and _heads(tok.head, SETTLEMENT_HEADS))
    return tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PLACE


# Labels of names (not numbers or dates) that the small model sometimes gives towns.
_NAME_LIKE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})


def _phrase(head: Token) -> list[Token]:
    """The tokens of the place phrase headed by ``head`` (no clauses, no non-"of" prepositions)."""
    out: list[Token] = []
    stack = [head]
    seen: set[int] = set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        for c in t.children:
            if c.dep_ not in _PHRASE_DEPS:
                continue
            if c.dep_ == "prep" and c.lower_ != "of":
                continue
            # "in Dunya Pur, ..., Deputy Inspector-General X told reporters": an apposition naming a
            # person is a misparsed speaker, not more of the place.
            if c.dep_ == "appos" and _names_person(c):
                continue
            # "Samburu Range, some 240 km north of Nairobi": the reference point is not the place.
            if _is_reference_part(c):
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _names_person(tok: Token) -> bool:
    """An apposition that names a person: a name labelled PERSON that is no town of the gazetteer
    ("the capital, Grozny" is a place whatever the label), or a common noun over a person's name
    ("..., Arafat's minister"); never a place noun or place entity ("the Sirari districts")."""
    if _heads(tok, PLACE_HEADS) or tok.ent_type_ in _PLACE_LABELS:
        return False
    if tok.pos_ == "PROPN":
        return tok.ent_type_ == "PERSON" and not geocode.known(_entity_text(tok))
    # A title over a person's name, whatever the gazetteer says of the name ("Arafat").
    return any(g.ent_type_ == "PERSON" for g in tok.subtree)


def _run(tok: Token, names: set[int]) -> tuple[int, int]:
    """The contiguous run of name tokens around ``tok`` ("Lashkar Gah", "Mazar-e-Sharif")."""
    lo = hi = tok.i
    while lo - 1 in names:
        lo -= 1
    while hi + 1 in names:
        hi += 1
    return lo, hi


def _name_span(head: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The span of the place phrase under ``head`` from its first to its last name token ("the West
    Bank city of Nablus" -> "West Bank city of Nablus")."""
    phrase = _phrase(head)
    names = [t.i for t in phrase if _is_name(t) and t.i not in exclude]
    for t in phrase:
        # "the Georgian capital Tbilisi Tuesday": the small model sometimes hangs the name that follows a
        # place noun on the next word; a place entity right after "capital"/"city"/"town" is its name.
        nxt = t.i + 1
        if _heads(t, PLACE_HEADS) and nxt < len(t.doc) and _is_name(t.doc[nxt]) \
                and nxt not in exclude and t.doc[nxt].head not in phrase:
            names.extend(range(nxt, _run(t.doc[nxt], {x.i for x in t.doc if _is_name(x)})[1] + 1))
    if not names:
        return None
    return min(names), max(names)


def _in_phrase(pobj: Token, exclude: set[int], depth: int = 0) -> tuple[int, int] | None:
    """The names under ``pobj``; failing those, under a locative preposition inside the phrase ("in a
    remote area near the port of X"). A building, site or organisation located by a nested "in"
    phrase gives way to the place it is in ("outside the Green Zone in Baghdad", "in Anderson's
    apartment in Porto Alegre": Baghdad, Porto Alegre), so that its owner ("Anderson", "U.S." in "a
    U.S. base in Syria") is not taken for the place; a settlement keeps its own name ("in Mayadeen
    in the province of Deir Ezzor": Mayadeen, the smaller place comes first)."""
    found = _name_span(pobj, exclude)
    if found is not None and _owner_only(pobj, found):
        # "outside the United States embassy", "near a U.S. base at Balad", "outside Patten's hotel":
        # the only names are the site's owner; the place is elsewhere or not named here.
        found = None
    if depth >= 2:
        return found
    if found is not None and (_is_settlement(pobj) or _named_site(pobj)):
        return found
    nested = _nested(pobj, exclude, depth, _CONTAINED if found is not None else LOCATIVE)
    return nested if nested is not None else found


def _owner_only(head: Token, span: tuple[int, int]) -> bool:
    """Whether the names of ``span`` in a phrase headed by the common noun ``head`` (a site: embassy,
    base, hotel, prison) are all its owner: a possessor ("Patten's hotel"), a people ("the Israeli
    embassy") or a country ("the United States embassy", "a U.S. base", "a U.S.-run prison"). A town
    modifying a site names where it is ("the Kabul airport"), and so does a name compounded with it
    ("the Sufa checkpoint", "al-Zahawi school", whatever the model labels it)."""
    if head.pos_ != "NOUN" or _heads(head, SETTLEMENT_HEADS):
        return False
    doc = head.doc
    names = [t for t in doc[span[0]:span[1] + 1] if _is_name(t)]
    if not names:
        return False
    for t in names:
        mod = t
        while mod.head.i != head.i and mod.head.i != mod.i and span[0] <= mod.head.i <= span[1] \
                and mod.head.lower_ != "of":
            mod = mod.head
        # "the house of Jamil Tarifi": an "of"-possessor.
        of_owner = mod.dep_ == "pobj" and mod.head.lower_ == "of" and mod.head.head.i == head.i
        if not of_owner and (mod.head.i != head.i or mod.dep_ not in ("compound", "poss", "nmod", "amod")):
            return False
        if t.ent_type_ == "NORP" or (mod.dep_ == "poss" and t.ent_type_ in ("PERSON", "ORG")):
            continue
        if of_owner and t.ent_type_ == "PERSON" and not geocode.known(_entity_text(t)):
            continue  # "of" before a person; before an organisation it is often a mislabelled town
        if t.ent_type_ == "GPE" and not of_owner and not geocode.known(_entity_text(t)):
            continue  # a country (the gazetteer has towns only); "the streets of X" is X's
        return False
    return True


# Prepositions that put a site inside a larger place ("the mosque in Likoni").
_CONTAINED = frozenset({"in", "inside", "within"})


def _nested(pobj: Token, exclude: set[int], depth: int, preps: frozenset[str]) -> tuple[int, int] | None:
    """The first place phrase under a preposition in ``preps`` inside the phrase headed by ``pobj``."""
    for t in _phrase(pobj):
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in preps and not _is_reference(prep):
                for g in prep.children:
                    if g.dep_ == "pobj" and not _is_amount(g) and (found := _in_phrase(g, exclude, depth + 1)):
                        return found
    return None


def _is_settlement(tok: Token) -> bool:
    """A town, region or country (by entity label or head noun), as opposed to a building or site."""
    if tok.ent_type_ in ("GPE", "LOC"):
        return True
    return _heads(tok, SETTLEMENT_HEADS) or (tok.pos_ == "PROPN" and not tok.ent_type_)


def _named_site(tok: Token) -> bool:
    """A site whose head word is part of its own name ("the Kindi Hospital", "Joseph's Tomb",
    "Ryongchon Station"): the most specific place named, kept over the town around it. An institution
    the model labels an organisation ("Morocco's Parliament", "the Land Revenue Office") is not."""
    return tok.ent_type_ in ("FAC", "GPE", "LOC") or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP")
                                                      and _is_name(tok))


# Distance units of a reference phrase ("50 kilometers (30 miles) west of Baghdad", "100 kms from X").
_DISTANCE = frozenset({"kilometer", "kilometre", "kilometers", "kilometres", "km", "kms", "mile", "miles",
                       "meter", "metre", "meters", "metres", "yard", "yards"})


def _is_reference_part(tok: Token) -> bool:
    """A modifier giving a reference point by distance ("60 kilometers northeast of Monrovia")."""
    return tok.dep_ in ("advmod", "npadvmod", "appos") and (tok.lower_ in _DISTANCE or (
        tok.lower_ in DIRECTIONS and any(_is_reference(p) for p in tok.children)))


def _located(tok: Token) -> bool:
    """A name located by distance from another place is a place itself, whatever its label: news
    writes "Kakata, 60 kilometers northeast of Monrovia" of towns only; so is a name in apposition
    with a settlement noun ("Mbuji Mayi, the main city in Kasai")."""
    # Right after the name (the parser sometimes hangs a later reference on a far-off subject).
    # So is one in apposition to a settlement noun ("Mbuji Mayi, the main city in Kasai").
    return any((_is_reference_part(c) and c.left_edge.i - tok.i <= 3)
               or (c.dep_ == "appos" and _heads(c, SETTLEMENT_HEADS)) for c in tok.children)


def _is_reference(prep: Token) -> bool:
    """A preposition giving a reference point by distance, not the place itself: "(Yendi,) 531
    kilometers north of Accra", "(Teiba,) 100 kms from Asosa"."""
    head = prep.head
    if head.lower_ in _DISTANCE:
        return True
    if head.lower_ in DIRECTIONS:
        return any(c.lower_ in _DISTANCE or any(g.lower_ in _DISTANCE for g in c.children) for c in head.children)
    return False


def _under(tok: Token, exclude: set[int], preps: frozenset[str] = LOCATIVE,
           skip: frozenset[int] = frozenset(), references: bool = False) -> tuple[int, int] | None:
    """The place phrase under a locative preposition of ``tok`` (but those in ``skip``); of several,
    the nearest to ``tok`` ("In France, Alawites marched through Strasbourg": Strasbourg). A reference
    point by distance ("60 miles west of Hodeidah") counts only with ``references``."""
    found = _nearest(tok, [p for p in tok.children if p.dep_ == "prep" and (p.lower_ in preps or _to_place(p))
                           and p.i not in skip and (references or not _is_reference(p)) and not _from_group(p)],
                     lambda pobj: _in_phrase(pobj, exclude))
    if found is not None:
        return found
    for c in tok.children:
        if c.i in skip:
            continue
        # "captured off Mogadishu": the small model sometimes hangs the place on the verb as npadvmod.
        if c.dep_ == "npadvmod" and c.ent_type_ in _PLACE_LABELS and c.i not in exclude:
            return _name_span(c, exclude)
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in DIRECTIONS \
                and (references or not any(_is_reference(p) for p in c.children)):
            found = _under(c, exclude, frozenset({"of"}), references=references)
            if found is not None:
                return found
    return None


def _to_place(prep: Token) -> bool:
    """"Took to the streets of X", "marched to the town of X", "an offensive against the villages of X":
    "to" or "against" before a place noun is where the act went (before a name it is more often a
    recipient: "handed over to U.S. forces", "an offensive against the rebels")."""
    return prep.lower_ in ("to", "against") and any(g.dep_ == "pobj" and _heads(g, PLACE_HEADS)
                                                    for g in prep.children)


def _from_group(prep: Token) -> bool:
    """"Killed rebels from Jabhat Al-Nusra": "from" before an organisation, person or people is
    membership or origin, not a place (unless the gazetteer knows the name as a town: the small
    model labels "Grozny" a person)."""
    return prep.lower_ == "from" and any(g.dep_ == "pobj" and g.ent_type_ in ("ORG", "PERSON", "NORP")
                                         and not geocode.known(_entity_text(g)) for g in prep.children)


def _is_amount(tok: Token) -> bool:
    """"over 200 fighters": a quantity, not a place."""
    # A number among the children, not any "nummod" ("Mazar-e-Sharif" has its "e" as one).
    # A distance in apposition ("Jalpatagua, 100 kilometers southeast of X") is a reference, not an amount.
    return any((c.dep_ == "nummod" and c.like_num) or (c.ent_type_ in ("CARDINAL", "QUANTITY")
                                                       and c.dep_ not in ("appos", "npadvmod"))
               for c in tok.children) or \
        tok.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")


def _object_place(tok: Token, exclude: set[int], known_place: Callable[[str], bool] = geocode.known,
                  _kb_place: Callable[[str], bool] = lambda text: False, strict: bool = False
                  ) -> tuple[int, int] | None:
    """A place named by the direct object of a material predicate ("captured Goma").

    ``strict``: only an object that is a place itself (a place entity, a settlement or site noun with
    a name); such an object is more
    specific than the predicate's own "in" phrase ("shelled X village in Y district": X). Otherwise
    also a place named inside the object ("the U.S. embassy", "positions around the X airport")."""
    for c in _objects(tok):
        c = _antecedent(c)
        phrase = _phrase(c)
        # "patrolling Korangi": a proper noun the model labels no person or organisation may be a town;
        # "captured Grozny", "patrols Karachi", "captured Manbij": so may one it takes for a person, an
        # organisation or a product, when the gazetteer knows the town (and the knowledge base does not
        # know the name as something else: "attacked Hamas").
        # A passive subject needs more than the gazetteer: "Molina was shot" names a man.
        known_here = known_place if c.dep_ == "dobj" else _kb_place
        known = c.pos_ == "PROPN" and c.ent_type_ not in _PLACE_LABELS and c.ent_type_ != "NORP" \
            and known_here(_entity_text(c))
        unlabelled = c.pos_ == "PROPN" and (known or (c.dep_ == "dobj" and not c.ent_type_))
        itself = c.ent_type_ in _PLACE_LABELS or _heads(c, PLACE_HEADS) or unlabelled or _located(c)
        if strict:
            # A person's name is no place here: people, not towns, are what is most often shot or
            # captured, and the small model labels unknown names GPE; so only a place noun, or a
            # place entity that the gazetteer or the knowledge base knows, counts.
            placelike = (c.ent_type_ in _PLACE_LABELS and known_here(_entity_text(c))) or _heads(c, PLACE_HEADS) \
                or _located(c)
            found = _name_span(c, exclude) if placelike and c.i not in exclude else None
            if found is not None:
                return found
            continue
        # "Goma was captured": a passive subject that is a person is not a place, even when a place
        # qualifies it ("X of Massachusetts was captured").
        placed = any(t.ent_type_ in _PLACE_LABELS for t in phrase) and not (
            c.dep_ == "nsubjpass" and c.ent_type_ in ("PERSON", "NORP", "ORG") and not known)
        if c.dep_ == "dobj" and tok.lemma_ in _PEOPLE_VERBS and c.pos_ == "PROPN" and not known \
                and c.ent_type_ in ("", "GPE") and _entity_span(c)[0] == _entity_span(c)[1] \
                and not (_heads(c, PLACE_HEADS) or _located(c)):
            # "shot Gallagher", "assailants shot Oudeh": what is shot, stabbed or kidnapped is a person;
            # a one-word name the gazetteer does not know is his, whether the small model labels it a
            # place or nothing. (A longer name may hold his town: "wounded Moscow education chief X".)
            continue
        if c.dep_ == "nsubjpass" and c.pos_ == "PROPN" and c.ent_type_ not in ("LOC", "FAC") \
                and _entity_span(c)[0] == _entity_span(c)[1] and not (known or _located(c)) \
                and not _kb_place(_entity_text(c)):
            # "Millan, 41, was shot": the small model labels unknown one-word names GPE; a bare
            # passive name is a place only when the knowledge base knows it as one ("Eastern
            # Slavonia", "the Gulf of Aden" are plainly places).
            continue
        if placed or itself:
            found = _name_span(c, exclude)
            if found is None and known and c.i not in exclude:
                found = _entity_span(c)
            if found is not None:
                return found
        # "captured key strongholds, including Mazar-e-Sharif city", "targeting positions around the
        # X airport", "the area between the villages of A and B"
        if c.ent_type_ in ("PERSON", "NORP", "ORG"):
            continue  # "X, a planner of the attacks in the U.S., was captured": his, not the capture's
        found = _nested(c, exclude, 0, _WHERE | {"including", "between"})
        if found is not None:
            return found
    return None


# Acts done to people, not to places: their object names a place only when the gazetteer knows it.
_PEOPLE_VERBS = frozenset({"shoot", "stab", "wound", "injure", "kidnap", "abduct", "assassinate", "behead",
                           "execute", "torture", "beat", "arrest", "detain", "hang", "lynch", "murder",
                           "strangle", "poison", "rape", "kill"})


def _misparsed_progressive(tok: Token) -> bool:
    """"Troops are patrolling Nablus": the small model sometimes makes the participle an adjective
    ("amod") of its object, which it hangs as "attr" on the auxiliary."""
    return tok.dep_ == "amod" and tok.pos_ == "VERB" and tok.i < tok.head.i and tok.head.dep_ in ("attr", "dobj")


def _objects(tok: Token) -> list[Token]:
    """The direct object and passive subject of ``tok``, or the noun a misparsed progressive modifies."""
    found = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if _misparsed_progressive(tok):
        found.append(tok.head)
    return found


def _clause_heads(pred: Token) -> list[Token]:
    """``pred``, and for a misparsed progressive the auxiliary that carries its subject."""
    return [pred, pred.head.head] if _misparsed_progressive(pred) else [pred]


def _antecedent(tok: Token) -> Token:
    """What a relative pronoun stands for ("Aceh, which was raided": Aceh); else ``tok``."""
    if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _entity_span(tok: Token) -> tuple[int, int]:
    """The token span of the entity ``tok`` belongs to, or of ``tok`` alone."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.start, ent.end - 1
    return tok.i, tok.i


def _entity_text(tok: Token) -> str:
    """The text of the entity ``tok`` belongs to, or of ``tok`` alone."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _modifier_place(tok: Token) -> tuple[int, int] | None:
    """A place name modifying an event noun ("the Mosul operation", "the Kabul bombing")."""
    for c in tok.children:
        if c.dep_ in ("compound", "nmod") and c.i < tok.i and c.ent_type_ in _PLACE_LABELS:
            lo = hi = c.i
            # The whole entity ("Tel Aviv bombing": "Tel" hangs on "Aviv"), and place names before it
            # that modify the same noun ("the Kandahar Kabul highway attack").
            while lo - 1 >= 0 and tok.doc[lo - 1].ent_type_ in _PLACE_LABELS and (
                    tok.doc[lo].ent_iob_ == "I" or tok.doc[lo - 1].head == tok):
                lo -= 1
            return lo, hi
        if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "PROPN" and not c.ent_type_:
            return c.left_edge.i, c.i
    return None


# Common nouns that name a settlement or region: a proper noun under them is the place's name, and
# a phrase they head keeps its own name over a larger place it is said to be in.
def _heads(tok: Token, heads: frozenset[str]) -> bool:
    """Whether ``tok`` is one of the nouns ``heads`` (by lemma or by form: the small model lemmatises
    "outskirts" to "outskirt")."""
    return tok.lemma_.lower() in heads or tok.lower_ in heads


SETTLEMENT_HEADS = frozenset({"city", "town", "village", "district", "province", "region", "capital", "area",
                              "neighborhood", "neighbourhood", "suburb", "island", "camp", "state", "county",
                              "countryside", "outskirts", "territory", "valley", "governorate", "municipality",
                              "township", "settlement", "enclave", "peninsula"})
# Common nouns that name a site: a place too, but one located by the settlement around it.
SITE_HEADS = frozenset({"street", "streets", "border", "base", "airport", "port", "square", "hospital", "mosque",
                        "church", "market", "headquarters", "embassy", "mountains", "river", "coast", "skies",
                        "airspace", "waters", "waterway", "compound", "checkpoint", "crossing", "bridge",
                        "highway", "road"})
PLACE_HEADS = SETTLEMENT_HEADS | SITE_HEADS


def event_place(pred: Token, kb: KnowledgeBase, exclude: set[int], on: dt.date | None,
                material: bool = False) -> Place | None:
    """The place of the event whose predicate is ``pred``; tokens in ``exclude`` are never the place.

    ``material`` (a material-conflict or material-cooperation event) lets the predicate's own object
    name the place."""
    doc = pred.doc
    def kind_of(text: str) -> str | None:
        hit = kb.lookup_name(text, on)
        return None if hit is None else hit.kind

    def actor_only(text: str) -> bool:
        # An armed group, a party or an international organisation, not a place whatever the tagger says
        # ("the Islamic State", tagged GPE). Not so a pre-state (a breakaway region such as South
        # Ossetia) or a body named after its town ("Georgetown", the university).
        hit = kb.lookup_name(text, on)
        return hit is not None and (hit.kind == "igo" or (hit.kind == "group" and hit.actor.sector in _ARMED))

    found = _locate(pred, exclude, material, kind_of, actor_only)
    if found is None:
        return None
    place = doc[found[0]:found[1] + 1]
    country = None
    for tok in place:
        if _is_name(tok):
            hit = kb.lookup_name(tok.text, on)
            if hit is not None and hit.actor.country:
                country = hit.actor.country
                break
    whole = kb.lookup_name(place.text, on)
    if whole is not None and whole.actor.country:
        country = whole.actor.country
    point = None
    if whole is None or whole.kind != "country":
        # The gazetteer files towns under today's states: a town of a state that was then part of
        # another ("Juba" in 2000, Sudan) is looked up under the states split from it since.
        for state in (country, *sorted(kb.later_states(country) if country else ())):
            point = geocode.locate(place.text, state)
            if point is not None:
                break
    if point is None:
        return Place(text=place.text, start=place.start_char, end=place.end_char, country=country)
    return Place(text=place.text, start=place.start_char, end=place.end_char,
                 country=country or kb.country_on(point[2], on), lat=point[0], lon=point[1])


def _locate(pred: Token, exclude: set[int], material: bool, kind_of: Callable[[str], str | None],
            actor_only: Callable[[str], bool]) -> tuple[int, int] | None:
    """The token span of the place of ``pred``'s event: the first candidate found, in the order of the
    module docstring, that ``actor_only`` does not call an actor's name. ``kind_of`` gives the knowledge
    base's kind of a name (country, capital, ...)."""

    def kb_place(text: str) -> bool:
        # The knowledge base's "place" names include peoples ("Uighurs"): a town must also be one of
        # the gazetteer's.
        kind = kind_of(text)
        return kind in ("country", "capital") or (kind == "place" and geocode.known(text))

    def known_place(text: str) -> bool:
        kind = kind_of(text)
        return kind in _KB_PLACES or (kind is None and geocode.known(text))

    fronted = _fronted(pred)
    # "Gibraltar was captured from Spain": for a material act the place it takes or strikes comes
    # before the place it comes from.
    own = _WHERE if material else LOCATIVE
    steps: list[Callable[[], tuple[int, int] | None]] = [
        lambda: _object_place(pred, exclude, known_place, kb_place, strict=True) if material else None,
        lambda: _under(pred, exclude, own, skip=fronted),
        lambda: _modifier_place(pred) if pred.pos_ in ("NOUN", "PROPN") else None,
        lambda: _object_place(pred, exclude, known_place, kb_place) if material else None,
        lambda: _under(pred, exclude, frozenset({"from"}), skip=fronted) if material else None,
        # "In Latakia province, militants shelled the village of X": the scene set before the clause
        # is wider than the place the clause names, so it comes after the predicate's own.
        lambda: _under(pred, exclude, own) if fronted else None,
        lambda: _occasion_place(pred, exclude),
        lambda: _adjunct_place(pred, exclude),
        lambda: _climb(pred, exclude),
        lambda: _argument_place(pred, exclude),
        lambda: _nearest_in_sentence(pred, exclude, kind_of),
        # "attacked at sea about 60 nautical miles west of Hodeidah": with no place named, the
        # reference point is the nearest one known.
        lambda: _under(pred, exclude, own, references=True),
        lambda: _local_subject(pred, kind_of),
        # "KABUL (Reuters) - ...": the lead's events happened where the story was filed, failing any
        # place of their own.
        lambda: dateline.dateline(pred.doc, known_place) if dateline.in_lead(pred) else None,
    ]
    for step in steps:
        found = step()
        if found is not None:
            found = _closed(pred.doc, found)
        if found is not None and not actor_only(pred.doc[found[0]:found[1] + 1].text):
            return found
    return None


def _closed(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """The span without a bracket it opens and does not close ("Palmyra (Tadmur" -> "Palmyra"): the
    recogniser cut the name inside its gloss; None when nothing is left before the bracket."""
    start, end = span
    depth = 0
    for i in range(start, end + 1):
        depth += doc[i].text == "("
        depth -= doc[i].text == ")"
    if depth <= 0:
        return span
    opened = max(i for i in range(start, end + 1) if doc[i].text == "(")
    return (start, opened - 1) if opened > start else None


# Sectors of the knowledge base's groups that are never a place: rebels, paramilitaries, armed groups
# of unclear affiliation, parties, criminal groups and oppositions.
_ARMED = frozenset({"REB", "PRM", "UAF", "PTY", "CRM", "OPP"})

# Kinds of knowledge-base names that are places.
_KB_PLACES = frozenset({"country", "capital", "place"})


def _fronted(pred: Token) -> frozenset[int]:
    """The predicate's prepositions and adverbs set before its subject and closed by a comma ("In
    Latakia province, militants shelled ...", "In Hilla, also just south of Baghdad, a civilian was
    killed"): scene-setting adjuncts."""
    subjects = [c.i for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return frozenset()
    doc = pred.doc
    return frozenset(p.i for p in pred.children if p.dep_ in ("prep", "advmod", "npadvmod") and p.i < min(subjects)
                     and p.right_edge.i + 1 < len(doc) and doc[p.right_edge.i + 1].text == ",")


# Nouns of a military operation or battle: a place they are "for"/"of" is where the acts inside
# them happen ("killed in the fight for Jaabar", "during Kafr Saghir's liberation").
OPERATIONS = frozenset({"fight", "fighting", "battle", "offensive", "operation", "siege", "liberation",
                        "capture", "occupation", "assault", "attack", "raid", "clash", "clashes", "war",
                        "campaign", "push", "bombardment", "shelling", "invasion", "recapture", "storming",
                        "gunbattle", "shootout", "firefight", "ambush", "skirmish", "skirmishes"})
# Prepositions that place an act within an operation ("in", "during", "amid", "since the launch of",
# "captured after a gunbattle in X").
_WITHIN = frozenset({"in", "during", "amid", "amidst", "since", "throughout", "after"})


def _occasion_place(pred: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The place of the operation the predicate happened in ("killed in the battle for Mosul", "shot
    during the German occupation of Latvia", "since the launch of the Mosul operation")."""
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ not in _WITHIN:
            continue
        for op in prep.children:
            # "the launch of the Mosul operation": the operation may be one "of"-step down.
            for _ in range(2):
                if op.dep_ == "pobj" and op.lemma_.lower() in OPERATIONS:
                    found = _operation_place(op, exclude)
                    if found is not None:
                        return found
                op = next((g for p in op.children if p.dep_ == "prep" and p.lower_ == "of"
                           for g in p.children if g.dep_ == "pobj"), op)
    return None


def _operation_place(op: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The place an operation noun names: its "for"/"of"/"on" object, its own locative phrase
    ("clashes with X in the village of Y"), a place possessor or modifier."""
    for preps in (("for", "of", "on"), ("in", "at", "near", "inside", "around")):
        for prep in op.children:
            if prep.dep_ == "prep" and prep.lower_ in preps and not (prep.ent_iob_ == "I" and prep.ent_type_ == "ORG"):
                for g in prep.children:
                    if g.dep_ == "pobj" and g.ent_type_ not in ("ORG", "NORP") and not _is_amount(g):
                        found = _in_phrase(g, exclude)
                        if found is not None:
                            return found
    for c in op.children:
        if c.dep_ == "poss" and c.i not in exclude and _is_name(c) and c.ent_type_ not in ("ORG", "NORP", "PERSON"):
            return _run(c, {t.i for t in c.subtree if _is_name(t)})
    return _modifier_place(op)


# Modifiers of the predicate that carry its place ("shot dead in Kabul", "burnt alive in Syria").
_ADJUNCTS = frozenset({"acomp", "oprd", "advmod", "prt", "dep"})


def _adjunct_place(pred: Token, exclude: set[int]) -> tuple[int, int] | None:
    """A place phrase hung on a complement or modifier of the predicate rather than on the predicate."""
    for c in pred.children:
        if c.dep_ in _ADJUNCTS and c.lower_ not in DIRECTIONS:
            found = _under(c, exclude, _WHERE)
            if found is not None:
                return found
    return None


def _climb(pred: Token, exclude: set[int]) -> tuple[int, int] | None:
    """A locative phrase on a word governing the predicate (xcomp/ccomp/conj/advcl ... chain)."""
    cur = pred
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ not in _CLIMB:
            return None
        cur = cur.head
        found = _under(cur, exclude)
        if found is not None:
            return found
    return None


def _local_subject(pred: Token, kind_of: Callable[[str], str | None]) -> tuple[int, int] | None:
    """A town or province naming the subject's people, when nothing else places the event ("Nangarhar
    residents protested", "New Delhi police shot dead a man"): local people and local police act at
    home. A country never counts ("Syrian troops", "U.S. forces" act abroad), even when named so; the
    subject's own tokens are otherwise never the place, as an actor's."""
    for head in _clause_heads(pred):
        for subj in head.children:
            if subj.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for c in subj.children:
                if c.dep_ in ("compound", "nmod", "poss") and c.i < subj.i and c.ent_type_ == "GPE":
                    lo, hi = _entity_span(c)
                    name = c.doc[lo:hi + 1].text
                    kind = kind_of(name)
                    if kind in ("capital", "place") or (kind is None and geocode.known(name)):
                        return lo, hi
    return None


def _argument_place(pred: Token, exclude: set[int]) -> tuple[int, int] | None:
    """A locative phrase on one of the predicate's arguments ("a mob in the town of X killed ...")."""
    for c in (c for head in _clause_heads(pred) for c in head.children):
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep"):
            target = next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ in ("agent", "prep") else c
            # "a soldier from New Zealand was shot": "from" on an argument is where it comes from ...
            # "Thousands of police officers in Henan are patrolling": the phrase may sit a level down.
            found = _under(target, exclude, _WHERE) or _nested(target, exclude, 1, _WHERE)
            if found is not None:
                return found
    for c in (c for head in _clause_heads(pred) for c in head.children):
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            # ... but "60 people from X village were killed": residents are struck where they live.
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    for g in prep.children:
                        if g.dep_ == "pobj" and _heads(g, _LOCAL_HEADS) and (found := _in_phrase(g, exclude)):
                            return found
    return None


# Nouns of a place people live in, below a region ("residents from the village of X").
_LOCAL_HEADS = frozenset({"village", "town", "city", "district", "neighborhood", "neighbourhood", "suburb", "camp",
                          "township", "settlement", "area", "community"})


def _nearest_in_sentence(pred: Token, exclude: set[int], kind_of: Callable[[str], str | None] = lambda t: None
                         ) -> tuple[int, int] | None:
    """The place phrase under a locative preposition of ``pred``'s sentence nearest to ``pred``. "From"
    on a noun gives an origin: it counts for a town ("a team from Wuhan", "men from the village of X",
    local people, as local news has them) but not for a country or a force ("a soldier from New
    Zealand", "experts from the Kenyan armed forces")."""
    def origin_ok(p: Token) -> bool:
        if p.lower_ != "from" or p.head.pos_ in ("VERB", "AUX"):
            return True
        objs = [g for g in p.children if g.dep_ == "pobj"]
        return any(_heads(g, _LOCAL_HEADS) or (g.ent_type_ == "GPE" and geocode.known(_entity_text(g))
                                               and kind_of(_entity_text(g)) != "country") for g in objs)

    preps = [p for p in pred.sent if p.dep_ == "prep" and p.lower_ in LOCATIVE and p.head.i not in exclude
             and not _is_reference(p) and origin_ok(p) and not _from_group(p)]
    return _nearest(pred, preps, lambda pobj: _name_span(pobj, exclude))


def _nearest(anchor: Token, preps: list[Token], place_of: Callable[[Token], tuple[int, int] | None]
             ) -> tuple[int, int] | None:
    """Of the place phrases ``place_of`` finds under the objects of ``preps`` (amounts skipped), the one
    whose preposition is nearest to ``anchor``; the first found wins a tie."""
    best: tuple[int, tuple[int, int]] | None = None
    for prep in preps:
        if prep.ent_iob_ == "I" and prep.ent_type_ == "ORG":
            continue  # inside a name ("the Islamic State in Iraq and Sham"), not a locative
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and not _is_amount(pobj):
                found = place_of(pobj)
                if found is not None and (best is None or abs(prep.i - anchor.i) < best[0]):
                    best = (abs(prep.i - anchor.i), found)
    return best[1] if best is not None else None
