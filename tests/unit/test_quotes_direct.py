"""Quotation-mark scanning (``quotes.direct``): hand-written paragraphs, one per convention, and a
property test that the spans always lie inside the text and never overlap. No spaCy model needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes import direct


def _quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in direct.spans(text)]


def test_curly_and_straight_quotes() -> None:
    text = '“We will not back down,” Ruiz said. Bellini replied: "Nobody asked you to."'
    assert _quoted(text) == ["We will not back down,", "Nobody asked you to."]


def test_mixed_marks_pair_up() -> None:
    # Sloppy copy: a straight opening mark closed by a curly one, and the reverse.
    text = '"The border stays open,” Ruiz said. “Trade goes on," Bellini said.'
    assert _quoted(text) == ["The border stays open,", "Trade goes on,"]


def test_split_quote_gives_two_parts() -> None:
    text = "“We will not back down,” Ruiz said, “and we will not be rushed.”"
    assert _quoted(text) == ["We will not back down,", "and we will not be rushed."]


def test_apostrophes_and_single_quotes_are_not_quotations() -> None:
    text = "Sylvania's envoy said the 'peace plan' wasn't dead, and the ministers' talks go on."
    assert direct.spans(text) == []


def test_nested_quotation_stays_inside_the_outer_one() -> None:
    text = "“He called the deal “a farce,” and I agree with him,” Ruiz said."
    assert _quoted(text) == ["He called the deal “a farce,” and I agree with him,"]


def test_multi_paragraph_quotation() -> None:
    text = (
        "Ruiz told reporters: “The border stays open for trade.\n\n"
        "“Our troops will stay in their barracks.”\n\n"
        "Bellini did not comment."
    )
    parts = direct.parts(text)
    assert [text[p.start : p.end] for p in parts] == [
        "The border stays open for trade.", "Our troops will stay in their barracks."]
    assert parts[0].closed is False and parts[0].continues is False
    assert parts[1].closed is True and parts[1].continues is True


def test_unclosed_quotation_stops_at_paragraph_end() -> None:
    text = "Ruiz said: “The talks are over.\nThe delegation left on Tuesday, a day early."
    parts = direct.parts(text)
    assert [text[p.start : p.end] for p in parts] == ["The talks are over."]
    assert parts[0].closed is False


def test_hard_wrapped_text_keeps_quotations_across_lines() -> None:
    text = (
        "The minister of Sylvania, Ana Ruiz, told a news\n"
        "conference: \"We will keep the border open to\n"
        "trade for as long as it takes,\" and left.\n"
    )
    assert _quoted(text) == ["We will keep the border open to\ntrade for as long as it takes,"]


def test_marks_inside_markup_tags_are_ignored() -> None:
    text = 'Ruiz posted a video.\n\n<tweet tweet-id="12345"><tweet/>.\n\n"We are ready," she wrote.'
    assert _quoted(text) == ["We are ready,"]


def test_guillemets() -> None:
    assert _quoted("Le ministre a dit «non» hier.") == ["non"]


_ALPHABET = st.sampled_from([*"ab .,:—\n'’‘", '"', "“", "”", "„", "«", "»", " x", "\n\n", '<t a="1">'])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_spans_lie_inside_the_text_and_never_overlap(text: str) -> None:
    parts = direct.parts(text)
    prev_end = 0
    for p in parts:
        assert 0 <= p.start < p.end <= len(text)
        assert p.start >= prev_end
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        prev_end = p.end
    assert direct.spans(text) == [(p.start, p.end) for p in parts]


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_paragraphs_cover_the_text_in_order(text: str) -> None:
    paras = direct.paragraphs(text)
    prev = 0
    for s, e in paras:
        assert prev <= s <= e <= len(text)
        prev = e
