"""Predicates and their arguments, read off the dependency parse.

For every token the lexicon matches (a verb, a noun such as "talks" or "deployment", or an
adjective), ``frame(token, ...)`` finds:

- actor: the subject (``nsubj``); for a passive, the ``agent`` ("was attacked by X"); for a noun, its
  possessor ("Moscow's offensive"), an adjectival demonym ("Russian shelling"), its by-phrase ("an
  offensive by X") or the between-phrase of the verb of occurrence it is the subject of ("a clash
  occurred between X and Y", ``occurrence_verb``, whose prepositions also give the recipient); failing those, the
  subject of the nearest governing verb, climbing through xcomp/acomp/prep/pobj/conj ("Minsk is open
  to military cooperation" -> Minsk), though not for a noun set beside that verb's clause by a
  preposition of time or cause ("Paris mourned after the attack": Paris did not attack; "in the weeks of
  protests, police fired");
- recipient: the direct object (or the passive subject; the subject put "under" an event noun: "X was
  put under investigation"), else the object of the entry's preposition or of with/against/on/to/at
  (not "on" for AGREE: what is agreed on), or a dative, or the of-phrase of a demanded act ("demanded
  the withdrawal of X's forces"); of these slots the first that names a party of a known country (or,
  as object or demanded party, an international organisation) wins; the actor's own possessive
  ("offered its troops") names no counterpart; failing those, a party of known country inside the
  act's content (``_content_party``: "offered to hand over to X", "demanded that X abandon", "concede
  to demands from X", "the X-led war against Y"), then a slot naming a
  party with no country ("troops"). A slot naming no party ("gave X five million dollars") never
  blocks another. (``events`` then lets the place of the act give a missing recipient country.)
- an argument whose mentions have no country takes the country of its origin phrase ("security forces
  in X", "doctors from X", "supporters of X"; ``_of_place``).
- the mentions inside each argument: the head and its compound, conjunct and appositive tokens and
  the X of an "X-led"/"X-backed" modifier (not "X-owned", nor a demonym describing a language: "the
  Russian language", ``NON_PARTY_NOUNS``),
  so "Russia and Belarus" gives two actors of one event, as PLOVER prescribes. Conjoined actors of
  talks or of a mutual act (``RECIPROCAL_TYPES``, ``MUTUAL_VERBS``: "exchanged prisoners") are also
  each other's recipients; of any other joint act ("A and B agreed", "signed a treaty") they are
  actors only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventwire.events.lexicon import Entry
from eventwire.records import Actor, ActorMention

_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_CLIMB = frozenset({"xcomp", "acomp", "prep", "pobj", "conj", "dobj", "attr", "pcomp", "advcl", "oprd",
                    "ccomp", "acl", "amod", "compound", "nmod", "appos"})
_RECIPIENT_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "into", "upon", "for", "from")
# Not ``npadvmod`` (see ``_arg_tokens``): a noun hung on a word adverbially ("with strings attached, X") is
# not part of the party the phrase names.
_ARG_DEPS = frozenset({"compound", "amod", "poss", "conj", "cc", "det", "nmod", "appos", "nummod", "case",
                       "prep", "pobj", "punct", "quantmod"})


# "deployment on Belarus' territory": the object names where, not whom.
PLACE_NOUNS = frozenset({"territory", "soil", "border", "borders", "land", "region", "area", "side", "coast",
                         "waters", "airspace", "frontier", "city", "capital", "street", "streets", "ground"})
_PARTY_KINDS = frozenset({"demonym", "country", "capital", "igo", "metonym", "official", "ner", "person"})
# Conjoined actors are each other's recipients when the act is done to or with each other: talks
# (CONSULT: "Russia and Belarus held talks") and acts mutual by their verb ("exchanged prisoners",
# "clashed"); other joint acts ("agreed to", "signed a treaty") have no recipient (see ``frame``).
RECIPROCAL_TYPES = frozenset({"CONSULT"})
MUTUAL_VERBS = frozenset({"exchange", "swap", "trade", "clash", "skirmish"})


def _mutual(tok: Token, entry: Entry) -> bool:
    """The act is done by each conjoined party to or with the other (``RECIPROCAL_TYPES``, ``MUTUAL_VERBS``)."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return entry.event_type in RECIPROCAL_TYPES or verb.lemma_.lower() in MUTUAL_VERBS
