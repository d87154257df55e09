"""ingest.ids: the same text always gets the same id, whatever its whitespace, case or quote style."""

from __future__ import annotations

import hashlib
import re

import pytest

from eventwire.ingest import ids

BASE = 'The minister said "no" to the plan.'


@pytest.mark.parametrize(
    "variant",
    [
        "  The minister said \"no\" to the plan.\n",
        "THE MINISTER SAID \"NO\" TO THE PLAN.",
        "The  minister\tsaid\n\n\"no\" to the\u00a0plan.",
        "The minister said “no” to the plan.",
        "The minister said \uff02no\uff02 to the plan.",  # fullwidth quotes: NFKC folds them
    ],
)
def test_equivalent_texts_share_an_id(variant):
    assert ids.article_id(variant) == ids.article_id(BASE)
    assert ids.content_hash(variant) == ids.content_hash(BASE)


def test_different_texts_get_different_ids():
    assert ids.article_id(BASE) != ids.article_id("The minister said yes to the plan.")


def test_article_id_is_prefix_of_content_hash():
    h = ids.content_hash(BASE)
    assert re.fullmatch(r"[0-9a-f]{64}", h)
    assert ids.article_id(BASE) == h[:16]


def test_content_hash_is_sha256_of_normalised_text():
    assert ids.content_hash(BASE) == hashlib.sha256(ids.normalise(BASE).encode("utf-8")).hexdigest()


def test_normalise():
    assert ids.normalise("  A\u2019s   ‘B’ \n C ") == "a's 'b' c"
    assert ids.normalise("Straße") == "strasse"  # casefold, not lower


def test_child_id():
    assert ids.child_id("abc", "e", 3) == "abc-e-3"
    assert ids.child_id("abc", 0) == "abc-0"
    assert ids.child_id("abc", "e", 1) != ids.child_id("abc", "e", 2)


@pytest.mark.parametrize("variant", [
    "“We will not yield,” ",
    '"we will NOT yield."',
    "We will\nnot   yield!",
    "‘We will not yield’",
])
def test_same_words_quoted_differently_share_a_quote_key(variant):
    assert ids.quote_key(variant) == ids.quote_key("We will not yield")


def test_different_words_get_different_quote_keys():
    assert ids.quote_key("We will not yield") != ids.quote_key("We will yield")
    assert re.fullmatch(r"[0-9a-f]{16}", ids.quote_key("We will not yield") or "")


@pytest.mark.parametrize("empty", ["", "\n", " “ ” ... "])
def test_a_quote_without_words_has_no_key(empty):
    assert ids.quote_key(empty) is None
