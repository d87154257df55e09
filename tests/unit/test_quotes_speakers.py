"""Who a direct quote is attributed to, for attributions the parse alone gets wrong: transcript-style
names, quotation marks glued to punctuation, cues the tagger takes for names, phrasal and colourful
speech verbs, a subject the parser hides or puts inside the quotation, and a quotation that hands over
to an attribution of its own. Each construction comes with a neighbour that must keep its old reading.

These run the real spaCy pipeline and actor stage (``model`` marker); every sentence is invented."""

from __future__ import annotations

import pytest

from eventwire.quotes import speakers
from eventwire.records import Quote

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def find(direct_quotes):  # type: ignore[no-untyped-def]
    return direct_quotes


def _who(q: Quote) -> str:
    assert q.speaker is not None, q
    return q.speaker.text


def test_transcript_style_names_speak(find) -> None:  # type: ignore[no-untyped-def]
    text = ("The two candidates met in Port Vela on Monday.\n\n"
            "Mara Quill: “The border stays closed until the vote.”\n\n"
            "Tom Vale: “It opens in May, whatever the vote says.”")
    first, second = find(text)
    assert first.cue == ":" and _who(first) == "Mara Quill"
    assert "Vale" in _who(second)


def test_a_label_before_a_colon_is_not_a_speaker(find) -> None:  # type: ignore[no-untyped-def]
    text = ("The ministry posted a notice on Monday.\n\n"
            "Warning: “All roads north of Port Vela are closed until further notice.”")
    [q] = find(text)
    assert q.speaker is None and q.cue is None