# Prepositions that extend a party rather than name another one ("any state, including NATO members").
_ARG_PREPS = frozenset({"of", "including", "like", "such", "as"})


@dataclass(frozen=True)
class Frame:
    actor: tuple[ActorMention, ...]
    recipient: tuple[ActorMention, ...]
    arcs: tuple[str, ...]
    actor_tokens: frozenset[int]

    @property
    def partner_named(self) -> bool:
        """The recipient fills an argument slot of the predicate (object, passive subject, prepositional
        object, or the conjoined counterpart), not the act's content or place: a partner of the act."""
        return bool(self.recipient) and any(
            a in ("recipient=dobj", "recipient=nsubjpass", "recipient=poss") or a.startswith("recipient=pobj")
            or a.startswith("reciprocal") for a in self.arcs)


def _arg_tokens(head: Token) -> set[int]:
    """The tokens of an argument phrase: its head plus modifiers that name the same entity, following
    conjuncts ("Russia and Belarus") but not relative clauses or verb phrases inside it."""
    out: set[int] = set()
    stack = [head]
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        for c in t.children:
            if c.dep_ in _ARG_DEPS:
                # "aggression against Russia": a prep inside a noun phrase names another party.
                if c.dep_ == "prep" and c.lower_ not in _ARG_PREPS:
                    continue
                stack.append(c)
            elif c.dep_ == "npadvmod" and _leads(t):
                stack.append(c)  # "Vietnamese-led forces": the leading party is the party's own
    return out


# "X-led forces", "X-backed rebels": X is the party behind them; "an X-flagged ship" is X's. Not what a
# party owns or pays for ("a Saudi-owned weekly"), brokers ("a UN-brokered ceasefire") or inspires
# ("Tunisia-inspired protests").
_LEADING = frozenset({"lead", "back", "support", "arm", "command", "direct", "flag", "register"})


def _leads(tok: Token) -> bool:
    """``tok`` is the participle of a hyphenated "X-led"/"X-backed" modifier (an ``amod`` past participle
    in ``_LEADING``), whose adverbial noun X is the party behind what it modifies."""
    return tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.lemma_.lower() in _LEADING


