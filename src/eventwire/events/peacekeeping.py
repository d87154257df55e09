"""Peacekeeping: forces moved or arriving for a peacekeeping mission.

The CAMEO->PLOVER table codes providing peacekeeping forces as AID (``074``, context peacekeeping) and
receiving a deployment of peacekeepers as RETREAT ``access`` (``0861``, the host lets them in; the manual's
RETREAT includes "allowing the entry of ... peacekeepers"). So a MOBILIZE whose arguments say the forces
are peacekeepers or go on a peacekeeping mission ("sent 200 troops ... to serve as a peacekeeping force",
"deployment of troops to X on a peacekeeping mission") is the sender's AID, and peacekeepers arriving in
or entering a country ("peacekeeping troops arrived in X", "troops arrived in X to join the UN
peacekeeping mission") are that country's RETREAT, with the peacekeepers' side as recipient.

``mentions(tok)`` and ``arrival(tok)`` read the parse only; the coder swaps actor and recipient of an
arrival (:data:`RECEIVED`) once the place is known.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.lexicon import Entry

PROVIDED = Entry(lemma="deploy", pos="VERB", event_type="AID", cameo="074", recipient="prep",
                 note="forces moved for a peacekeeping mission provide peacekeeping (table 074)")
RECEIVED = Entry(lemma="arrive", pos="VERB", event_type="RETREAT", mode="access", cameo="0861", recipient="prep",
                 note="peacekeepers arriving in a country: the host receives them (table 0861)")
# Verbs of arrival whose subject may be peacekeepers.
ARRIVE = frozenset({"arrive", "enter"})
# Argument arcs whose phrases may say that forces are peacekeepers or what they are sent for.
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "prep", "dative", "npadvmod", "attr", "oprd", "agent"})


def _says_peacekeeping(head: Token) -> bool:
    """The phrase under ``head`` has "peacekeeper(s)", "peacekeeping" or "peace-keeping" in it."""
    for t in head.subtree:
        if t.lower_.startswith("peacekeep"):
            return True
        if t.lower_ == "keeping" and t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "peace":
            return True
    return False


def _purpose(c: Token) -> bool:
    """``c`` is an infinitival purpose clause ("to join the UN peacekeeping mission")."""
    return c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)


def mentions(tok: Token) -> bool:
    """The arguments of ``tok`` (subject, objects, prepositional phrases, purpose clause) say the forces
    are peacekeepers or go on a peacekeeping mission (for an object noun, also the phrases after it on its
    verb); reported speech, conjoined clauses and relative clauses do not count."""
    if any((c.dep_ in _ARG_DEPS or _purpose(c)) and _says_peacekeeping(c) for c in tok.children):
        return True
    # "announced the deployment of troops to X on a peacekeeping mission": the parser often hangs the
    # mission phrase on the verb whose object the event noun is, so that verb's later phrases count too.
    return tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and any(
        c.dep_ == "prep" and c.i > tok.i and _says_peacekeeping(c) for c in tok.head.children)


def arrival(tok: Token) -> bool:
    """``tok`` is a verb of arrival ("arrived", "entered") whose subject is peacekeepers ("peacekeeping
    troops", "contingents of peacekeepers") or whose purpose clause is a peacekeeping mission ("troops
    arrived in X to join the UN peacekeeping mission")."""
    if tok.lemma_.lower() not in ARRIVE or tok.pos_ != "VERB":
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    return _says_peacekeeping(subj) or any(_purpose(c) and _says_peacekeeping(c) for c in tok.children)
