"""Text as a reader sees it: one spelling for characters that print the same.

Pages hyphenate long words with soft hyphens ("Wäh\u00adrend"), glue words with zero-width spaces or word
joiners, and write letters decomposed ("u" + combining diaeresis for "ü"). None of it shows, but a
search for "Während", a duplicate check or spaCy's tokenizer sees different text. ``readable`` gives
the text composed (Unicode NFC, which changes no character's meaning) with those invisible characters
removed. Readers apply it to text they extract (dump lines, an HTML page's body and title), never to
a clean text given by the caller, whose offsets must stay the caller's.
"""

from __future__ import annotations

import unicodedata

#: Soft hyphen, zero-width space, word joiner, byte-order mark (zero-width no-break space). Not the
#: zero-width (non-)joiners, which change how Persian, Indic and emoji text is written.
INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_DROP = str.maketrans("", "", INVISIBLE)


def readable(text: str) -> str:
    """``text`` composed (NFC) without ``INVISIBLE`` characters."""
    if text.isascii():  # most lines of most pages: nothing to do (a constant-time test)
        return text
    if any(c in text for c in INVISIBLE):  # four substring scans beat translate's per-character lookup
        text = text.translate(_DROP)
    return unicodedata.normalize("NFC", text)
