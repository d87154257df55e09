"""``eventwire.nlp.fastattrs``: the memoised stand-in for ``attribute_ruler`` + ``lemmatizer`` sets the
same token attributes as the two stock components, on real sentences and on hand-built Docs made to hit
every kind of rule (two-token contexts, dependency labels, whitespace tokens); unsupported pipelines keep
their stock components; ``eventwire_paragraphs`` still starts a sentence after a blank line."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc

from eventwire import nlp
from eventwire.nlp import fastattrs
from eventwire.settings import Settings

pytestmark = pytest.mark.model

COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD, SENT_START]
SENTENCES = [
    "I told him that she'd gotten the papers, but they ain't coming back.",
    "There is no reason; there were protests and y'all know it.",
    "We're gonna go, let's say, tomorrow: c'mon, it gets worse and he got it.",
    "Anyone who does nothin' can't be blamed.\n\nThe ministers WILL meet on 3 May 2024 in Port Vela.",
    "Those who'd rather wait may do so -- these were the terms that the envoys signed.",
    "  Its   leaders said: \"Whether or not they agree, we must act.\"  \n",
    "The U.S. and the E.U. said $5.2bn was sent; 40% of it went to the region's farmers.",
]


@pytest.fixture(scope="module")
def pair():  # type: ignore[no-untyped-def]
    model = Settings.from_env().spacy_model
    stock, fast = spacy.load(model), spacy.load(model)
    assert fastattrs.install(fast)
    return stock, fast


def _same(a: Doc, b: Doc) -> None:
    assert [t.text for t in a] == [t.text for t in b]
    assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
    assert [(str(t.morph), t.lemma_, t.pos_) for t in a] == [(str(t.morph), t.lemma_, t.pos_) for t in b]


def test_installed_in_place_of_the_stock_components(pair):
    _, fast = pair
    names = fast.pipe_names
    assert fastattrs.NAME in names and "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index(fastattrs.NAME) == names.index("parser") + 1


def test_same_attributes_on_sentences(pair):
    stock, fast = pair
    for text in SENTENCES:
        _same(stock(text), fast(text))
    # Again, now answered from the memo tables.
    for a, b in zip(stock.pipe(SENTENCES), fast.pipe(SENTENCES), strict=True):
        _same(a, b)


WORDS = ["ai", "n't", "nt", "gon", "na", "got", "ta", "let", "'s", "c'm", "on", "y'", "y", "all", "there", "is",
         "are", "were", "that", "the", "a", "this", "those", "something", "nothin'", "can", "'d", "i", "her",
         "gets", "Gets", "GOT", "walked", "walking", "better", "mice", "Paris", "to", "\n\n", " ", "\t", ",", "5"]
TAGS = ["VBP", "VBZ", "VBD", "VBG", "VBN", "VB", "MD", "NN", "NNS", "NNP", "DT", "WDT", "IN", "CC", "PRP",
        "PRP$", "TO", "EX", "JJ", "JJR", "RB", "_SP", ",", "CD", ""]
DEPS = ["expl", "aux", "auxpass", "det", "quantmod", "nsubj", "ROOT", "dobj", "advmod", "dep", "punct", ""]


@pytest.mark.filterwarnings("ignore:.*W108")
def test_same_attributes_on_handbuilt_docs(pair):
    """Random words, tags and labels (a fixed seed), so that every rule kind meets every context,
    including combinations a parser would rarely produce (a tag on a space, a space with a label)."""
    stock, fast = pair
    ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
    component = fast.get_pipe(fastattrs.NAME)
    rng = random.Random(8)
    for _ in range(400):
        n = rng.randint(1, 8)
        words = [rng.choice(WORDS) for _ in range(n)]
        tags = [rng.choice(TAGS) for _ in range(n)]
        deps = [rng.choice(DEPS) for _ in range(n)]
        a = Doc(stock.vocab, words=words, tags=tags, deps=deps, heads=list(range(n)))
        b = Doc(fast.vocab, words=words, tags=tags, deps=deps, heads=list(range(n)))
        lemmatizer(ruler(a))
        component(b)
        _same(a, b)


def test_unsupported_pipelines_keep_their_components():
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    blank.add_pipe("lemmatizer", config={"mode": "rule"})
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    assert "OP" in (fastattrs.supported(blank) or "")
    assert not fastattrs.install(blank)
    assert blank.pipe_names == ["attribute_ruler", "lemmatizer"]

    lookup = spacy.blank("en")
    lookup.add_pipe("attribute_ruler")
    lookup.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert "lookup" in (fastattrs.supported(lookup) or "")

    apart = spacy.blank("en")
    apart.add_pipe("attribute_ruler")
    apart.add_pipe("sentencizer")
    apart.add_pipe("lemmatizer", config={"mode": "rule"})
    assert "follow" in (fastattrs.supported(apart) or "")

    custom = spacy.blank("en")
    rule = custom.add_pipe("attribute_ruler")
    custom.add_pipe("lemmatizer", config={"mode": "rule"})
    rule.add([[{"_": {"flag": True}}]], {"POS": "X"})
    assert fastattrs.supported(custom) is not None


def test_setting_and_environment(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_FAST_ATTRS", "0")
    assert Settings.from_env().fast_attrs is False
    monkeypatch.setenv("EVENTWIRE_FAST_ATTRS", "1")
    assert Settings.from_env().fast_attrs is True
    model = Settings.from_env().spacy_model
    assert "attribute_ruler" in nlp.load(model, False).pipe_names
    assert fastattrs.NAME in nlp.load(model, True).pipe_names


def test_blank_line_starts_a_sentence():
    pipeline = nlp.load(Settings.from_env().spacy_model)
    doc = pipeline("He said the talks were over and\n\nthe ministers left Minsk. They flew home.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "the" in starts


def test_load_time_check_keeps_the_stock_components_when_the_output_differs(monkeypatch):
    """A stand-in that got the rule order wrong (later rules must win) is caught before it is used."""
    model = Settings.from_env().spacy_model
    fine = spacy.load(model)
    component = fine.add_pipe(fastattrs.NAME, before="attribute_ruler")
    assert fastattrs.self_check(fine, component) is None

    def first_rule_wins(self, rule_ids, tag, pos, morph, lemma):  # type: ignore[no-untyped-def]
        values = {POS: pos, MORPH: morph, LEMMA: lemma, TAG: tag, DEP: None}
        for i in sorted(set(rule_ids), reverse=True):
            values.update(self.ruler_attrs[i])
        return values[POS], values[MORPH], values[LEMMA], values[TAG], values[DEP]

    monkeypatch.setattr(fastattrs.TokenAttrs, "_apply", first_rule_wins)
    broken = spacy.load(model)
    assert not fastattrs.install(broken)
    assert fastattrs.NAME not in broken.pipe_names
    assert broken.pipe_names[-3:] == ["attribute_ruler", "lemmatizer", "ner"]


def test_pickles_as_what_it_is_built_from(pair):
    """Worker processes started by spawning receive the components pickled."""
    stock, fast = pair
    copy = pickle.loads(pickle.dumps(fast.get_pipe(fastattrs.NAME)))
    assert isinstance(copy, fastattrs.TokenAttrs)
    doc = fast.make_doc(SENTENCES[0])
    for name in ("tok2vec", "tagger", "parser"):
        doc = fast.get_pipe(name)(doc)
    _same(stock(SENTENCES[0]), fast.get_pipe("ner")(copy(doc)))


def test_a_saved_pipeline_loads_again_with_the_same_attributes(pair, tmp_path):
    stock, fast = pair
    fast.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert fastattrs.NAME in again.pipe_names and "lemmatizer" not in again.pipe_names
    for text in SENTENCES[:3]:
        _same(stock(text), again(text))


def test_a_tag_the_vocabulary_lacks_is_no_error(pair):
    _, fast = pair
    doc = Doc(fast.vocab, words=["They", "walked"])
    doc.from_array([TAG], np.array([[2**62 + 7], [2**62 + 9]], dtype="uint64"))
    component = fast.get_pipe(fastattrs.NAME)
    assert len(component(doc)) == 2