def _mentions_in(tokens: set[int], by_token: dict[int, ActorMention]) -> tuple[ActorMention, ...]:
    seen: dict[int, ActorMention] = {}
    for i in sorted(tokens):
        m = by_token.get(i)
        if m is not None:
            seen.setdefault(m.start, m)
    return tuple(seen.values())


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep_object(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.lower_ == "including":
            # "Including with the NATO states, we are ready to ...": look inside the including-phrase.
            inner = _prep_object(c, preps)
            if inner is not None:
                return inner
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            pobj = _child(c, ("pobj",))
            if pobj is not None and pobj.lemma_.lower() not in PLACE_NOUNS:
                return pobj
        if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


# Prepositions that set an event noun beside the clause in time or as its cause ("Paris mourns after the
# attack", "X spoke during the talks"): the clause's subject did not carry out the noun's act.
_BESIDE = frozenset({"after", "before", "since", "following", "amid", "amidst", "despite", "during", "until",
                     "ahead"})


_SPAN_PREPS = frozenset({"in", "for", "within", "over", "throughout"})
_TIME_UNITS = frozenset({"time", "day", "week", "month", "year", "decade", "hour", "period", "weekend", "night"})


def _span_of_time(prep: Token) -> bool:
    """Is ``prep`` a stretch of time ("in the sixteen weeks of protests", "for the first time in years")?"""
    return prep.lower_ in _SPAN_PREPS and any(c.dep_ == "pobj" and c.lemma_.lower() in _TIME_UNITS
                                              for c in prep.children)


def _subject_above(tok: Token, arcs: list[str]) -> Token | None:
    """The subject of the nearest verb governing ``tok``; none for an event noun set beside that verb's
    clause by a preposition of time or cause (``_BESIDE``)."""
    cur = tok
    noun = tok.pos_ in ("NOUN", "PROPN")
    for _ in range(8):
        subj = _child(cur, _SUBJ)
        if subj is not None and cur is not tok:
            arcs.append(f"subject of governing '{cur.text}'")
            return subj
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        if noun and cur.dep_ == "prep" and (cur.lower_ in _BESIDE or _span_of_time(cur)):
            return None
        # Reported speech: the speaker of "X said Y attacked Z" is not Y's actor.
        if cur.dep_ == "ccomp" and cur is not tok:
            return None
        cur = cur.head
    return None


def _recipient_above(tok: Token, preps: tuple[str, ...], actor_head: Token | None) -> Token | None:
    """A recipient phrase attached to a word governing the predicate ("resume a dialogue with X", "ready,
    including with X, to resume talks"), not crossing into reported speech."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i or cur.dep_ == "ccomp":
            return None
        cur = cur.head
        found = _prep_object(cur, preps)
        if found is not None and found is not actor_head:
            return found
    return None


def _including(tok: Token, head: Token) -> set[int]:
    """Tokens of an "including X" phrase that extends the argument ``head`` from elsewhere in the clause
    ("cooperation with any state, including NATO members": spaCy attaches it to the verb)."""
    out: set[int] = set()
    cur = tok
    for _ in range(5):
        for c in cur.children:
            if c.lower_ == "including" and c.i > head.i:
                out |= {t.i for t in c.subtree}
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i or cur.dep_ == "ccomp":
            break
        cur = cur.head
    return out


# Arcs searched, breadth first, for the party an act is aimed at when no argument slot names one: the
# act's complement clauses ("offered to hand over to X", "demanding that X abandon"), purpose clauses
# ("began a hunger strike to demand the resignation of X"), objects and their of/from/by/for/with/to
# phrases ("conceded to demands from X", "investigating crimes by X", "suspension of links with X"),
# possessors ("X's government") and party modifiers ("restrictions against German goods").
_CONTENT_DEPS = frozenset({"dobj", "obj", "dative", "prep", "pobj", "xcomp", "ccomp", "advcl", "pcomp", "poss",
                           "agent", "amod", "compound", "nmod", "conj", "appos", "acl"})
_CONTENT_PREPS = frozenset(_RECIPIENT_PREPS) | {"of", "by", "in", "over"}
# Under these, a place name is where the act happens ("talks in Minsk"; the place rule of ``events``
# decides whether it stands for the recipient), but a grievance or a conflict inside them can name the
# party ("in protest of X's refusal", "complained over Israeli air raids", "an offensive in its war with X").
_WHERE_PREPS = frozenset({"in", "at", "over", "on", "into"})
_PLACE_KINDS = frozenset({"country", "capital", "place"})
# Subjects count only below the predicate's own clause: "demanding that X abandon" (X), not the actor.
_CLAUSE_SUBJ = frozenset({"nsubj", "nsubjpass"})


def _joint(actor_toks: set[int], by_token: dict[int, ActorMention], tok: Token) -> bool:
    """The actor phrase conjoins different parties ("Russia and Belarus", "Hungarian and Romanian
    officials"), not one party named twice ("the Asia-Pacific Economic Cooperation (APEC)")."""
    doc = tok.doc
    if not any(doc[i].dep_ == "conj" for i in actor_toks):
        return False
    return len({m.actor.code for m in _mentions_in(actor_toks, by_token)}) > 1


def known(m: ActorMention) -> bool:
    """A party identified beyond its sector: a country, or an international organisation (no country
    by nature)."""
    return bool(m.actor.country) or (m.actor.code or "").startswith("IGO")


def _has_country(tokens: set[int], by_token: dict[int, ActorMention]) -> bool:
    return any(m.actor.country for m in _mentions_in(tokens, by_token))


def _content_clause(t: Token) -> bool:
    """``t`` heads a noun's content clause ("its demand that X grant more rights": an ``acl`` opened by the
    subordinator "that"), not a relative clause ("the demands that X rejected", where "that" is an argument)."""
    return t.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)


def _content_party(tok: Token, exclude: set[int], by_token: dict[int, ActorMention],
                   countried: bool, actor_codes: frozenset[str] = frozenset()) -> Token | None:
    """The nearest token below ``tok`` (breadth first over ``_CONTENT_DEPS``, subjects of complement
    clauses included) that carries a resolved party mention not in ``exclude`` (with ``countried``,
    one with a country) and not resolving to one of ``actor_codes`` (the actor named again); subjects
    count inside complement, purpose and noun content clauses ("demands that X grant ..."); None when
    there is none. Subtrees whose root is in ``exclude`` are not searched."""
    frontier = [tok]
    seen = {tok.i}
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        # "staged demonstrations to demand reforms by X": the purpose clause hangs on the carrying verb.
        frontier.append(tok.head)
        seen.add(tok.head.i)
    for _ in range(7):
        nxt: list[Token] = []
        for t in frontier:
            for c in t.children:
                if c.i in seen or c.i in exclude:
                    continue
                clause_subj = c.dep_ in _CLAUSE_SUBJ and t is not tok and (
                    t.dep_ in ("ccomp", "xcomp", "advcl") or _content_clause(t))
                # "the US-led war against X": the party leading an act named in the content is its party.
                leader = c.dep_ == "npadvmod" and _leads(t)
                if c.dep_ not in _CONTENT_DEPS and not clause_subj and not leader:
                    continue
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                    continue  # "conducted exercises and insisted that X ...": a separate act
                if c.dep_ == "prep" and c.lower_ not in _CONTENT_PREPS:
                    continue
                if c.dep_ == "pobj" and t.lower_ in _WHERE_PREPS and c.lemma_.lower() in PLACE_NOUNS:
                    continue  # "deployment on Belarus' territory": where, not whom
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ not in ("to", "so") for g in c.children):
                    continue  # "after they met X", "if X agrees": not the act's purpose
                seen.add(c.i)
                m = by_token.get(c.i)
                where = c.dep_ == "pobj" and t.lower_ in _WHERE_PREPS and m is not None and m.how in _PLACE_KINDS
                if m is not None and m.actor.resolved and c.pos_ != "PRON" and (m.actor.country or not countried) \
                        and not where and m.actor.code not in actor_codes:
                    return c
                nxt.append(c)
        frontier = nxt
    return None


