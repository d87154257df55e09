"""Direct quotes and their speakers (``quotes.find``), one hand-written paragraph per construction.

These run the real spaCy pipeline and actor stage (``model`` marker), so they check the behaviour a
reader sees: one quote per attribution, the speaker the attribution names."""

from __future__ import annotations

import itertools

import pytest

from eventwire import actors, quotes
from eventwire.records import Article, Quote

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def find(direct_quotes):  # type: ignore[no-untyped-def]
    return direct_quotes


def _speaker(q: Quote) -> str:
    assert q.speaker is not None, q
    return f"{q.speaker.text} / {q.speaker.actor.name or ''}"


def test_quote_split_by_its_attribution_is_one_quote(find) -> None:  # type: ignore[no-untyped-def]
    text = ("Sylvanian Foreign Minister Ana Ruiz spoke after the talks. “We will not back down,” Ruiz said, "
            "“and we will not be rushed by anyone.”")
    [q] = find(text)
    assert q.text.startswith("We will not back down") and q.text.endswith("rushed by anyone.")
    assert "Ruiz" in _speaker(q)
    assert q.cue == "said"


def test_quote_continued_after_the_attribution_sentence(find) -> None:  # type: ignore[no-untyped-def]
    text = ("“The talks have failed,” said Marco Bellini, the chief negotiator. “We expect a new round "
            "in May.”\n\nThe next meeting has not been scheduled.")
    [q] = find(text)
    assert q.text.endswith("new round in May.")
    assert "Bellini" in _speaker(q)


def test_quotation_over_two_paragraphs(find) -> None:  # type: ignore[no-untyped-def]
    text = ("Ana Ruiz told reporters in Port Vela: “The border stays open for trade.\n\n"
            "“Our troops will stay in their barracks until the commission reports.”\n\n"
            "Freedonia has not responded.")
    [q] = find(text)
    assert q.text.startswith("The border stays open") and q.text.endswith("commission reports.")
    assert "Ruiz" in _speaker(q)


def test_a_new_cue_between_quotes_starts_a_new_quote(find) -> None:  # type: ignore[no-untyped-def]
    text = ("“The deal is close,” Ruiz said. Bellini added that the two sides still disagree on tariffs. "
            "“We are not there yet.”")
    first, second = find(text)
    assert "Ruiz" in _speaker(first)
    assert "Bellini" in _speaker(second)


def test_quote_with_no_cue_in_a_later_paragraph_keeps_the_speaker(find) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will reopen the embassy,” said Marco Bellini, the Freedonian envoy.\n\n"
            "“Our staff are already packing.”")
    first, second = find(text)
    assert "Bellini" in _speaker(first) and "Bellini" in _speaker(second)


def test_pronoun_speaker_is_the_pronoun_mention(find) -> None:  # type: ignore[no-untyped-def]
    text = ("Foreign Minister Ana Ruiz arrived in Port Vela on Monday for two days of talks.\n\n"
            "“We came here to listen,” she said.")
    [q] = find(text)
    assert q.speaker is not None and q.speaker.text == "she"


def test_role_phrase_speaker_after_inverted_cue(find) -> None:  # type: ignore[no-untyped-def]
    text = "“No decision has been taken on the convoy,” said a spokesman for the Sylvanian government."
    [q] = find(text)
    assert "spokesman" in _speaker(q)


def test_speaker_before_a_colon(find) -> None:  # type: ignore[no-untyped-def]
    text = ("The Freedonian transport ministry issued a short statement on Sunday:\n\n"
            "“All flights to Port Vela are suspended until further notice.”")
    [q] = find(text)
    assert "ministry" in _speaker(q).lower()


def test_according_to_attribution(find) -> None:  # type: ignore[no-untyped-def]
    text = "“The vote was rigged from the start,” according to Marco Bellini, who observed the count."
    [q] = find(text)
    assert "Bellini" in _speaker(q)


def test_participle_cue_takes_the_subject_of_its_clause(find) -> None:  # type: ignore[no-untyped-def]
    text = ("Ana Ruiz rejected the offer on Tuesday, saying the proposed terms were "
            "“unacceptable and insulting to every citizen.”")
    [q] = find(text)
    assert "Ruiz" in _speaker(q)


def test_scare_quote_has_no_speaker(find) -> None:  # type: ignore[no-untyped-def]
    text = "The so-called “peace dividend” never reached the border towns of Sylvania."
    [q] = find(text)
    assert q.scare and q.speaker is None


def test_short_quote_with_attribution_is_not_a_scare_quote(find) -> None:  # type: ignore[no-untyped-def]
    text = "Bellini was asked whether the talks would resume. “Never,” he said."
    [q] = find(text)
    assert not q.scare and q.text == "Never,"
    assert q.speaker is not None and q.speaker.text == "he"


def test_quotes_never_overlap_and_lie_inside_the_text(find) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will not back down,” Ruiz said, “and we will not be rushed.” Bellini called the plan "
            "“a farce” and said that “nobody in Port Vela believes it.”\n\n“It is over,” he added.")
    found = find(text)
    assert found
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    assert all(0 <= q.start < q.end <= len(text) for q in found)


@pytest.mark.parametrize(("text", "phrase", "scare"), [
    # A speech or naming verb governs the phrase closely: the speaker is quoted using these words.
    ("Senator Mara Quill called the tariff plan “a reckless gamble” on Monday.", "a reckless gamble", False),
    ("Governor Tom Vale said that the bill was “a good first step” for the state.", "a good first step", False),
    # No cue, or one far away around a term the reporter quotes: a scare quote.
    ("The ministry said the delay reflected the escalation of the dispute into a “final stage.”", "final stage.",
     True),
    ("The group calls its campaign “Clean Rivers Now” and meets on Fridays.", "Clean Rivers Now", False),
    ("Voters in the district wanted a “fresh start” after the scandal.", "fresh start", True),
])
def test_short_quoted_phrase_is_a_quote_only_when_a_cue_attributes_it(
        stages, text: str, phrase: str, scare: bool) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="t", text=text)
    doc = stages.nlp(article.text)
    found = quotes.find(doc, article, actors.find(doc, article, stages.kb, stages.nlp))
    match = [q for q in found if q.text.strip("“”\" ") == phrase.strip("“”\" ")]
    assert len(match) == 1, found
    assert match[0].scare is scare
