"""Hand-built spaCy Docs for the component tests, which need no model (shared by the event tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab

# A wire story long enough for a MinHash signature (the near-duplicate tests rewrite it).
FISHING_STORY = (
    "Officials from Ghana and Togo met on Tuesday in Lome to discuss a dispute over fishing rights along "
    "their maritime border, the two foreign ministries said in a joint statement. The talks lasted "
    "six hours and ended with an agreement to set up a joint patrol commission before the end of the "
    "year. Fishermen on both sides have complained for months that trawlers cross the line at night, "
    "and a boat was seized by the Togolese navy in May. Both delegations said they would meet again "
    "in Accra next month to settle the remaining questions about licences and inspections."
)


@dataclass(frozen=True)
class KBName:
    """What a knowledge-base lookup returns, as far as the rules under test read it."""

    actor: Any
    kind: str


class NoKB:
    """A knowledge base that knows no names (the rules under test must not depend on it)."""

    def lookup_name(self, text: str, on: Any = None) -> None:
        return None

    def country_on(self, country: str | None, on: Any = None) -> str | None:
        return country

    def later_states(self, country: str) -> frozenset[str]:
        return frozenset()


def doc(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """One sentence from rows of (word, head index, dep, pos, lemma, entity IOB tag such as "B-GPE" or
    "O"); a word is followed by a space unless the next one is punctuation."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" for i in range(len(rows))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[r[4] for r in rows], ents=[r[5] for r in rows],
               sent_starts=[i == 0 for i in range(len(rows))])