# Prepositions by which a party phrase says where its members are or come from ("security forces in X",
# "students throughout X", "doctors from American aid groups", "supporters of X").
_ORIGIN_PREPS = frozenset({"in", "from", "throughout", "across", "of"})


def _of_place(head: Token, mentions: tuple[ActorMention, ...], by_token: dict[int, ActorMention],
              arcs: list[str], side: str) -> tuple[ActorMention, ...]:
    """``mentions`` of the argument headed by ``head``, qualified by the country of the party or place its
    origin phrase names when none of them has a country of its own: "security forces in Guinea" are
    Guinea's (code country + sector); a head that names no party ("doctors from American aid groups")
    becomes a party of that country. Unchanged when a mention has a country or no origin phrase names
    one."""
    if any(m.actor.country for m in mentions):
        return mentions
    origin: ActorMention | None = None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _ORIGIN_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                origin = next((m for m in _mentions_in(_arg_tokens(pobj), by_token) if m.actor.country), None)
        if origin is not None:
            break
    if origin is None:
        return mentions
    country = origin.actor.country
    arcs.append(f"{side} country from '{prep.text} {origin.text}'")
    if not mentions:
        phrase = head.doc[head.left_edge.i:head.i + 1]
        actor = Actor(code=country, country=country)
        return (ActorMention(text=phrase.text, start=phrase.start_char, end=phrase.end_char, actor=actor,
                             how="origin"),)
    out = []
    for m in mentions:
        sector = m.actor.sector
        code = f"{country}{sector}" if sector and sector != "IGO" else country
        out.append(replace(m, actor=Actor(code=code, country=country, sector=sector, name=m.actor.name),
                           how=f"{m.how}+origin"))
    return tuple(out)


# Verbs that say an event noun (their subject) happened: "a clash occurred", "an explosion took place",
# "fighting broke out", "the offensive began". They add nothing but time and place, so the noun's
# arguments may hang on them ("a clash occurred between X and Y").
_OCCUR = frozenset({"occur", "happen", "erupt", "begin", "start", "continue", "resume", "intensify", "escalate",
                    "rage", "unfold", "ensue"})
_OCCUR_PHRASAL = {"take": ("dobj", "place"), "break": ("prt", "out")}


