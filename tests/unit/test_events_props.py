"""Properties of event coding on generated hand-built parses: every event's offsets lie inside the
text and spell its trigger, its place (if any) is a span of the text, and its codes are valid PLOVER
and CAMEO values."""

from __future__ import annotations

from typing import Any

import spacy
from handbuilt import NoKB
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire import events
from eventwire.events import lexicon, ontology
from eventwire.records import PLOVER_TYPES, Article

_VOCAB = spacy.blank("en").vocab
_LEX = lexicon.load()
_ONTO = ontology.load()
_VERBS = sorted({lemma for (lemma, pos) in _LEX.by_key if pos == "VERB" and lemma.isalpha()})
_NOUNS = sorted({lemma for (lemma, pos) in _LEX.by_key if pos == "NOUN" and lemma.isalpha()})
_PREPS = ["in", "near", "on", "with", "against", "to", "of", "for", "at", "from"]
_PLACES = ["Port Vela", "Ruritania", "the capital", "Elbonia City", "Freedonia"]
_SUBJECTS = ["Troops", "The minister", "Protesters", "Ruritania", "Police"]
_AUX = [None, "will", "could", "must", "did not"]
_MODES = {m for t in _ONTO.types.values() for m in t.modes}


class _NoKB(NoKB):
    def lookup_name(self, text: str, on: Any = None) -> None:
        return None


_CODER = events.Coder(lexicon=_LEX, ontology=_ONTO, kb=_NoKB())  # type: ignore[arg-type]


def _sentence(subj: str, aux: str | None, verb: str, obj: str, prep: str, place: str) -> Doc:
    """SUBJ [AUX] VERB the OBJ PREP PLACE . with a plausible dependency parse."""
    words: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    pos: list[str] = []
    lemmas: list[str] = []
    ents: list[str] = []

    def add(word: str, head: int, dep: str, p: str, ent: str = "O") -> int:
        words.append(word)
        heads.append(head)
        deps.append(dep)
        pos.append(p)
        lemmas.append(word.lower() if p != "VERB" else verb)
        ents.append(ent)
        return len(words) - 1

    subj_words = subj.split()
    n_subj = len(subj_words)
    n_aux = len(aux.split()) if aux else 0
    v = n_subj + n_aux
    for k, w in enumerate(subj_words):
        last = k == n_subj - 1
        add(w, v if last else n_subj - 1, "nsubj" if last else "det", "PROPN" if w[0].isupper() and last
            else ("NOUN" if last else "DET"), "B-GPE" if w == "Ruritania" else "O")
    for w in (aux or "").split():
        add(w, v, "neg" if w == "not" else "aux", "PART" if w == "not" else "AUX")
    add(verb, v, "ROOT", "VERB")
    add("the", v + 2, "det", "DET")
    add(obj, v, "dobj", "NOUN")
    p = add(prep, v, "prep", "ADP")
    place_words = place.split()
    for k, w in enumerate(place_words):
        last = k == len(place_words) - 1
        tag = "O" if w == "the" else ("B-GPE" if k == 0 or (place_words[0] == "the" and k == 1) else "I-GPE")
        add(w, p if last else p + len(place_words), "pobj" if last else ("det" if w == "the" else "compound"),
            "DET" if w == "the" else ("NOUN" if w.islower() else "PROPN"), tag)
    add(".", v, "punct", "PUNCT")
    spaces = [i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))]
    return Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents,
               sent_starts=[i == 0 for i in range(len(words))])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_SUBJECTS), st.sampled_from(_AUX), st.sampled_from(_VERBS), st.sampled_from(_NOUNS),
       st.sampled_from(_PREPS), st.sampled_from(_PLACES))
def test_events_are_valid(subj: str, aux: str | None, verb: str, obj: str, prep: str, place: str) -> None:
    doc = _sentence(subj, aux, verb, obj, prep, place)
    text = doc.text
    for e in events.code(doc, Article(id="p", text=text), (), _CODER):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.trigger
        assert e.sentence_start <= e.start and e.end <= e.sentence_end
        assert e.event_type in PLOVER_TYPES
        assert e.quad_class == _ONTO.types[e.event_type].quad_class
        assert e.mode is None or e.mode in _ONTO.types[e.event_type].modes
        assert e.mode is None or e.mode in _MODES
        assert e.cameo is None or e.cameo in _ONTO.cameo
        assert e.modality in ("asserted", "intended", "hypothetical", "conditional", "demanded", "denied")
        assert 0.0 <= e.confidence <= 1.0
        if e.location is not None:
            assert text[e.location.start:e.location.end] == e.location.text
