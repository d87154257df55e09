"""Identity: the same text always gets the same id, whatever its whitespace or case.

``content_hash`` is the SHA-256 of the normalised text (Unicode NFKC, casefolded, whitespace runs
collapsed, curly quotes made straight); ``article_id`` is its first 16 hex digits. The store skips an
article whose content hash it already holds, which makes ingest idempotent. ``quote_key`` does the
same for a quotation, ignoring punctuation as well, so that the store can link one quotation carried
by several articles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def normalise(text: str) -> str:
    """The form of ``text`` that identity is computed on."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    return content_hash(text)[:16]


def child_id(parent: str, *parts: object) -> str:
    """A stable id for something inside an article (an event, a quote): parent id + position."""
    return parent + "-" + "-".join(str(p) for p in parts)


_NOT_WORD = re.compile(r"[\W_]+")


def quote_key(text: str) -> str | None:
    """The key that links the same quotation in different articles: the first 16 hex digits of the
    SHA-256 of its words (``normalise``d, then every run of punctuation, quote marks and spaces made
    one space). “We will not yield,” and "we will NOT yield." get the same key; a text with no words
    gets none (None), so that empty spans are never linked to one another."""
    words = _NOT_WORD.sub(" ", normalise(text)).strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16] if words else None
