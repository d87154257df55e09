"""ingest.headline: the headline of a page dump picked by its cues (hand-written dumps)."""

from __future__ import annotations

import pytest

from eventwire.ingest import headline, textdump
from eventwire.ingest.headline import PageLine

P1 = ("The harbour authority of Port Vela closed the northern quay on Monday after a crane collapsed "
      "onto two moored cargo ships during a storm.")
P2 = ("Nobody was hurt, the authority said, but the quay will stay shut for at least a week while "
      "engineers inspect the remaining cranes.")
P3 = ("Shipping companies said they would divert their vessels to the southern terminal, where waiting "
      "times already exceed two days.")
BODY = ["", P1, "", P2, "", P3]


def _title(lines: list[str]) -> str | None:
    return textdump.clean("\n".join(lines)).title


def test_headline_followed_by_a_dated_byline_line_beats_a_menu_entry():
    # "Veröffentlicht am ... von ..." is no date line for dates.py (it names the author), but a short
    # line holding a date right below a line marks that line as the headline.
    dump = ["Home", "Wirtschaft", "Hafen und Handel", "Port Vela Closes Northern Quay After Crane Collapse",
            "Veröffentlicht am 4. Februar 2024 von Jane Doe", *BODY]
    assert _title(dump) == "Port Vela Closes Northern Quay After Crane Collapse"
    lines = [PageLine("nav", "Home"), *(PageLine("text", ln) for ln in dump[1:5]), PageLine("text", P1, True)]
    cues = dict(headline.candidates(lines, 5))
    assert cues[3]["dated"] == 1.0 and headline.is_meta(lines[4])


def test_two_word_label_right_above_the_article_is_not_the_headline():
    dump = ["Menu", "Crane Collapse Shuts Port Vela's Northern Quay", "Published March 3, 2024", "Top Stories",
            *BODY]
    assert _title(dump) == "Crane Collapse Shuts Port Vela's Northern Quay"


def test_breadcrumb_glued_without_spaces_marks_the_headline():
    dump = ["Menu", "HomeNewsCrane collapse shuts northern quay", "Weather warning for the coast",
            "Crane collapse shuts northern quay", "Storm season", *BODY]
    assert _title(dump) == "Crane collapse shuts northern quay"
    lines = [PageLine("text", ln) for ln in dump[1:5]] + [PageLine("text", P1, True)]
    cues = dict(headline.candidates(lines, 4))
    assert cues[2]["quoted_elsewhere"] == 1.0  # inside the breadcrumb, glued to "News"
    assert cues[1]["quoted_elsewhere"] == 0.0


def test_subheading_between_paragraphs_is_not_the_headline():
    dump = ["Menu", "Port Vela quay closed after crane falls", "Published March 3, 2024", "", P1, "",
            "What happens to the ships now", "", P2, "", P3]
    assert _title(dump) == "Port Vela quay closed after crane falls"
    lines = [PageLine("text", "Port Vela quay closed after crane falls"), PageLine("text", P1, True),
             PageLine("text", "What happens to the ships now"), PageLine("text", P2, True)]
    cues = dict(headline.candidates(lines, 1))
    assert cues[2]["prose_above"] == 1.0 and cues[2]["in_article"] == 1.0
    assert cues[0]["prose_above"] == 0.0


def test_question_headline_opening_the_run_of_prose_is_found_and_left_out_of_the_body():
    question = "Will the northern quay of Port Vela ever reopen for cargo ships?"
    parts = textdump.clean("\n".join(["Menu", "Contact", "", question, "", P1, "", P2, "", P3]))
    assert parts.title == question
    assert question not in parts.text
    assert parts.text.startswith(P1)


def test_standfirst_set_apart_by_furniture_stays_in_the_body():
    standfirst = "A storm toppled a crane onto two cargo ships; the quay stays shut for a week."
    dump = ["Menu", "Crane collapse shuts Port Vela quay", standfirst, "Published March 3, 2024", "Share",
            "Pilots gather at the quay", "Boats queue outside the port", "Photo archive", "Listen", "", P1, "", P2,
            "", P3]
    parts = textdump.clean("\n".join(dump))
    assert parts.title == "Crane collapse shuts Port Vela quay"
    assert parts.text.startswith(standfirst)


def test_no_candidate_with_a_positive_score_gives_no_headline():
    lines = [PageLine("text", "12:30"), PageLine("text", P1, True), PageLine("text", P2, True)]
    assert headline.pick(lines, 1, textdump.default_rules().headline_cues) is None


