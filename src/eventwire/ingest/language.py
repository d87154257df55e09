"""Language identification with py3langid (a compact n-gram model that ships inside the package).

Returns the ISO 639-1 code and a human-readable reason. Very short texts are not classified
reliably, so below ``MIN_CHARS`` letters English is assumed and the reason says so; below
``SHORT_CHARS`` letters English wins when it is among the ``RUNNER_UP`` best guesses.
"""

from __future__ import annotations

import functools
from typing import Any

MIN_CHARS = 40
SHORT_CHARS = 400
RUNNER_UP = 3


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, str]:
    """(language, reason) for ``text``."""
    sample = text[:5000]
    letters = sum(map(str.isalpha, sample))
    if letters < MIN_CHARS:
        return "en", f"assumed: only {letters} letters, too short to identify"
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    if lang != "en" and letters < SHORT_CHARS and any(code == "en" for code, _ in ranked[:RUNNER_UP]):
        # Short English text is easily taken for a close relative (Nigerian Pidgin, Scots): when English
        # is a runner-up on a short text, English it is.
        return "en", f"py3langid {lang} p={float(prob):.2f}, but English is a runner-up on a short text"
    return str(lang), f"py3langid {lang} p={float(prob):.2f}"
