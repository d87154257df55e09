"""``eventwire.nlp.focus``: entities recognised only in the sentences the stages can use, copied back onto
the whole Doc at the right tokens; and the three stages' ``focus`` masks, on hand-built Docs (no model).
The last test runs the real pipeline both ways on one article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pytest
import spacy
from handbuilt import VOCAB
from spacy.tokens import Doc, Span

from eventwire import actors, events, quotes
from eventwire.nlp import focus


def _sentences(*sents: list[str]) -> Doc:
    """A Doc of the given sentences (lists of words, spaces between them)."""
    words = [w for s in sents for w in s]
    starts = [i == 0 for s in sents for i in range(len(s))]
    return Doc(VOCAB, words=words, sent_starts=starts)


class CapitalisedNER:
    """A stand-in recogniser: every capitalised word that does not start a sentence is a PERSON. It
    records the Docs it is given, so a test can see what the real recogniser would have read."""

    def __init__(self) -> None:
        self.seen: list[Doc] = []

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterator[Doc]:
        for doc in docs:
            self.seen.append(doc)
            doc.set_ents([Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
                          if t.text[:1].isupper() and not t.is_sent_start], default="outside")
            yield doc


def _mask_words(*words: str) -> focus.Focus:
    return lambda doc: np.array([t.text in words for t in doc], dtype=bool)


def test_kept_tokens_are_whole_sentences_holding_a_marked_token() -> None:
    doc = _sentences(["It", "rained", "."], ["Ann", "met", "Bob", "."], ["Nothing", "else", "."])
    mask = np.zeros(len(doc), dtype=bool)
    mask[4] = True  # "met"
    assert focus.kept_tokens(doc, mask).tolist() == [3, 4, 5, 6]
    assert focus.kept_tokens(doc, np.zeros(len(doc), dtype=bool)).tolist() == []


def test_entities_come_back_at_their_tokens_and_skipped_sentences_have_none() -> None:
    doc = _sentences(["Then", "Carl", "slept", "."], ["Ann", "met", "Bob", "."], ["Later", "Dan", "left", "."],
                     ["So", "Eve", "met", "Fay", "."])
    ner = CapitalisedNER()
    (out,) = focus.recognise([doc], ner, _mask_words("met"), batch_size=8)
    assert [(e.text, e.start, e.label_) for e in out.ents] == [("Bob", 6, "PERSON"), ("Eve", 13, "PERSON"),
                                                               ("Fay", 15, "PERSON")]
    # Every token of a skipped sentence is outside any entity, as after a run that found none there.
    assert {t.ent_iob_ for t in out[0:4]} == {"O"} and {t.ent_iob_ for t in out[8:12]} == {"O"}
    # The recogniser read only the two kept sentences, each starting a sentence of its own.
    (short,) = ner.seen
    assert short.text == "Ann met Bob . So Eve met Fay . "
    assert [s.text for s in short.sents] == ["Ann met Bob .", "So Eve met Fay ."]


def test_the_short_doc_keeps_whitespace_and_token_norms() -> None:
    doc = Doc(VOCAB, words=["He", "ca", "n't", "go", ".", "Ann", "met", "Bob", "."],
              spaces=[True, False, True, False, True, True, True, False, False],
              sent_starts=[True, False, False, False, False, True, False, False, False])
    doc[2].norm_ = "not"  # as the tokenizer's exceptions set it, per token and not per word
    ner = CapitalisedNER()
    list(focus.recognise([doc], ner, _mask_words("n't", "met"), batch_size=8))
    (short,) = ner.seen
    assert short.text == doc.text
    assert [t.norm_ for t in short] == [t.norm_ for t in doc]
    assert short[2].norm_ == "not"


def test_a_doc_with_nothing_to_keep_and_an_empty_doc_pass_through_in_order() -> None:
    docs = [_sentences(["It", "rained", "."]), Doc(VOCAB, words=[]), _sentences(["Ann", "met", "Bob", "."])]
    out = list(focus.recognise(docs, CapitalisedNER(), _mask_words("met"), batch_size=2))
    assert [d is o for d, o in zip(docs, out, strict=True)] == [True, True, True]
    assert [[e.text for e in d.ents] for d in out] == [[], [], ["Bob"]]


def test_usable_only_for_a_recogniser_with_its_own_token_vectors() -> None:
    blank = spacy.blank("en")
    assert focus.usable(blank) == "the pipeline has no 'ner' component"
    blank.add_pipe("ner")
    assert focus.usable(blank) is None
    shared = spacy.blank("en")
    shared.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    shared.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                                             "extra_state_tokens": False, "hidden_width": 8, "maxout_pieces": 2,
                                             "use_upper": True, "nO": None, "tok2vec": listener}})
    assert focus.usable(shared) == "'ner' listens to 'tok2vec'"


def _parsed(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """One sentence from (word, head, dep, pos, lemma) rows, with no entities."""
    return Doc(VOCAB, words=[r[0] for r in rows], heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], sent_starts=[i == 0 for i in range(len(rows))])


@pytest.fixture(scope="module")
def coder() -> events.Coder:
    return events.Coder.load(actors.load())


def test_events_focus_marks_lexicon_predicates_only(coder: events.Coder) -> None:
    attack = _parsed([("Russia", 1, "nsubj", "PROPN", "Russia"), ("attacked", 1, "ROOT", "VERB", "attack"),
                      ("Ukraine", 1, "dobj", "PROPN", "Ukraine"), (".", 1, "punct", "PUNCT", ".")])
    weather = _parsed([("The", 1, "det", "DET", "the"), ("weather", 2, "nsubj", "NOUN", "weather"),
                       ("was", 2, "ROOT", "AUX", "be"), ("mild", 2, "acomp", "ADJ", "mild"),
                       (".", 2, "punct", "PUNCT", ".")])
    assert events.focus(attack, coder).tolist() == [False, True, False, False]
    assert not events.focus(weather, coder).any()


def test_quotes_focus_marks_quotation_marks_and_cues_of_named_speakers() -> None:
    said = _parsed([("Ann", 1, "nsubj", "PROPN", "Ann"), ("said", 1, "ROOT", "VERB", "say"),
                    ("so", 1, "advmod", "ADV", "so"), (".", 1, "punct", "PUNCT", ".")])
    marks = _parsed([("“", 1, "punct", "PUNCT", "“"), ("Go", 1, "ROOT", "VERB", "go"), ("”", 1, "punct", "PUNCT", "”")])
    plain = _parsed([("Ann", 1, "nsubj", "PROPN", "Ann"), ("slept", 1, "ROOT", "VERB", "sleep"),
                     (".", 1, "punct", "PUNCT", ".")])
    # A pronoun or a common noun as speaker is resolved without this sentence's entities.
    pronoun = _parsed([("He", 1, "nsubj", "PRON", "he"), ("said", 1, "ROOT", "VERB", "say"),
                       ("so", 1, "advmod", "ADV", "so"), (".", 1, "punct", "PUNCT", ".")])
    ministry = _parsed([("The", 1, "det", "DET", "the"), ("ministry", 2, "nsubj", "NOUN", "ministry"),
                        ("said", 2, "ROOT", "VERB", "say"), ("so", 2, "advmod", "ADV", "so")])
    assert quotes.focus(said).tolist() == [False, True, False, False]
    assert quotes.focus(marks).tolist() == [True, False, True]
    assert not quotes.focus(plain).any()
    assert not quotes.focus(pronoun).any()
    assert not quotes.focus(ministry).any()


def test_actors_focus_marks_a_title_beside_a_name() -> None:
    kb = actors.load()
    before = _parsed([("minister", 2, "compound", "NOUN", "minister"), ("Viktor", 2, "compound", "PROPN", "Viktor"),
                      ("Khrenin", 3, "nsubj", "PROPN", "Khrenin"), ("spoke", 3, "ROOT", "VERB", "speak")])
    appos = _parsed([("Khrenin", 3, "nsubj", "PROPN", "Khrenin"), (",", 0, "punct", "PUNCT", ","),
                     ("the", 3, "det", "DET", "the"), ("minister", 0, "appos", "NOUN", "minister"),
                     ("spoke", 4, "ROOT", "VERB", "speak")])
    alone = _parsed([("The", 1, "det", "DET", "the"), ("minister", 2, "nsubj", "NOUN", "minister"),
                     ("spoke", 2, "ROOT", "VERB", "speak")])
    assert actors.focus(before, kb).tolist() == [True, False, False, False]
    assert actors.focus(appos, kb).tolist() == [False, False, False, True, False]
    assert not actors.focus(alone, kb).any()


@pytest.mark.model
def test_the_pipeline_finds_the_same_entities_in_kept_sentences_and_the_same_events() -> None:
    from eventwire import nlp, pipeline
    from eventwire.ingest.build import from_row
    from eventwire.settings import Settings

    text = ("The sun rose over Kyoto and Maria Lopez walked her dog along the river. "
            "Russian forces shelled Kharkiv on Friday, Ukrainian officials said. "
            "Defence minister Viktor Khrenin visited a school in Grodno.")
    article = from_row({"id": "f", "text": text, "date": "2024-01-19"}, input="f")
    on = Settings.from_env()
    off = Settings.from_env(focus_ner=False)
    stages = pipeline.Stages.load(on)
    ((_, focused),) = list(nlp.parse([article], on, stages.focus))
    ((_, full),) = list(nlp.parse([article], off, stages.focus))
    first = next(iter(full.sents))
    assert {e.text for e in full.ents if e.end <= first.end} >= {"Kyoto", "Maria Lopez"}
    assert not [e for e in focused.ents if e.end <= first.end]
    rest = [(e.start, e.end, e.label_) for e in full.ents if e.start >= first.end]
    assert rest and [(e.start, e.end, e.label_) for e in focused.ents] == rest
    coded_on = list(pipeline.code_articles([article], on, stages))
    coded_off = list(pipeline.code_articles([article], off, stages))
    assert [e.to_dict() for e in coded_on[0].events] == [e.to_dict() for e in coded_off[0].events]  # type: ignore[union-attr]
    assert coded_on[0].events  # type: ignore[union-attr]
