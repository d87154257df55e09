"""``nlp.parse``: the input order of articles, non-English articles and rejects is kept; parsing in two
processes, or in batches capped by words, gives the same Docs as in one; transient Docs (a memory
zone per few batches) are the same Docs, and their words leave the vocabulary."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire import nlp
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, Reject
from eventwire.settings import Settings

pytestmark = pytest.mark.model

TEXTS = ["Russia and Belarus held talks in Minsk on Friday.",
         "The Kremlin condemned the sanctions.",
         "Armenian Prime Minister Nikol Pashinyan met NATO officials in Brussels.",
         "Police arrested two protesters in Kyoto."]


def _article(i: int, language: str | None = None) -> Article:
    article = from_row({"id": str(i), "text": TEXTS[i % len(TEXTS)]}, input=f"t#{i}")
    return replace(article, language=language) if language else article


def _stream() -> list[Article | Reject]:
    return [Reject(input="r#0", stage="read", reason="bad line"), _article(0, "fr"), _article(1),
            Reject(input="r#1", stage="read", reason="bad line"), _article(2), _article(3, "de"), _article(4),
            _article(5), Reject(input="r#2", stage="read", reason="bad line"), _article(6, "fr")]


def _shape(out: list[object]) -> list[tuple[str, str | None]]:
    """What came out, in order: ("reject", input) or (article input, the parsed text or None)."""
    shape: list[tuple[str, str | None]] = []
    for item in out:
        if isinstance(item, Reject):
            shape.append(("reject", item.input))
        else:
            article, doc = item  # type: ignore[misc]
            shape.append((article.input, None if doc is None else doc.text))
    return shape


def test_order_is_kept(settings: Settings) -> None:
    stream = _stream()
    out = _shape(list(nlp.parse(stream, replace(settings, batch_size=2))))
    expected = [("reject", s.input) if isinstance(s, Reject)
                else (s.input, None if s.language not in (None, "en") else s.text) for s in stream]
    assert out == expected


def test_empty_and_unparsed_only_streams(settings: Settings) -> None:
    assert list(nlp.parse([], settings)) == []
    only = [Reject(input="r", stage="read", reason="x"), _article(0, "fr")]
    assert _shape(list(nlp.parse(only, settings))) == [("reject", "r"), ("t#0", None)]


def test_two_processes_give_the_same_docs(settings: Settings) -> None:
    # With entities recognised only where the stages use them, as the pipeline parses.
    stream = _stream()
    focus_on = Stages.load(settings).focus
    one = list(nlp.parse(stream, replace(settings, batch_size=2, n_process=1), focus_on))
    two = list(nlp.parse(stream, replace(settings, batch_size=2, n_process=2), focus_on))
    assert _shape(one) == _shape(two)
    for a, b in zip(one, two, strict=True):
        if not isinstance(a, Reject) and a[1] is not None:
            assert not isinstance(b, Reject) and b[1] is not None
            assert a[1].to_json() == b[1].to_json()


def _docs_json(items: object) -> list[object]:
    """Each item's Doc as JSON, read as soon as it comes out (a transient Doc is valid until the next)."""
    out: list[object] = []
    for item in items:  # type: ignore[attr-defined]
        if isinstance(item, Reject):
            out.append(("reject", item.input))
        else:
            article, doc = item
            out.append((article.input, None if doc is None else doc.to_json()))
    return out


