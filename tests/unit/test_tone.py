"""Tone: VADER word counts on GDELT's scale, per article, event sentence and quote."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.language import Language

from eventwire import pipeline, tone
from eventwire.records import Article, CodedArticle, Tone


@pytest.fixture(scope="module")
def blank() -> Language:
    """Tokenizer and sentence splitter only: fast, and no tagger, so no word counts as a name."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def of(nlp: Language, text: str) -> Tone | None:
    return tone.of_doc(nlp(text))


def test_lexicon_is_vader_with_the_documented_changes() -> None:
    lex = tone.load()
    assert lex.signs["good"] == 1 and lex.signs["peace"] == 1
    assert lex.signs["war"] == -1 and lex.signs["killed"] == -1
    # Listed neutral in data/tone.yaml; a negator never carries tone itself ("no" is rated -1.2 by VADER).
    assert "party" not in lex.signs and "security" not in lex.signs and "no" not in lex.signs
    assert {"not", "n't", "never", "no"} <= lex.negators and "despite" not in lex.negators
    assert tone.load() is lex  # read once per process


def test_positive_neutral_negative_sentences_are_ordered(blank: Language) -> None:
    positive = of(blank, "Both sides praised the peace agreement as a great success.")
    neutral = of(blank, "The ministers met in the capital on Tuesday afternoon.")
    negative = of(blank, "Gunmen killed twelve civilians in a brutal attack on the village.")
    assert positive and neutral and negative
    assert positive.score > 0 == neutral.score > negative.score
    assert neutral.polarity == 0 and positive.negative == 0 and negative.positive == 0


def test_percentages_are_of_words(blank: Language) -> None:
    # 5 words ("Good" "news" "and" "bad" "news"; the period is not a word), one positive, one negative.
    t = of(blank, "Good news and bad news.")
    assert t == Tone(positive=20.0, negative=20.0, words=5)
    assert t.score == 0 and t.polarity == 40
    assert t.to_dict() == {"score": 0.0, "positive": 20.0, "negative": 20.0, "polarity": 40.0, "words": 5}


def test_negation_reverses_within_its_window_and_sentence(blank: Language) -> None:
    assert of(blank, "The plan is good.").score > 0
    assert of(blank, "The plan is not good.").score < 0
    assert of(blank, "The plan isn't good.").score < 0  # spaCy's "n't" token
    assert of(blank, "The plan is not very good.").score < 0  # two words on
    assert of(blank, "It is not, in any way at all, good.").score > 0  # beyond three words: out of reach
    assert of(blank, "It is not over. Good.").score > 0  # the next sentence is out of reach


def test_no_words_no_tone(blank: Language) -> None:
    assert of(blank, "") is None
    assert of(blank, " ... !!! ") is None


@pytest.mark.model
def test_names_carry_no_tone(stages) -> None:  # type: ignore[no-untyped-def]
    assert tone.of_doc(stages.nlp("Hope Hicks arrived in Washington.")).polarity == 0
    assert tone.of_doc(stages.nlp("They said there was still hope.")).score > 0


def _untoned(coded: CodedArticle) -> CodedArticle:
    return dataclasses.replace(coded, tone=None, events=tuple(dataclasses.replace(e, tone=None) for e in coded.events),
                               quotes=tuple(dataclasses.replace(q, tone=None) for q in coded.quotes))


def test_stage_scores_article_event_sentence_and_quote(blank: Language, coded) -> None:  # type: ignore[no-untyped-def]
    # The shared fixture: "Sylvanian Foreign Minister Ana Ruiz met Freedonian officials in Port Vela on
    # Tuesday. \"We will not accept any new checkpoints,\" Ruiz said."
    coded = _untoned(coded)
    out = tone.score(blank(coded.article.text), coded, tone.load())
    # First sentence: 13 words, none rated. The quote: 7 words, "accept" (+1.6) reversed by "not".
    # The article: 13 + 7 + "Ruiz said" = 22 words, that one negative.
    assert out.events[0].tone == Tone(0.0, 0.0, 13)
    assert out.quotes[0].tone == Tone(0.0, round(100 / 7, 4), 7)
    assert out.tone == Tone(0.0, round(100 / 22, 4), 22)
    assert coded.tone is None and coded.events[0].tone is None  # the input record is not changed
    assert tone.score(None, coded, tone.load()) is coded


def test_json_carries_tone(blank: Language, coded) -> None:  # type: ignore[no-untyped-def]
    out = tone.score(blank(coded.article.text), _untoned(coded), tone.load())
    d = out.to_dict()
    assert d["tone"]["words"] == 22 and d["events"][0]["tone"]["score"] == 0.0
    assert d["quotes"][0]["tone"]["negative"] == round(100 / 7, 4)
    assert CodedArticle.from_dict(d) == out


@pytest.mark.model
def test_non_english_article_gets_no_tone(settings, stages) -> None:  # type: ignore[no-untyped-def]
    fr = "Le gouvernement a salué un excellent accord de paix, une grande réussite pour tous."
    en = "The government welcomed an excellent peace agreement, a great success for everyone."
    items = [Article(id="fr", text=fr, language="fr"), Article(id="en", text=en, language="en")]
    out_fr, out_en = list(pipeline.code_articles(items, settings, stages))
    assert isinstance(out_fr, CodedArticle) and out_fr.tone is None
    assert isinstance(out_en, CodedArticle) and out_en.tone is not None and out_en.tone.score > 0
