"""ingest.textdump: page furniture out, body and metadata lines picked out, every drop counted."""

from __future__ import annotations

import datetime as dt

from eventwire.ingest import textdump

P1 = ("The foreign ministers of Freedonia and Sylvania met in the capital on Tuesday to discuss the "
      "reopening of two border crossings closed since last spring.")
P2 = ("Officials said the talks were constructive and that a follow-up meeting would take place next "
      "month in the coastal city of Port Vela.")


def _notes(parts: textdump.DumpParts) -> dict[str, int]:
    return {k: int(v) for k, v in (n.split(":") for n in parts.notes)}


def test_fixture_dump(fixtures):
    parts = textdump.clean((fixtures / "news" / "freedonia_talks.txt").read_text("utf-8"))
    assert parts.text == P1 + "\n\n" + P2
    assert parts.title == "Freedonia And Sylvania Ministers Meet Over Border"
    assert parts.author == "Jane Doe"
    assert parts.published == dt.date(2024, 3, 5)
    assert parts.credit == "Agencies and Bugle Daily"
    assert parts.source == "Bugle Daily"
    assert parts.section is not None and parts.section.lower() == "world"
    notes = _notes(parts)
    assert notes["nav"] == 3
    assert notes["stop"] == 1
    assert notes["byline"] == 1
    assert notes["date"] == 1
    # nothing after "Related stories" survives
    assert "rail link" not in parts.text


def test_single_line_is_returned_unchanged():
    line = "  Sylvania closed its embassy in Freedonia on Monday.  "
    parts = textdump.clean(line)
    assert parts.text == line
    assert parts.title is None and parts.notes == ()
    assert textdump.clean("\n\n" + line + "\n").text == "\n\n" + line + "\n"


def test_clean_body_passes_through():
    body = P1 + "\n\n" + P2
    parts = textdump.clean(body)
    assert parts.text == body
    assert parts.title is None


def test_known_title_is_dropped_from_body_and_not_reported():
    dump = "Border Talks Resume\n\n" + P1 + "\n\n" + P2
    parts = textdump.clean(dump, known_title="Border talks resume")
    assert parts.text == P1 + "\n\n" + P2
    assert parts.title is None
    assert _notes(parts)["title"] == 1


def test_short_lines_outside_body_are_edges():
    dump = "\n".join(["Subscribe", "Sylvania News Network", "", P1, "", P2, "", "Read the whole series",
                      "Top picks"])
    parts = textdump.clean(dump)
    assert parts.text == P1 + "\n\n" + P2
    assert "Top picks" not in parts.text
    assert parts.title == "Sylvania News Network"


PULL = "Fishermen from both countries have waited months for the crossings to open again, a union leader said."


def test_pull_quote_repeated_in_a_later_paragraph_is_kept_there_only():
    pull = "Fishermen from both countries have waited months for the crossings to open again."
    dump = "\n\n".join([pull, P1, PULL, P2])
    parts = textdump.clean(dump)
    assert parts.text == P1 + "\n\n" + PULL + "\n\n" + P2
    assert parts.standfirst == pull
    assert _notes(parts)["repeat"] == 1


def test_exactly_repeated_paragraph_is_kept_once():
    dump = "\n\n".join([PULL, P1, PULL, P2])
    parts = textdump.clean(dump)
    assert parts.text.count(PULL) == 1


def test_standfirst_repeated_in_body_is_recorded():
    standfirst = "Ministers from Freedonia and Sylvania agreed to reopen two crossings closed since spring."
    body_version = ("Ministers from Freedonia and Sylvania agreed to reopen two crossings closed since spring, "
                    "a spokesman for the foreign ministry told reporters.")
    parts = textdump.clean("\n\n".join([standfirst, P1, body_version, P2]))
    assert parts.standfirst == standfirst
    assert standfirst not in parts.text.split("\n")
    assert body_version in parts.text


def test_lines_in_same_block_joined_by_single_newline():
    parts = textdump.clean(P1 + "\n" + P2)
    assert parts.text == P1 + "\n" + P2


def test_bullets_are_stripped_in_a_page_dump():
    parts = textdump.clean("Home\n\n• " + P1 + "\n\n» " + P2)
    assert parts.text == P1 + "\n\n" + P2


def test_clean_body_without_page_furniture_is_returned_unchanged():
    body = "  Officials said this:\n\n" + P1 + "\n" + P2 + "\n"
    parts = textdump.clean(body)
    assert parts.text == body and parts.title is None


def test_relative_date_line_resolved_against_retrieval_time():
    dump = "Updated 2 hours ago\n\n" + P1 + "\n\n" + P2
    assert textdump.clean(dump).published is None
    assert textdump.clean(dump, retrieved=dt.datetime(2024, 6, 1, 12)).published == dt.date(2024, 6, 1)
    assert "ago" not in textdump.clean(dump).text


def test_custom_rules():
    rules = textdump.Rules.from_mapping({"nav_lines": ["Freedonia Daily"], "stop_patterns": ["^more from"]})
    dump = "Freedonia Daily\n\n" + P1 + "\n\nMore from us\n\n" + P2
    parts = textdump.clean(dump, rules=rules)
    assert parts.text == P1
    assert _notes(parts) == {"nav": 1, "stop": 1, "after-stop": 1}


def test_default_rules_loaded_once():
    assert textdump.default_rules() is textdump.default_rules()
    assert "subscribe" in textdump.default_rules().nav_lines


def test_body_with_a_date_is_not_taken_for_the_publication_date():
    dump = P1 + "\n\n" + "The ceasefire signed on January 19, 2024 has largely held since then, officials said."
    parts = textdump.clean(dump)
    assert parts.published is None
    assert "January 19, 2024" in parts.text


def test_headline_followed_by_its_date_beats_a_nearer_caption():
    # The caption sits nearer the body, but the headline is the line the date line follows.
    dump = "\n".join(["Menu", "Harbour Pilots Strike Over Pay", "Published March 3, 2024",
                      "Pilots gather at the quay. (Photo: Ana Ruiz)", "Boats queue outside the port", "", P1, "", P2])
    parts = textdump.clean(dump)
    assert parts.title == "Harbour Pilots Strike Over Pay"
    assert "Photo: Ana Ruiz" not in parts.text
