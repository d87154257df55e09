"""Identity: the same text always gets the same id, whatever its whitespace or case.

``content_hash`` is the SHA-256 of the normalised text (Unicode NFKC, casefolded, whitespace runs
collapsed, curly quotes made straight); ``article_id`` is its first 16 hex digits. The store skips an
article whose content hash it already holds, which makes ingest idempotent.
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
