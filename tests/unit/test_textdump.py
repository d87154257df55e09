"""ingest.textdump: page furniture out, body and metadata lines picked out, every drop counted."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

from eventwire import yamlio
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


P3 = ("Neither side gave figures for the trade that the closures had cost, but traders on both sides of "
      "the border put the loss in the millions.")


def test_custom_rules():
    rules = textdump.Rules.from_mapping({"nav_lines": ["Freedonia Daily"], "stop_patterns": ["^more from"]})
    article = P1 + "\n\n" + P2 + "\n\n" + P3
    assert len(article) > textdump.STOP_AFTER_CHARS
    parts = textdump.clean("Freedonia Daily\n\n" + article + "\n\nMore from us\n\n" + P2.upper(), rules=rules)
    assert parts.text == article
    assert _notes(parts) == {"nav": 1, "stop": 1, "after-stop": 1}


TEASERS = ("Related coverage\n\nFreedonia recalls its ambassador\n\nSylvania opens a new rail link\n\n"
           "Port Vela harbour to close for repairs")


def test_a_stop_line_before_the_article_has_begun_does_not_end_it():
    # A related-stories box (or a "Comments (12)" link) under the headline, after only the site's motto
    # has read as prose: the article goes on below it. The box used to end the page there, leaving no
    # article at all.
    motto = "The independent voice of the Freedonian coast since 1921."
    dump = f"Home\n\n{motto}\n\nBorder Talks Resume\n\n{TEASERS}\n\n{P1}\n\n{P2}\n\n{P3}\n\nShare"
    parts = textdump.clean(dump)
    assert parts.text == P1 + "\n\n" + P2 + "\n\n" + P3
    assert _notes(parts)["stop"] == 1 and "after-stop" not in _notes(parts)


def test_an_early_stop_line_still_parts_a_short_article_from_what_follows():
    # A brief under STOP_AFTER_CHARS, then the box and a teaser with a summary: the stop line does not end
    # the page there, but no run of prose is joined across it, so the teaser stays out of the brief.
    teaser = "A second round of talks on fishing rights is to be held before the end of the year."
    dump = f"Home\n\nBrief\n\n{P1}\n\n{TEASERS}\n\n{teaser}\n\nShare"
    assert len(P1) + len(teaser) < textdump.STOP_AFTER_CHARS
    parts = textdump.clean(dump)
    assert parts.text == P1
    assert _notes(parts)["stop"] == 1 and "after-stop" not in _notes(parts)


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


def test_picture_credits_prompts_and_post_footers_are_furniture():
    furniture = ["Photo by Ana Ruiz on Picturebank", "Figure 2: Cranes on the northern quay",
                 "Get the Bugle Daily newsletter", "Leave a comment", "Schreibe einen Kommentar",
                 "This entry was posted in Harbour news", "Teile diesen Beitrag", "Powered by Pressengine",
                 "Twittern", "Lea más: Port Vela reopens its southern terminal", "© Ana Ruiz/Picturebank",
                 "The old harbour at dawn. Foto: Ana Ruiz", "Lesen Sie hier weitere Hafen-Nachrichten"]
    dump = "\n\n".join(["Menu", "Freedonia And Sylvania Ministers Meet", P1, *furniture[:2], P2, *furniture[2:]])
    parts = textdump.clean(dump)
    assert parts.text == P1 + "\n\n" + P2
    for line in furniture:
        assert textdump.default_rules().nav_pattern.search(line) or line.lower() in textdump.default_rules().nav_lines


def test_prose_mentioning_a_newsletter_or_a_photo_is_kept():
    rules = textdump.default_rules()
    assert not rules.nav_pattern.search("The ministry said its weekly newsletter had reported the closure "
                                        "of the crossings as early as last spring.")
    assert not rules.nav_pattern.search("Photo archives show the crossing busy with lorries in 1998.")
    assert not rules.nav_pattern.search("The photo: a crane lying across two ships, taken by a pilot at dawn, "
                                        "went round the world.")


def test_patterns_anchored_and_floating_match_as_re_search_would():
    pats = textdump.Patterns.compile(["^share (this|on)", "all rights reserved", "^tags?:", r"\(foto:[^)]+\)$"])
    assert pats.start is not None and len(pats.anywhere) == 2
    assert pats.search("Share this")
    assert not pats.search("Please share this")  # anchored: only at the start
    assert pats.search("(c) Bugle Daily, ALL RIGHTS RESERVED")  # floating, case-insensitive
    assert pats.search("Boats at the quay (Foto: Ana Ruiz)")
    assert not textdump.Patterns.compile([]).search("anything")


def _repeats_by_pairs(paragraphs: list[str]) -> list[bool]:
    """The definition of ``_repeats``, pair by pair (quadratic): the reference for the indexed one."""
    shingles = [textdump._shingles([w.lower() for w in textdump._words(p)]) for p in paragraphs]
    return [p in paragraphs[:i] or (len(textdump._words(p)) >= 8 and any(
        q != p and len(shingles[i] & shingles[j]) / len(shingles[i]) >= 0.6
        for j, q in enumerate(paragraphs[i + 1:], start=i + 1))) for i, p in enumerate(paragraphs)]


def test_indexed_repeat_check_agrees_with_the_pairwise_definition():
    import random

    rng = random.Random(7)
    vocab = ["port", "quay", "crane", "ship", "storm", "harbour", "pilot", "cargo"]
    for _ in range(400):
        paragraphs: list[str] = []
        for _ in range(rng.randint(0, 10)):
            if paragraphs and rng.random() < 0.4:  # a near or exact copy of an earlier paragraph
                words = rng.choice(paragraphs).split()
                at = rng.randint(0, len(words))
                words[at:at] = rng.choices(vocab, k=rng.randint(0, 3))
                paragraphs.append(" ".join(words))
            else:
                paragraphs.append(" ".join(rng.choices(vocab, k=rng.randint(0, 14))))
        assert textdump._repeats(paragraphs) == _repeats_by_pairs(paragraphs), paragraphs


def test_repeat_check_is_linear_on_many_similar_lines():
    import time

    lines = [f"Line {i} of a very long dump says something." for i in range(40_000)]
    started = time.process_time()
    flags = textdump._repeats(lines)
    assert time.process_time() - started < 5  # pairwise: ~14 s of CPU for 40,000 lines; indexed: ~1 s
    # Each line is mostly contained in the next one: all but the last are near repeats.
    assert flags == [True] * (len(lines) - 1) + [False]


def test_comment_thread_header_quoting_the_headline_ends_the_article():
    comment = ("I was at the border crossing last week and the queue of lorries reached well beyond the "
               "old customs house, so this reopening cannot come soon enough.")
    for header in ("2 thoughts on “Border talks resume”", "3 Gedanken zu „Border talks resume“",
                   "One comment on “Border talks resume”"):
        dump = "\n".join(["Menu", "Border talks resume", "March 5, 2024", "", P1, "", P2, "", header, "", comment])
        parts = textdump.clean(dump)
        assert parts.text == P1 + "\n\n" + P2, header
        assert _notes(parts)["stop"] == 1


def test_a_written_out_address_is_no_prose():
    # A picture's source set splits into many "words", more text than a short article, but it is no
    # prose: the article is the sentences under the headline, not the address below the share buttons.
    image = "https://bugle.example/wp-content/uploads/2024/03/harbour-pilots-strike-quay-night"
    srcset = ", ".join(f"{image}-{w}x{w // 2}.jpg {w}w" for w in (1707, 1024, 768, 300))
    dump = "\n\n".join(["Menu", "Harbour Pilots Strike Over Pay", "Published March 3, 2024", P1,
                        "Share this article", "Harbour pilots", srcset, "More news"])
    assert not textdump._is_body(srcset)
    parts = textdump.clean(dump)
    assert parts.title == "Harbour Pilots Strike Over Pay"
    assert parts.text == P1


def test_site_notices_that_read_like_prose_are_furniture():
    # Cookie and browser warnings, an empty cart, thanks for signing up, a blog's e-mail box: sentences,
    # so they would otherwise open the run of prose above the headline.
    notices = ["We use cookies and analytics tools to make this website easier to use and to show you ads.",
               "Die Cookies in Ihrem Browser sind derzeit deaktiviert. Bitte aktivieren Sie die Cookies.",
               "You are using an out of date browser. It may not display this or other websites correctly.",
               "Es befinden sich keine Produkte im Warenkorb.",
               "Vielen Dank für Ihre Registrierung. Sie haben den Aktivierungslink per E-Mail erhalten.",
               "Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben."]
    dump = "\n\n".join(["Menu", *notices, "Freedonia And Sylvania Ministers Meet", P1, P2])
    parts = textdump.clean(dump)
    assert parts.title == "Freedonia And Sylvania Ministers Meet"
    assert parts.text == P1 + "\n\n" + P2


def test_prose_about_cookies_and_browsers_is_kept():
    rules = textdump.default_rules()
    assert not rules.nav_pattern.search("The bakery said it sold more cookies this winter than in any year "
                                        "since it opened.")
    assert not rules.nav_pattern.search("Regulators said the browser maker had until March to change how "
                                        "it asks users about tracking cookies.")


def test_a_longer_run_of_site_notices_does_not_outweigh_the_article():
    # A consent statement and a log-in form below a short article: more prose than the article, none of
    # it what the page is about.
    notices = ["We and our partners use cookies to store and access personal data on your device for "
               "analytics, ads and content measurement, and to improve this website for every visitor.",
               "By clicking Accept you agree to the processing of your personal data by us and by third "
               "parties as described in our privacy policy, which you can read at any time.",
               "Your password must have at least eight characters, one capital letter and one digit, and "
               "it must differ from the last three passwords you used on this site.",
               "Please enter the email address you registered with and we will send you a link to choose "
               "a new password for your account within the next few minutes."]
    rules = textdump.default_rules()
    for line in notices:
        assert rules.notice_pattern.search(line), line
    dump = "\n\n".join(["Menu", "Freedonia And Sylvania Ministers Meet", P1, P2, "Share", "Sign in", *notices])
    assert sum(map(len, notices)) > len(P1) + len(P2)
    parts = textdump.clean(dump)
    assert parts.title == "Freedonia And Sylvania Ministers Meet"
    assert parts.text == P1 + "\n\n" + P2


def test_notices_are_no_pattern_for_news_about_privacy():
    rules = textdump.default_rules()
    for prose in (P1, P2, "The bakery said it sold more cookies this winter than in any year since it opened.",
                  "Regulators said the browser maker had until March to change how it asks users about "
                  "tracking cookies."):
        assert not rules.notice_pattern.search(prose), prose


def test_a_line_of_figures_is_no_prose():
    ticker = " ".join(f"IDX{i} {1000 + 37 * i}.{i:02d} +0.{i}%" for i in range(12))
    # A market ticker printed between the headline and the article is not the article's first paragraph.
    dump = "\n\n".join(["Menu", "Freedonia And Sylvania Ministers Meet", ticker, P1, P2])
    parts = textdump.clean(dump)
    assert parts.title == "Freedonia And Sylvania Ministers Meet"
    assert parts.text == P1 + "\n\n" + P2


def test_skip_links_reading_markers_and_sign_up_boxes_are_furniture():
    # What a flattened page keeps of its header and comment box, in several languages: none of it is
    # the headline, whose own words come later.
    furniture = ["skip to main | skip to sidebar", "Zum Inhalt springen", "Du liest gerade",
                 "Sie sind hier", "+Comments Leave a Comment", "Get The Harbour Post to your inbox daily",
                 "View All Result", "Join now"]
    rules = textdump.default_rules()
    for line in furniture:
        assert line.lower() in rules.nav_lines or rules.nav_pattern.search(line.lower()), line
    dump = "\n\n".join([*furniture, "Freedonia And Sylvania Ministers Meet", P1, P2])
    parts = textdump.clean(dump)
    assert parts.title == "Freedonia And Sylvania Ministers Meet"
    assert parts.text == P1 + "\n\n" + P2


def test_prose_about_inboxes_and_comments_is_kept():
    rules = textdump.default_rules()
    for prose in ("The ministry said the complaints had been arriving in your inbox and ours for weeks, "
                  "and that it would answer each of them before the end of the month.",
                  "Residents were invited to join now closed consultations on the new harbour wall."):
        assert not rules.nav_pattern.search(prose.lower()), prose


def test_a_posted_by_line_is_a_byline_in_other_languages_too():
    rules = textdump.default_rules()
    for line, name in (("Veröffentlicht von Jane Doe", "Jane Doe"), ("Posted by John Roe", "John Roe"),
                       ("Publicado por Ana Pérez", "Ana Pérez")):
        assert textdump._byline(line, rules) == name


def test_shipped_patterns_join_words_with_a_bounded_gap():
    # ".*" between two words makes a search on a long line that repeats the first word quadratic; the
    # YAML header asks for ".{0,N}" instead, and this holds the shipped rules to it.
    text = resources.files("eventwire.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8")
    data = yamlio.load(text)
    for key in ("nav_patterns", "stop_patterns", "notice_patterns"):
        for pattern in data[key]:
            assert not re.search(r"(?<!\\)\.[*+]", pattern), (key, pattern)


def test_a_line_over_the_pattern_limit_is_never_furniture():
    # A footer-like line as long as a paragraph of a flattened page is not matched against the patterns
    # (their cost grows with a line's length); shorter, the same words are a copyright footer.
    footer = "Copyright 2024 The Harbour Post, all rights reserved"
    long_line = " ".join([footer] * (textdump.PATTERN_CHARS // len(footer) + 1))
    assert len(long_line) > textdump.PATTERN_CHARS
    rules = textdump.default_rules()
    assert rules.nav_pattern.search(footer)
    dump = "\n\n".join(["Menu", "Freedonia And Sylvania Ministers Meet", P1, P2, long_line])
    parts = textdump.clean(dump)
    assert long_line in parts.text
    parts = textdump.clean("\n\n".join(["Menu", "Freedonia And Sylvania Ministers Meet", P1, P2, footer]))
    assert footer not in parts.text


def test_invisible_characters_and_decomposed_letters_are_normalised_in_a_page():
    # A soft hyphen is a hyphenation hint no reader sees, and "u" + combining diaeresis is "ü": a search
    # for "Während" or "Grüße" must find the words (the page is cleaned, so its offsets are ours anyway).
    head = "Zo\u00adll\u00adstreit: Grenzu\u0308bergang wieder offen"
    middle = "Wa\u0308h\u00adrend der Gespra\u0308che blieb die Grenze zu."
    dump = f"Startseite\n\n{head}\n\nVon Jane Doe\n\n{P1}\n\n{middle}\n\n{P2}"
    parts = textdump.clean(dump)
    assert parts.title == "Zollstreit: Grenzübergang wieder offen"
    assert "Während der Gespräche blieb die Grenze zu." in parts.text
    assert "\u00ad" not in parts.text and "\u0308" not in parts.text


def test_links_to_other_stories_and_ad_labels_inside_the_article_are_dropped():
    inline = ["Lea: Consejo Permanente aborda la confiscación de sus oficinas",
              "VEA TAMBIÉN: Estrella de la educación no brilla", "Zobacz także", "Anzeige", "Beitrag teilen"]
    dump = "\n\n".join(["Startseite", P1, *inline, P2, "Hinterlasse jetzt einen Kommentar", P3])
    parts = textdump.clean(dump)
    assert parts.text == P1 + "\n\n" + P2 + "\n\n" + P3
    # A name or a plain word at the start of a sentence is no such label.
    for prose in ("Lea Fischer: the minister did not answer questions about the closures on Tuesday.",
                  "Mira said the talks would resume in Port Vela next month, officials confirmed."):
        assert prose in textdump.clean(f"Startseite\n\n{P1}\n\n{prose}\n\n{P2}").text


def test_site_furniture_that_reads_as_prose_is_dropped_inside_the_article():
    furniture = [
        "Diese Website verwendet Akismet, um Spam zu reduzieren.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
        "If you enjoyed reading this post, would you consider supporting our work? Thanks!",
        "All content is licensed under a Creative Commons Attribution 4.0 International License.",
        "This post contains references to products from our advertisers. We may receive compensation.",
        "Keine Neuigkeiten mehr verpassen: Abonnieren Sie kostenlos unseren Newsletter.",
        "Get the latest news straight to your phone with the Daily Bugle app.",
    ]
    dump = "\n\n".join(["Startseite", P1, furniture[0], P2, *furniture[1:], P3])
    assert textdump.clean(dump).text == P1 + "\n\n" + P2 + "\n\n" + P3
    # The same subjects in a reporter's sentences stay.
    for prose in ("Scammers send such messages straight to your phone, the regulator warned on Monday.",
                  "The ministry will consider supporting our farmers, the minister told reporters.",
                  "Immediate access to clean water was restored in Port Vela late on Tuesday."):
        assert prose in textdump.clean(f"Startseite\n\n{P1}\n\n{prose}\n\n{P2}").text


def test_a_sentence_ending_in_a_colon_is_prose_but_a_box_header_is_not():
    intro = "The agreement names three conditions for reopening the second crossing:"
    dump = "\n\n".join(["Home", P1, P2, intro, "Weitere Meldungen aus der Rubrik Politik:",
                        "Sylvania opens a new rail link", "Share"])
    text = textdump.clean(dump).text
    assert text == P1 + "\n\n" + P2 + "\n\n" + intro
    assert textdump._is_body(intro) and not textdump._is_body("Teilen Sie dies mit:")
    assert textdump._is_body("imports of crude oil fell by 2.9 per cent to 73.9 million tonnes;")
