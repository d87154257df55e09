"""Light coreference on hand-built Docs: pronouns, "the country" and "the minister" take their antecedent."""

from __future__ import annotations

from handbuilt import VOCAB
from spacy.tokens import Doc

from eventwire.actors.coref import WINDOW, _plural, resolve
from eventwire.records import Actor, ActorMention

RUIZ = Actor(code="SYLGOV", country="SYL", sector="GOV", name="Ana Ruiz")
SYLVANIA = Actor(code="SYL", country="SYL", sector=None, name="Sylvania")
MINISTER = Actor(code="GOV", country=None, sector="GOV", name=None)


def _doc(sentences: list[list[tuple[str, str]]]) -> Doc:
    """Sentences of (word, dep) pairs; every word is followed by a space, each sentence's last word is
    its root and the others hang on it."""
    words, deps, heads, starts = [], [], [], []
    for sent in sentences:
        root = len(words) + len(sent) - 1
        for k, (word, dep) in enumerate(sent):
            words.append(word)
            deps.append(dep)
            heads.append(root)
            starts.append(k == 0)
    return Doc(VOCAB, words=words, deps=deps, heads=heads, sent_starts=starts)


def _mention(doc: Doc, i: int, j: int, actor: Actor, how: str) -> ActorMention:
    span = doc[i:j]
    return ActorMention(span.text, span.start_char, span.end_char, actor, how)


def _found(doc: Doc, mentions: list[ActorMention]) -> dict[str, str | None]:
    return {m.text: m.actor.code for m in resolve(doc, mentions) if m.how == "coref"}


def test_he_and_the_country_and_its_take_their_antecedents():
    doc = _doc([
        [("Ruiz", "nsubj"), ("left", "ROOT")],
        [("Sylvania", "nsubj"), ("objected", "ROOT")],
        [("its", "poss"), ("army", "nsubj"), ("moved", "ROOT")],
        [("he", "nsubj"), ("said", "ROOT")],
        [("the", "det"), ("country", "nsubj"), ("waits", "ROOT")],
    ])  # fmt: skip
    found = _found(doc, [_mention(doc, 0, 1, RUIZ, "official"), _mention(doc, 2, 3, SYLVANIA, "country")])
    assert found == {"he": "SYLGOV", "the country": "SYL", "its": "SYL"}


def test_a_bare_role_takes_the_person_last_named_with_that_role():
    doc = _doc([
        [("Ruiz", "nsubj"), ("left", "ROOT")],
        [("the", "det"), ("minister", "nsubj"), ("returned", "ROOT")],
    ])  # fmt: skip
    out = resolve(doc, [_mention(doc, 0, 1, RUIZ, "official"), _mention(doc, 3, 4, MINISTER, "role")])
    assert [(m.text, m.actor.code, m.how) for m in out] == [("Ruiz", "SYLGOV", "official"),
                                                           ("minister", "SYLGOV", "coref")]


def test_a_pronoun_too_far_from_its_antecedent_stays_unresolved():
    doc = _doc([[("Ruiz", "nsubj"), ("left", "ROOT")],
                *[[("rain", "nsubj"), ("fell", "ROOT")] for _ in range(WINDOW + 1)],
                [("he", "nsubj"), ("said", "ROOT")]])
    assert _found(doc, [_mention(doc, 0, 1, RUIZ, "official")]) == {}


def test_a_pronoun_inside_a_known_mention_is_left_alone_and_text_order_is_kept():
    doc = _doc([[("Ruiz", "nsubj"), ("left", "ROOT")], [("he", "nsubj"), ("said", "ROOT")]])
    named = _mention(doc, 2, 3, RUIZ, "person")
    out = resolve(doc, [named, _mention(doc, 0, 1, RUIZ, "official")])
    assert [m.start for m in out] == sorted(m.start for m in out) and named in out
    assert all(m.how != "coref" for m in out)


def test_a_mention_over_whitespace_only_is_no_group_and_no_error():
    doc = Doc(VOCAB, words=["Ann", "met", "Bob"], spaces=[True, True, False])
    assert _plural(doc, ActorMention(" ", 3, 4, Actor(), "role")) is False