def test_small_word_batches_give_the_same_docs(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _stream()
    whole = _docs_json(nlp.parse(stream, settings))
    monkeypatch.setattr(nlp.batches, "MAX_WORDS", 8)  # about one article per batch
    assert _docs_json(nlp.parse(stream, replace(settings, batch_size=2))) == whole


# Words no pipeline's vocabulary holds, so that the test sees them come and go; "blorficated" has a
# lemma ("blorficate") that is no word of the text.
NOVEL = "The Vrelkanian envoy Qastorin Blimquade blorficated the Zorvathi delegates in Pellmoriq on Tuesday."


def test_transient_docs_free_their_words(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "ZONE_BATCHES", 1)
    monkeypatch.setattr(nlp, "WARM_WORDS", 0)
    monkeypatch.setattr(nlp.batches, "MAX_WORDS", 8)  # one article per batch, so a zone per article
    stream = [from_row({"id": str(i), "text": text}, input=f"n#{i}")
              for i, text in enumerate([NOVEL, TEXTS[0], NOVEL, TEXTS[2], NOVEL])]
    strings = nlp.load(settings.spacy_model, settings.fast_attrs).vocab.strings
    transient = _docs_json(nlp.parse(stream, settings, transient=True))
    assert "Pellmoriq" not in strings and "blorficate" not in strings
    # The same Docs as a normal parse, lemmas included: the lemma memo's id of "blorficate", freed
    # with the first zone, is not reused by the later ones.
    assert any(t["lemma"] == "blorficate" for t in transient[0][1]["tokens"])  # type: ignore[index]
    assert transient == _docs_json(nlp.parse(stream, settings))
    assert "Pellmoriq" in strings  # a normal parse keeps every word it met


def test_actor_matchers_built_inside_a_zone_keep_working(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # The stages' phrase matchers are built on the first article, here inside the first memory zone;
    # their match keys' strings must outlive it (read back on every match).
    from eventwire import pipeline

    monkeypatch.setattr(nlp, "ZONE_BATCHES", 1)
    monkeypatch.setattr(nlp, "WARM_WORDS", 0)
    monkeypatch.setattr(nlp.batches, "MAX_WORDS", 8)
    stages = Stages.load(settings)
    stages.kb.derived.pop(("matchers", id(stages.nlp)), None)
    stream = [from_row({"id": str(i), "text": TEXTS[2]}, input=f"m#{i}") for i in range(3)]
    coded = list(pipeline.code_articles(stream, settings, stages))
    found = [[(m.text, m.actor.code) for m in c.actors] for c in coded]  # type: ignore[union-attr]
    assert ("NATO officials", "IGOWSTNAT") in found[0]
    assert found == [found[0]] * 3


def test_the_first_words_a_pipeline_parses_are_kept_outside_any_zone(settings: Settings,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The warm-up: about WARM_WORDS words are parsed outside any memory zone once per loaded pipeline
    # (the tokenizer caches nothing inside a zone); what comes after is transient.
    first = "The Drumvexian minister Harl Quennatob visited Ostrivane on Monday to open a new bridge."
    later = "The Skarnelish delegation met officials in Vulpermoor on Friday to discuss fishing rights."
    monkeypatch.setattr(nlp, "ZONE_BATCHES", 1)
    monkeypatch.setattr(nlp, "WARM_WORDS", 10)
    monkeypatch.setattr(nlp.batches, "MAX_WORDS", 8)  # one article per batch
    monkeypatch.setattr(nlp, "_warmed", {})
    stream = [from_row({"id": str(i), "text": text}, input=f"w#{i}") for i, text in enumerate([first, later])]
    strings = nlp.load(settings.spacy_model, settings.fast_attrs).vocab.strings
    parsed = _docs_json(nlp.parse(stream, settings, transient=True))
    assert len(parsed) == 2
    assert "Ostrivane" in strings and "Vulpermoor" not in strings
    # Warmed once per pipeline: a second run's words are all transient.
    again = [from_row({"id": "3", "text": first.replace("Ostrivane", "Pennacrest")}, input="w#3")]
    list(nlp.parse(again, settings, transient=True))
    assert "Pennacrest" not in strings


def test_quotation_marks_glued_to_punctuation_are_split_off(settings: Settings) -> None:
    tokenizer = nlp.load(settings.spacy_model, settings.fast_attrs).tokenizer
    words = [t.text for t in tokenizer("He said,“We won.”Then at 3:30 the U.S. paid 1,000.")]
    assert words[:4] == ["He", "said", ",", "“"]
    assert words[6:9] == [".", "”", "Then"]
    assert {"3:30", "U.S.", "1,000"} <= set(words)