def test_quotation_mark_glued_to_the_comma(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("Ana Ruiz said,“We will not sign the treaty this year.”")
    assert not q.scare and q.cue == "said" and "Ruiz" in _who(q)


def test_capitalised_cue_taken_for_a_name(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("Tweeted Marco Bellini on Friday: “The port stays open for every ship.”")
    assert q.cue == "Tweeted" and "Bellini" in _who(q)


def test_capitalised_name_ending_like_a_past_form_is_still_a_name(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("“We are ready for the talks,” Reed said.")
    assert q.cue == "said" and _who(q) == "Reed"


@pytest.mark.parametrize(("text", "cue", "who"), [
    ("“You have no idea what you are talking about,” Bellini shot back.", "shot", "Bellini"),
    ("“The talks are over,” she went on.", "went", "she"),
    ("“This is a disgrace to the whole country,” Bellini fumed.", "fumed", "Bellini"),
])
def test_phrasal_and_colourful_speech_verbs(find, text: str, cue: str, who: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert q.cue == cue and who in _who(q)


def test_a_phrasal_verb_without_its_particle_is_no_cue(stages) -> None:  # type: ignore[no-untyped-def]
    doc = stages.nlp("Soldiers shot a drone near the border. Bellini shot back at his critics.")
    shot = [t for t in doc if t.lower_ == "shot"]
    assert [speakers.is_cue(t) for t in shot] == [False, True]


def test_a_name_inside_the_quotation_is_not_the_speaker(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("“My dear friend Marco Bellini,” the union leader says into the microphone.")
    assert "leader" in _who(q) and "Bellini" not in _who(q)


def test_quotation_after_a_colon_hands_over_to_its_own_attribution(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("Bellini criticised the deal on Monday: “It is a disaster for the farmers,” his spokesman said.")
    assert q.cue == "said" and "spokesman" in _who(q)


@pytest.mark.parametrize("text", [
    # A phrase quoted inside a clause keeps the cue before it.
    "Bellini called the deal “a total disaster,” and his spokesman said the talks were over.",
    # A quotation set off by dashes is a parenthesis: what follows the second dash attributes nothing.
    "Bellini lamented the delay - “why does it take so long?” - while officials in Port Vela said the talks "
    "would resume.",
])
def test_quotation_inside_a_clause_keeps_the_cue_before_it(find, text: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert _who(q) == "Bellini"


@pytest.mark.parametrize(("text", "who"), [
    ("“The vote was rigged from the start,” Will wrote.", "Will"),  # tagged a modal
    ("“Having the port open is good for everyone,” said Skelly, explaining the decision.", "Skelly"),
])
def test_capitalised_word_mistagged_next_to_the_cue_is_the_speaker(find, text: str, who: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert _who(q) == who


def test_participle_cue_naming_nobody_keeps_the_previous_speaker(find) -> None:  # type: ignore[no-untyped-def]
    text = ("Bellini said the tariff plan was “badly flawed” and would hurt farmers. "
            "Adding, “We will vote against it on Monday.”")
    first, second = find(text)
    assert _who(first) == "Bellini"
    assert second.cue == "Adding" and _who(second) == "Bellini"


@pytest.mark.parametrize(("text", "who"), [
    # The parser makes "yelled" a modifier of "man"; in the neighbour "shouted" has its subject.
    ("Some in the crowd booed, and when Ruiz thanked the city and said it was good to be home, a man yelled "
     "“Go back to Port Vela!”", "man"),
    ("The hall fell silent as the votes were read out, and a woman shouted “Count them again!”", "woman"),
])
def test_subject_of_a_cue_parsed_as_a_modifier(find, text: str, who: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert who in _who(q)


@pytest.mark.parametrize("text", [
    # The parser hangs "writing" nowhere near "shared"; the subject of the main verb writes.
    "Band leader Tomas Vale shared the news on social media last week, writing “Feels great to support a man "
    "I trust.”",
    "Tomas Vale shared the news on the radio last week, writing “Feels good to back someone I believe in.”",
])
def test_participle_cue_takes_the_subject_of_the_main_verb(find, text: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert "Vale" in _who(q)


def test_a_number_after_an_inverted_cue_speaks(find) -> None:  # type: ignore[no-untyped-def]
    first, second = find("“The sky is falling,” read one. “Nobody is safe,” read another.")
    assert _who(first) == "one" and _who(second) == "another"


def test_a_particle_with_an_object_is_a_preposition(stages) -> None:  # type: ignore[no-untyped-def]
    doc = stages.nlp("Once the Senate goes on recess, she went on.")
    went = [t for t in doc if t.lemma_ == "go"]
    assert [speakers.is_cue(t) for t in went] == [False, True]



@pytest.mark.parametrize("signoff", ["- Tomas Vale.", "Tomas Vale."])
def test_sign_off_after_the_quotation_names_the_speaker(find, signoff: str) -> None:  # type: ignore[no-untyped-def]
    text = (f"The senator repeated the claim at every stop.\n\n“We lost a million jobs to that deal.”\n\n"
            f"{signoff}\n\nThe figure is too high.")
    [q] = find(text)
    assert q.cue == "-" and "Vale" in _who(q)


@pytest.mark.parametrize("line", ["- Page 4 of the annual report.", "Port Vela, Monday."])
def test_a_line_after_the_quotation_that_names_no_one_is_no_sign_off(find, line: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(f"“Read the whole report before you judge it.”\n\n{line}")
    assert q.speaker is None and q.cue is None


@pytest.mark.parametrize("text", [
    "Vale told Radio Vela in a written statement, “We will appeal the ruling.”",  # "written" is an adjective
    "Vale wrote in a statement, “We will appeal the ruling.”",
])
def test_participle_used_as_an_adjective_is_no_cue(find, text: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert q.cue in ("told", "wrote") and _who(q) == "Vale"


@pytest.mark.parametrize("text", [
    "“We are not being paid!” Tomas Vale declared, a point he likes to make after every appearance on the evening "
    "news in Port Vela.",
    "“Is it over? Really?” Vale asked, looking at the long list of results that had come in from the northern "
    "districts overnight.",
])
def test_long_sentence_opening_with_its_attribution_after_a_quotation(find, text: str) -> None:  # type: ignore[no-untyped-def]
    [q] = find(text)
    assert "Vale" in _who(q)


def test_long_sentence_after_a_quotation_with_its_cue_far_in_attributes_nothing(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("“Stop the count now!” The crowd that had gathered outside the hall since the early hours of Monday "
               "morning said nothing at all.")
    assert q.speaker is None


def test_verb_with_a_speech_noun_as_object_is_a_cue(find) -> None:  # type: ignore[no-untyped-def]
    [q] = find("Right after the ruling, Vale issued a statement, “We will appeal this decision in every court.”")
    assert q.cue == "issued" and _who(q) == "Vale"


def test_speech_noun_verb_does_not_make_a_term_a_quotation(find) -> None:  # type: ignore[no-untyped-def]
    # Still a scare quote (which the sentence's cue may attribute, as "the ministry said" would).
    [q] = find("The ministry issued a statement on the “hot phase” of the drills near the border.")
    assert q.scare
