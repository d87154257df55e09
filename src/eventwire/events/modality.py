"""Modality and negation of an event predicate, read from the words that govern it.

``modality(token)`` walks from the predicate up its chain of heads (xcomp, acomp, prep, pobj,
advcl, ccomp ... up to the clause that is not reported speech) and returns
``(modality, negated, reason)``:

- ``denied``: governed by a denial or refusal ("denied sending troops", "refused to withdraw",
  "cancelled the visit"); negated is true.
- ``hypothetical``: also for what is only threatened ("threatened to invade").
- ``demanded``: governed by a demand verb ("urged Iran to release ...").
- ``intended``: governed by intent words ("ready to", "open to", "plans to", "will"); ``conditional``
  instead when the intent carries a condition ("open to talks if ...").
- ``hypothetical``: a modal of possibility (could, might, may, would).
- ``hypothetical``: a yes/no question ("Did the ministry approve the deal?"; see ``polar_question``).
- ``conditional``: the predicate's clause carries a condition ("if", "provided", "unless").
- ``asserted`` otherwise. ``negated`` is true when a "not"/"never"/"no" attaches to the predicate or
  to the verb that carries it.
"""

from __future__ import annotations

from spacy.tokens import Token

INTENT = frozenset({"ready", "open", "willing", "prepared", "plan", "intend", "aim", "want", "seek", "hope",
                    "pledge", "promise", "vow", "expect", "offer", "propose", "agree", "decide", "eager",
                    "keen", "determined", "commit", "poised", "set", "prepare", "try", "attempt", "swear",
                    "consider", "contemplate", "mull", "weigh"})
DEMAND = frozenset({"urge", "demand", "call", "ask", "press", "insist", "appeal", "request", "order",
                    "require", "force", "push", "pressure", "pressurise", "pressurize"})
DENY = frozenset({"deny", "refute", "dismiss", "refuse", "decline", "reject", "cancel", "abandon", "fail"})
# "threatened to invade": the invasion is a threat, not a fact.
THREAT = frozenset({"threaten", "warn"})
HYPOTHETICAL = frozenset({"could", "might", "may", "would", "should"})
FUTURE = frozenset({"will", "shall", "'ll"})
CONDITION = frozenset({"if", "provided", "unless", "providing", "once", "whether", "case"})
NEGATION = frozenset({"not", "n't", "never", "no"})
# Relations through which a governing word's modality reaches the predicate below it.
_CHAIN = frozenset({"xcomp", "acomp", "prep", "pobj", "dobj", "ccomp", "advcl", "conj", "attr", "pcomp",
                    "relcl", "acl", "nsubj", "oprd", "amod", "compound"})
SAY = frozenset({"say", "tell", "state", "add", "announce", "declare", "claim", "report", "note", "stress",
                  "emphasize", "emphasise", "warn", "insist"})


# Forms the small English lemmatizer gets wrong in news: "hoped"/"hopes" come out as "hop".
_LEMMA_FIX = {"hoped": "hope", "hopes": "hope"}


def _lemma(tok: Token) -> str:
    """``tok``'s lowercase lemma, corrected for the forms in ``_LEMMA_FIX``."""
    return _LEMMA_FIX.get(tok.lower_, tok.lemma_.lower())


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.lower_ in NEGATION and c.dep_ in ("neg", "det", "advmod")) for c in tok.children):
        return True
    return tok.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in tok.head.children)