def test_cues_are_weighed_as_the_rules_say():
    lines = [PageLine("text", "Quay closed"), PageLine("text", "Crane collapse shuts the northern quay"),
             PageLine("date", "March 3, 2024"), PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 3))
    assert found[1]["dated"] == 1.0 and found[0]["dated"] == 1.0
    assert found[0]["few_words"] == 1.0 and found[1]["few_words"] == 0.0
    # With only the length cue, the longer line wins; with only "few words" penalised, too.
    assert headline.pick(lines, 3, {"words": 1.0}) == 1
    assert headline.pick(lines, 3, {"few_words": -1.0, "near": 0.1}) == 1


def test_one_shared_word_makes_a_one_word_label_only_half_a_match_for_the_lead():
    # "Harbour" is in the lead, as is every content word of the headline: the plain share would call
    # both a full match and the nearer line, the label, would win on the overlap alone.
    lines = [PageLine("text", "Northern quay closed"), PageLine("text", "Harbour"), PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 2))
    assert found[1]["lead_overlap"] == pytest.approx(1 / 2)
    assert found[0]["lead_overlap"] == pytest.approx(3 / 4)
    assert found[0]["body_overlap"] == pytest.approx(3 / 4)
    assert headline.pick(lines, 2, {"lead_overlap": 1.0}) == 0
    assert headline.pick(lines, 2, {"body_overlap": 1.0}) == 0


def test_unknown_cue_name_is_an_error():
    lines = [PageLine("text", "Crane collapse shuts the northern quay"), PageLine("text", P1, True)]
    with pytest.raises(ValueError, match="nerar"):
        headline.pick(lines, 1, {"nerar": 1.0})


def test_is_meta_recognises_short_dated_lines_only():
    assert headline.is_meta(PageLine("text", "Jane Doe · 31. Oktober 2023"))
    assert headline.is_meta(PageLine("text", "The Daily Bugle 03/04/2022 J. Doe"))
    assert headline.is_meta(PageLine("byline", "By Jane Doe"))
    assert not headline.is_meta(PageLine("text", "Crane collapse shuts the northern quay"))
    assert not headline.is_meta(PageLine("text", P1 + " It happened on March 3, 2024."))


def test_key_ignores_case_quotes_and_spacing():
    assert headline.key('  "Crane  Collapse"  ') == headline.key("crane collapse")


def test_headline_above_its_standfirst_beats_the_standfirst():
    # Both are followed by the byline and share words with the lead; the headline has a longer line,
    # its standfirst, right below it.
    dump = ["Log in", "Port Vela shuts its northern quay", "",
            "A crane toppled onto two ships in the storm and the quay stays shut while engineers inspect it",
            "", "By Jane Doe", "3 Mar 2024 10:05 GMT", "Share this article", *BODY]
    assert _title(dump) == "Port Vela shuts its northern quay"
    lines = [PageLine("text", dump[1]), PageLine("text", dump[3]), PageLine("byline", dump[5]),
             PageLine("text", P1, True)]
    cues = dict(headline.candidates(lines, 3))
    assert cues[0]["standfirst_next"] == 1.0 and cues[1]["standfirst_next"] == 0.0


def test_site_name_in_lower_case_above_the_headline_is_not_the_headline():
    # A blog prints its name (in lower case) above the post's title; both share words with the lead.
    # (Not printed word for word in the lead, which would make it a quotation of the name.)
    dump = ["Home", "Impressum", "port vela harbour news", "Northern quay shut", "3. March 2024", *BODY]
    assert _title(dump) == "Northern quay shut"
    lines = [PageLine("text", ln) for ln in dump[2:5]] + [PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 3))
    assert found[0]["lowercase_start"] == 1.0 and found[1]["lowercase_start"] == 0.0


def test_headline_above_its_byline_and_a_short_lead_beats_a_table_of_contents():
    # The headline, its byline and date, a short first paragraph, then a table of contents whose last
    # entry sits right above the long run of prose the cleaner takes for the article.
    lead = "Engineers say the northern quay of Port Vela will stay shut for a week after the storm."
    dump = ["Menu", "Why the northern quay of Port Vela is shut", "Jane Doe", "Harbour editor", "4 min",
            "03.03.2024", lead, "Contents", "1. The storm", "2. The cranes", "3. The ships", "4. What next",
            "5. Costs", "6. Port Vela shipping delays", *BODY]
    assert _title(dump) == "Why the northern quay of Port Vela is shut"
    lines = [PageLine("text", ln, ln == lead) for ln in dump[1:14]] + [PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 13))
    assert found[0]["prose_close"] == 1 / (1 + 3 / 2)  # three text lines, the date not counted
    assert found[12]["prose_close"] == 1.0


def test_tag_list_and_breadcrumb_cues():
    lines = [PageLine("text", "Home / Harbour / Crane collapse shuts the northern quay"),
             PageLine("text", "Crane collapse shuts the northern quay"),
             PageLine("text", "Quays, cranes, storms, Port Vela"), PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 3))
    assert found[1]["crumb_above"] == 1.0 and found[2]["crumb_above"] == 0.0
    assert found[2]["list_like"] == 1.0 and found[1]["list_like"] == 0.0
    assert found[1]["subtitle_next"] == 1.0 and found[2]["subtitle_next"] == 0.0


