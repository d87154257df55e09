"""ingest.chars: extracted text is composed and free of invisible characters; a caller's text is not."""

from __future__ import annotations

import unicodedata

from eventwire.ingest import chars
from eventwire.ingest.html import from_html
from eventwire.ingest.textdump import clean


def test_readable_composes_and_drops_invisible_characters():
    assert chars.readable("Wa\u0308h\u00adrend") == "Während"
    assert chars.readable("\ufeffzero\u200bwidth\u2060joined") == "zerowidthjoined"
    # The zero-width non-joiner and joiner are part of how some scripts are written: kept.
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert chars.readable(persian) == persian
    # NFC changes no character's meaning: ligatures, full-width letters and superscripts stay.
    assert chars.readable("\ufb01ne \uff21 x\u00b2") == "\ufb01ne \uff21 x\u00b2"


def test_html_body_and_title_are_readable_but_a_callers_title_is_kept():
    paragraph = ("Die Au\u00dfenminister beider La\u0308nder trafen sich am Dienstag in der Haupt&shy;stadt, "
                 "um u\u0308ber die Wiedero\u0308ffnung zweier Grenzu\u0308berga\u0308nge zu sprechen.")
    page = (f"<html><head><title>Grenz&shy;streit beigelegt</title></head><body><article>"
            f"<h1>Grenz&shy;streit beigelegt</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>")
    art = from_html(page, input="p.html")
    assert art.title == "Grenzstreit beigelegt"
    assert "Hauptstadt" in art.text and "Grenzübergänge" in art.text
    assert unicodedata.is_normalized("NFC", art.text) and "\u00ad" not in art.text
    assert from_html(page, input="p.html", title="Grenz\u00adstreit").title == "Grenz\u00adstreit"


def test_a_clean_text_passed_through_keeps_its_characters():
    text = "Wa\u0308h\u00adrend der Gespra\u0308che blieb die Grenze zu.\n\nDie Minister reisten ab."
    assert clean(text).text == text  # no page furniture: the caller's text and offsets, unchanged