def _condition(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "advcl":
            for m in c.children:
                if m.dep_ in ("mark", "prep", "advmod") and m.lower_ in CONDITION:
                    return m.lower_
    # "provided they stop": spaCy often parses "provided" as the verb of the advcl.
    for c in tok.children:
        if c.dep_ in ("advcl", "prep") and c.lower_ in ("provided", "providing"):
            return c.lower_
    # "in case of aggression": the predicate is the object of "in case of".
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "case":
        return "in case of"
    return None


# Denial words that refuse or call off an act, as opposed to denying a claim ("denied sending troops").
REFUSE = frozenset({"refuse", "decline", "reject", "fail"})
CALL_OFF = frozenset({"cancel", "abandon"})


# Words that state readiness or willingness to act: with a cooperative act below them they make an AGREE.
READY = frozenset({"ready", "open", "willing", "prepared", "eager", "keen", "determined", "poised"})


def intent_word(tok: Token) -> Token | None:
    """The readiness word (``READY``) governing ``tok`` through the modality chain, if any."""
    cur = tok
    for _ in range(6):
        if cur is not tok and cur.lemma_.lower() in READY:
            return cur
        if cur is not tok and cur.lemma_.lower() in SAY:
            return None
        if cur.dep_ not in _CHAIN or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


# An attempted act happened (and failed), it is not merely intended: "tried to hack", "attempt to kill".
ATTEMPT = frozenset({"try", "attempt"})


def governed_by(tok: Token, lemmas: frozenset[str]) -> Token | None:
    """The nearest word above ``tok`` in the modality chain whose lemma is in ``lemmas``."""
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CHAIN or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.lemma_.lower() in lemmas:
            return cur
        if cur.lemma_.lower() in SAY:
            return None
    return None


def denier(tok: Token) -> Token | None:
    """The denial word (``DENY``) that governs ``tok`` through the modality chain, if any."""
    cur = tok
    for _ in range(8):
        if cur is not tok:
            lemma = _lemma(cur)
            if lemma in DENY:
                return cur
            if lemma in SAY or lemma in INTENT or lemma in DEMAND or lemma in THREAT:
                return None
        if cur.dep_ not in _CHAIN or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def modality(tok: Token) -> tuple[str, bool, str]:
    """(modality, negated, reason) for the predicate ``tok``."""
    negated = _negated(tok)
    cur = tok
    cond = _condition(tok)
    steps = 0
    while steps < 8:
        steps += 1
        for c in cur.children:
            if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL:
                if cur.i == tok.i and backshifted(tok) and cond is None:
                    return "intended", negated, f"future '{c.text}' reported by '{tok.head.text}'"
                return "hypothetical", negated, f"modal '{c.text}'"
            if c.dep_ == "aux" and c.lower_ in FUTURE and cur.i == tok.i:
                return "intended", negated, f"future '{c.text}'"
        if cur is not tok:
            lemma = _lemma(cur)
            if lemma in DENY:
                return "denied", True, f"under '{cur.text}'"
            if lemma in THREAT:
                return "hypothetical", negated, f"threatened under '{cur.text}'"
            if lemma in DEMAND:
                return "demanded", negated, f"under '{cur.text}'"
            if lemma in INTENT:
                # "open to releasing them, provided that ...": a stated intent with a condition.
                cond = cond or _condition(cur) or (_condition(cur.head) if cur.head.i != cur.i else None)
                if cond:
                    return "conditional", negated, f"under '{cur.text}', condition '{cond}'"
                return "intended", negated, f"under '{cur.text}'"
            if lemma in SAY:
                break
            if _negated(cur) and cur.dep_ != "ROOT":
                negated = True
        cond = cond or _condition(cur)
        if cur.dep_ not in _CHAIN or cur.head.i == cur.i:
            break
        cur = cur.head
    if polar_question(cur):
        return "hypothetical", negated, f"yes/no question on '{cur.text}'"
    if cond:
        return "conditional", negated, f"condition '{cond}'"
    return "asserted", negated, "no modal marker"


# Question words: a question they open presupposes its event ("Why did the army attack the town?").
_WH = frozenset({"who", "whom", "whose", "what", "which", "when", "where", "why", "how"})
_CLOSING = frozenset({'"', "'", "”", "’", "»", ")", "]"})


def polar_question(clause: Token) -> bool:
    """Is ``clause`` (a verb heading its sentence's clause) asked as a yes/no question: its sentence
    ends in "?" and an auxiliary comes before its subject ("Did the ministry approve the deal?", "Has
    it been approved?", "Is the border closed?"), with no question word before it? Such a question
    asserts nothing; a wh-question presupposes its event and is left alone."""
    sent = clause.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in _CLOSING), None)
    if last is None or last.text != "?":
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return False
    inverted = clause.pos_ == "AUX" and clause.i < subject.i
    aux = next((c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < subject.i), None)
    first = clause if inverted else aux
    if first is None:
        return False
    return not any(t.lower_ in _WH for t in sent if t.i < first.i)


# Prepositions by which "agree" names what is agreed on ("agreed with X on a truce", "agreed to talks").
_AGREED_ON = frozenset({"on", "upon", "to", "over"})


# What one agrees with when one sides with an opinion rather than settles an act with a party.
_VIEWS = frozenset({"view", "assessment", "recommendation", "finding", "conclusion", "analysis", "opinion",
                    "sentiment", "statement", "comment", "remark", "argument", "notion", "idea", "premise",
                    "criticism", "characterization", "characterisation", "verdict", "point", "what"})


def shared_view(tok: Token) -> bool:
    """``tok`` is "agree with" a party or an opinion and nothing agreed on: "said they agree with X that
    ...", "agreed with the recommendation". Siding with a view is a statement (CAMEO 01), not PLOVER's
    AGREE, which commits to a future act: "agreed with X on a ceasefire", "agreed with X to hold talks"
    and "agreed a deal with X" name the act and stay AGREE. A past "agreed with X that Y should host the
    talks" reports an agreement reached, so with a party (not an opinion) only the present tense ("they
    agree with X that ...") is a view."""
    if tok.lemma_.lower() != "agree" or tok.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(tok.children)
    # The with-phrase follows the verb: a fronted "With the approval of X, Y agreed ..." is circumstance.
    withs = [g for c in kids if c.dep_ == "prep" and c.lower_ == "with" and c.i > tok.i
             for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if not withs:
        return False
    if tok.tag_ not in ("VBP", "VBZ") and not any(
            g.lemma_.lower() in _VIEWS or any(d.lemma_.lower() in _VIEWS for d in g.subtree) for g in withs):
        return False
    for c in kids:
        if c.dep_ in ("prep", "dative") and c.lower_ in _AGREED_ON:
            return False
        if c.dep_ in ("dobj", "obj", "xcomp"):
            return False
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return False
    return True


# Past forms of a reporting verb, and the auxiliaries of its perfect ("has said").
_PAST_TAGS = frozenset({"VBD", "VBN"})


def backshifted(tok: Token) -> bool:
    """``tok`` carries a "would" that is the reported form of "will": its clause is the complement of a
    speech verb in the past ("X said it would release them", "has said they would withdraw"), where
    English shifts "will" back. "X says it would welcome talks" (present report) stays hypothetical."""
    if tok.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in tok.children):
        return False
    head = tok.head
    if head.lemma_.lower() not in SAY:
        return False
    return head.tag_ in _PAST_TAGS or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children)