def test_labels_buttons_and_teaser_lists_around_a_line_are_cues():
    lines = [PageLine("nav", "Menu"), PageLine("text", "Port Vela quay shut after crane falls"),
             PageLine("text", "Storm closes the ferry line to the islands"), PageLine("text", "Harbour fees to rise"),
             PageLine("text", "Share"), PageLine("text", "More"), PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 6))
    assert found[2]["teaser_list"] == 1.0 and found[1]["teaser_list"] == 0.0  # "Menu" above is no teaser
    assert found[3]["short_below"] == 1.0 and found[3]["short_neighbour"] == 1.0
    assert found[1]["short_below"] == 0.0 and found[1]["short_neighbour"] == 1.0  # "Menu" right above it
    assert found[2]["short_below"] == 0.0 and found[2]["short_neighbour"] == 0.0


def test_breadcrumb_path_and_repeated_site_name_are_trimmed_from_the_headline():
    page = [PageLine("text", "Harbour Daily"), PageLine("text", P1, True)]
    assert headline.trim("Home / Harbour / Crane collapse shuts the quay", page) == "Crane collapse shuts the quay"
    assert headline.trim("Forum>Ports>Crane collapse shuts the quay", page) == "Crane collapse shuts the quay"
    # The site's name printed alone elsewhere on the page is cut; an unknown second part is kept.
    assert headline.trim("Crane collapse shuts the quay | Harbour Daily", page) == "Crane collapse shuts the quay"
    kept = "Crane collapse shuts the quay | Live updates"
    assert headline.trim(kept, page) == kept
    # A dash may join a headline's own two halves: it is never cut.
    kept = "Harbour Daily – Crane collapse shuts the quay"
    assert headline.trim(kept, page) == kept
    assert headline.trim("Port Vela / Sylvania border talks", page) == "Port Vela / Sylvania border talks"


def test_a_numeric_date_set_off_before_the_headline_is_trimmed():
    page = [PageLine("text", "Harbour Daily"), PageLine("text", P1, True)]
    assert headline.trim("23.01.2022 - Crane collapse shuts the quay", page) == "Crane collapse shuts the quay"
    assert headline.trim("2024-01-23 | Crane collapse shuts the quay", page) == "Crane collapse shuts the quay"
    # A date that is the headline's own subject, or with nothing but one word after it, is kept.
    kept = "23.01.2022: Gold"
    assert headline.trim(kept, page) == kept
    kept = "Storm of 23.01.2022 - what we know"
    assert headline.trim(kept, page) == kept


def test_a_short_headline_written_as_a_sentence_set_apart_from_the_prose_is_found():
    # The page has nothing headline-like above the article; its first line ends in a full stop but a
    # date line, not prose, follows it.
    dump = ["Menu", "Search", "Crane collapse shuts the northern quay of Port Vela.", "Published March 3, 2024",
            *BODY]
    assert _title(dump) == "Crane collapse shuts the northern quay of Port Vela."
    parts = textdump.clean("\n".join(dump))
    assert parts.text.startswith(P1)


def test_a_short_first_paragraph_followed_by_prose_is_no_headline():
    # The same sentence with prose right below it opens the article (the headline is the line above).
    first = "Crane collapse shuts the northern quay of Port Vela."
    dump = ["Menu", "Port Vela Storm Damage", first, *BODY]
    parts = textdump.clean("\n".join(dump))
    assert parts.title == "Port Vela Storm Damage"
    assert parts.text.startswith(first)


@pytest.mark.parametrize("caption", [
    "Three ministers on the quay after the storm (from left): Jane Doe, John Roe and Ana Pérez",
    "Die Minister am Kai (von links) Jane Doe, John Roe und Ana Pérez",
    "A crane lies across the deck of a cargo ship in Port Vela on Monday. EFE",
])
def test_people_from_left_and_a_wire_credit_mark_a_caption(caption):
    lines = [PageLine("text", "Crane collapse shuts the northern quay"), PageLine("text", caption),
             PageLine("text", P1, True)]
    found = dict(headline.candidates(lines, 2))
    assert found[1]["caption"] == 1.0 and found[0]["caption"] == 0.0
    assert headline.pick(lines, 2, textdump.default_rules().headline_cues) == 0


def test_a_sentence_naming_a_wire_service_midway_is_no_caption():
    lines = [PageLine("text", "Reuters and AP said the quay would reopen next week after inspection"),
             PageLine("text", P1, True)]
    assert dict(headline.candidates(lines, 1))[0]["caption"] == 0.0
