"""textdump.clean never raises, and the body it returns is made of (trimmed) input lines only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest import textdump

SETTINGS = settings(max_examples=200, deadline=None)

FURNITURE = [
    "Home", "Subscribe", "Share this article", "Related stories", "By Jane Doe", "Published March 5,2024",
    "Updated 3 hours ago", "Agencies and Bugle Daily WORLD", "WORLD", "• Contact us", "Advertisement",
    "Freedonia And Sylvania Ministers Meet Over Border", "2024-03-05",
    "The foreign ministers of Freedonia and Sylvania met in the capital on Tuesday to discuss the border.",
    "Officials said the talks were constructive and that a follow-up meeting would take place next month.",
    "\"We will not accept any new checkpoints,\" the minister said on Tuesday in Port Vela.",
    "", "   ", "\t", "-", "|",
]  # fmt: skip
line = st.one_of(st.sampled_from(FURNITURE), st.text(max_size=200).map(lambda s: s.replace("\n", " ")))
dumps = st.one_of(st.text(), st.lists(line, max_size=25).map("\n".join))


def _trim(s: str) -> str:
    return textdump._norm(s)


@SETTINGS
@given(dumps)
def test_clean_never_raises_and_returns_parts(text):
    parts = textdump.clean(text)
    assert isinstance(parts, textdump.DumpParts)
    assert isinstance(parts.text, str)
    for note in parts.notes:
        key, _, count = note.partition(":")
        assert key and count.isdigit() and int(count) > 0


@SETTINGS
@given(dumps)
def test_body_lines_are_trimmed_input_lines(text):
    parts = textdump.clean(text)
    if sum(1 for ln in text.split("\n") if ln.strip()) <= 1:
        assert parts.text == text
        return
    if parts.text == text:  # a clean body (no page furniture) is returned unchanged
        return
    inputs = {_trim(ln) for ln in text.split("\n")}
    stripped_inputs = {ln.strip() for ln in text.split("\n")}
    for out in parts.text.split("\n"):
        if not out:
            continue
        assert out in inputs or out in stripped_inputs, out
        assert out == out.strip()


@SETTINGS
@given(dumps)
def test_body_keeps_input_order(text):
    parts = textdump.clean(text)
    if sum(1 for ln in text.split("\n") if ln.strip()) <= 1 or parts.text == text:
        return
    trimmed = [_trim(ln) for ln in text.split("\n")]
    pos = -1
    for out in (ln for ln in parts.text.split("\n") if ln):
        # each body line occurs in the input after the previous body line
        nxt = next((i for i in range(pos + 1, len(trimmed)) if trimmed[i] == out), None)
        assert nxt is not None, out
        pos = nxt


@SETTINGS
@given(dumps, st.text(max_size=60))
def test_clean_with_known_title_never_raises(text, title):
    parts = textdump.clean(text, known_title=title or None)
    assert parts.title is None or not title