def occurrence_verb(tok: Token) -> Token | None:
    """The verb of occurrence whose subject the noun ``tok`` is ("a clash occurred", "an explosion took
    place", "fighting broke out"), or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "nsubj" or tok.head.i == tok.i:
        return None
    verb = tok.head
    lemma = verb.lemma_.lower()
    if lemma in _OCCUR:
        return verb
    need = _OCCUR_PHRASAL.get(lemma)
    if need is not None and any(c.dep_ == need[0] and c.lower_ == need[1] for c in verb.children):
        return verb
    return None


def _noun_agent(tok: Token, by_token: dict[int, ActorMention], arcs: list[str]) -> Token | None:
    """The actor of an event noun named by a phrase rather than a possessor: its by-phrase ("an
    offensive by Russian forces", "protests by students"), or the between/among-phrase of the verb
    of occurrence it is the subject of ("a clash occurred between X and Y": the parties are actors, and
    each other's recipients when they are different parties). Only a phrase naming a party counts."""
    head = _prep_object(tok, ("by",))
    if head is not None and _mentions_in(_arg_tokens(head), by_token):
        arcs.append("actor=by-phrase of the noun")
        return head
    verb = occurrence_verb(tok)
    if verb is not None:
        head = _prep_object(verb, ("between", "among", "by"))
        if head is not None and _mentions_in(_arg_tokens(head), by_token):
            arcs.append(f"actor=pobj({head.head.text}) of '{verb.text}'")
            return head
    return None


_OF_ACT = "recipient=pobj(of) of the act asked for"


def _undergoer(tok: Token) -> Token | None:
    """The subject of the verb that puts the event noun ``tok`` "under" someone ("X was put under
    investigation", "X came under attack", "placed under arrest"): the party the act is done to; else None."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "under" or tok.head.dep_ != "prep":
        return None
    verb = tok.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return _child(verb, _PASS_SUBJ + _SUBJ)


def _without(by_token: dict[int, ActorMention], drop: set[int]) -> dict[int, ActorMention]:
    """``by_token`` less the tokens in ``drop`` (the same mapping when there are none)."""
    return {i: m for i, m in by_token.items() if i not in drop} if drop else by_token


def _without_own_possessives(by_token: dict[int, ActorMention], actor_toks: set[int],
                             tok: Token) -> dict[int, ActorMention]:
    """``by_token`` without possessive pronouns outside the actor phrase ``actor_toks`` that name the actor
    (a party of a known country) again ("offered its troops to X", "restrictions on its labour market"):
    the actor's own things are not a counterpart of its act."""
    codes = {m.actor.code for m in _mentions_in(actor_toks, by_token) if m.actor.code}
    doc = tok.doc
    return _without(by_token, {i for i, m in by_token.items() if i not in actor_toks and m.actor.country
                               and doc[i].pos_ == "PRON" and doc[i].dep_ == "poss" and m.actor.code in codes})


# Nouns a demonym describes without naming a party: a language or a script ("the use of the Russian
# language" is about the language, not about Russia).
NON_PARTY_NOUNS = frozenset({"language", "languages", "tongue", "dialect", "alphabet", "script", "accent",
                             "spelling", "literature", "poetry", "cuisine"})


def _without_descriptors(by_token: dict[int, ActorMention], tok: Token) -> dict[int, ActorMention]:
    """``by_token`` without demonyms modifying a noun in ``NON_PARTY_NOUNS`` ("the Russian language"): such a
    modifier says what kind of thing the noun is, it names no party to the act."""
    doc = tok.doc
    return _without(by_token, {i for i, m in by_token.items() if m.how == "demonym" and doc[i].dep_ in (
        "amod", "compound") and doc[i].head.lemma_.lower() in NON_PARTY_NOUNS})


def frame(tok: Token, entry: Entry, by_token: dict[int, ActorMention]) -> Frame:
    """Actor and recipient mentions of the event whose predicate is ``tok``."""
    arcs: list[str] = []
    by_token = _without_descriptors(by_token, tok)
    actor_head: Token | None = None
    recip_head: Token | None = None
    is_noun = tok.pos_ in ("NOUN", "PROPN")

    undergoer = _undergoer(tok) if is_noun else None
    if undergoer is not None:
        # "X was put under investigation", "X came under attack from Y": X undergoes the act.
        recip_head = undergoer
        arcs.append(f"recipient=subject of '{tok.head.head.text} under'")
        actor_head = _prep_object(tok, ("by", "from")) or _prep_object(tok.head.head, ("by", "from"))
        if actor_head is None:
            agent = _child(tok.head.head, ("agent",))
            actor_head = _child(agent, ("pobj",)) if agent is not None else None
        if actor_head is not None:
            arcs.append("actor=by/from-phrase")
    elif is_noun:
        actor_head = _child(tok, ("poss",)) if entry.recipient != "poss" else None
        if actor_head is not None:
            arcs.append("actor=poss")
        else:
            # "Russian shelling": a demonym or place modifier is the actor; "military cooperation" is not.
            mod = next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i in by_token
                        and by_token[c.i].how in _PARTY_KINDS), None)
            if mod is not None:
                actor_head = mod
                arcs.append(f"actor={mod.dep_}")
        if actor_head is None:
            actor_head = _noun_agent(tok, by_token, arcs)
    else:
        agent = _child(tok, ("agent",))
        passive = _child(tok, _PASS_SUBJ)
        if passive is not None and passive.lemma_.lower() in entry.object:
            # "Sanctions were imposed on Iran": the passive subject is the event noun, not the recipient.
            passive = None
            arcs.append("passive subject is the entry's object")
            if agent is not None:
                actor_head = _child(agent, ("pobj",))
                arcs.append("actor=agent")
        elif passive is not None and entry.event_type == "MOBILIZE" and agent is None:
            # "Polish troops were deployed to the border": the forces moved are the actor's own, so with no
            # agent named they stand for the actor (manual: the recipient is whom the move threatens).
            actor_head = passive
            arcs.append("actor=nsubjpass (the forces mobilized)")
        elif passive is not None:
            recip_head = passive
            arcs.append("recipient=nsubjpass")
            if agent is not None:
                actor_head = _child(agent, ("pobj",))
                arcs.append("actor=agent")
        else:
            actor_head = _child(tok, _SUBJ)
            if actor_head is not None:
                arcs.append("actor=nsubj")
    if actor_head is None and entry.recipient != "poss" and undergoer is None:
        actor_head = _subject_above(tok, arcs)
    if actor_head is not None:
        by_token = _without_own_possessives(by_token, _arg_tokens(actor_head), tok)

    if recip_head is None and entry.recipient == "poss":
        # "their aggressive rhetoric": the possessor is the one accused.
        # The accuser is whoever says so: the sentence's speaker, filled in by the caller.
        recip_head = _child(tok, ("poss",))
        if recip_head is not None:
            arcs.append("recipient=poss")
    if recip_head is None and entry.recipient not in ("none", "poss"):
        preps = entry.prep or _RECIPIENT_PREPS
        if entry.event_type == "AGREE" and not entry.prep:
            # "agreed on X", "an agreement on X": what is agreed, not with whom.
            preps = tuple(p for p in preps if p != "on")
        obj = _child(tok, ("dobj", "obj"))
        cands: list[tuple[Token | None, str]] = []
        if entry.recipient != "prep" and not is_noun and obj is not None and obj.lemma_.lower() not in entry.object:
            # "held talks with X": the object is the event noun itself, the recipient is the with-phrase.
            cands.append((obj, "recipient=dobj"))
        cands.append((_prep_object(tok, preps), "recipient=pobj"))
        if obj is not None and obj.lemma_.lower() in entry.object:
            # "demanded the withdrawal of X's forces from Y", "demanded a meeting of the Council": the
            # party whose act is demanded (the of-phrase) before the act's own arguments.
            cands.append((_prep_object(obj, ("of",)), _OF_ACT))
            cands.append((_prep_object(obj, preps), "recipient=pobj"))
        cands.append((_recipient_above(tok, preps, actor_head), "recipient=pobj"))
        occurs = occurrence_verb(tok)
        if occurs is not None:
            # "an attack took place against X": the occurrence verb carries the noun's arguments.
            cands.append((_prep_object(occurs, preps), "recipient=pobj"))
        found = [(h, why) for h, why in cands if h is not None]
        actor_set = _arg_tokens(actor_head) if actor_head is not None else set()
        # A phrase that names no party ("gave the Ivory Coast 5.1 million dollars": the object is the
        # amount) does not stand in the way of one that does; nor does one naming only a sector with no
        # country ("offered its troops to Lebanon's president": the troops are what is offered) when a
        # slot or the act's content names a party of a known country.
        def phrase(h: Token) -> set[int]:
            return _arg_tokens(h) | _including(tok, h)

        # Where the content is searched: not for a joint event ("Russia and Ukraine exchanged prisoners":
        # the conjoined parties are each other's counterparts, below), and for MOBILIZE not inside the
        # forces moved ("mobilized reservists for a war against X": X, not the reservists).
        actor_mentions = _mentions_in(actor_set, by_token)
        search = not _joint(actor_set, by_token, tok)
        skip = set(actor_set)
        if obj is not None and entry.event_type == "MOBILIZE":
            skip.add(obj.i)
        codes = frozenset(m.actor.code for m in actor_mentions if m.actor.code)
        # The direct object naming an international organisation ("vetoed a Security Council resolution")
        # is the act's counterpart as much as one naming a country.
        countried = next(((h, why) for h, why in found if _has_country(phrase(h), by_token) or (
            why in ("recipient=dobj", _OF_ACT) and any(m.how == "igo" for m in _mentions_in(phrase(h), by_token)))),
            None)
        if countried is None and search:
            deep = _content_party(tok, skip, by_token, countried=True, actor_codes=codes)
            if deep is not None:
                countried = (deep, f"recipient=party inside the act's content ('{deep.text}')")
        named = countried or next(((h, why) for h, why in found
                                   if why != _OF_ACT and _mentions_in(phrase(h), by_token)), None)
        if named is None and search:
            deep = _content_party(tok, skip, by_token, countried=False, actor_codes=codes)
            if deep is not None:
                named = (deep, f"recipient=party inside the act's content ('{deep.text}')")
        if named is not None:
            recip_head = named[0]
            arcs.append(named[1] if named[1] != "recipient=pobj" else f"recipient=pobj({recip_head.head.text})")

    actor_toks = _arg_tokens(actor_head) if actor_head is not None else set()
    recip_toks = _arg_tokens(recip_head) | _including(tok, recip_head) if recip_head is not None else set()
    actors = _mentions_in(actor_toks, by_token)
    if actor_head is not None:
        actors = _of_place(actor_head, actors, by_token, arcs, "actor")
    recips = tuple(m for m in _mentions_in(recip_toks, by_token) if m not in actors)
    if recip_head is not None and recips:
        recips = _of_place(recip_head, recips, by_token, arcs, "recipient")
    if not recips and entry.recipient != "none" and _mutual(tok, entry) and _joint(actor_toks, by_token, tok):
        # "Russia and Belarus held talks": one joint event with every party as an actor, as PLOVER codes
        # it; talks are held with each other, so each party is also the other's counterpart and every
        # dyad (RUS->BLR, BLR->RUS) can be found without a second event. A joint act of another kind
        # ("Jordan and Britain agreed to hold exercises", "signed a treaty") has the parties as actors
        # only: what they agree on or sign is the act's content, not a counterpart (PLOVER usage).
        recips = actors
        arcs.append("reciprocal: conjoined subjects of talks are actors and each other's recipients")
    return Frame(actors, recips, tuple(arcs), frozenset(actor_toks | recip_toks))


# Verbs that report what someone holds must happen ("said that Iran must release ...").
_REPORT = frozenset({"say", "declare", "state", "reiterate", "insist", "stress", "tell", "add", "warn",
                     "repeat", "maintain", "argue", "emphasize", "emphasise", "announce", "write"})


def must_clause(tok: Token) -> Token | None:
    """The reporting verb above ``tok`` when ``tok`` heads a reported "must" clause ("X said that Y must
    do Z": a demand by X of Y, PLOVER REQUEST), else None."""
    if not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return None
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _REPORT:
        return tok.head
    return None


def demand_frame(clause: Token, reporter: Token, by_token: dict[int, ActorMention]) -> Frame:
    """Actor and recipient of a reported "must" demand: the reporter's subject demands of the clause's
    subject."""
    subj = _child(reporter, _SUBJ)
    target = _child(clause, _SUBJ + _PASS_SUBJ)
    actor_toks = _arg_tokens(subj) if subj is not None else set()
    recip_toks = _arg_tokens(target) if target is not None else set()
    actors = _mentions_in(actor_toks, by_token)
    recips = tuple(m for m in _mentions_in(recip_toks, by_token) if m not in actors)
    arcs = ("actor=subject of reporting verb", "recipient=subject of the must-clause")
    return Frame(actors, recips, arcs, frozenset(actor_toks | recip_toks))
