"""``nlp.parse``: one ``nlp.pipe`` over the stream keeps the input order of articles, non-English
articles and rejects, and parsing in two processes gives the same Docs as in one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire import nlp
from eventwire.ingest.build import from_row
from eventwire.pipeline import Stages
from eventwire.records import Article, Reject
from eventwire.settings import Settings

pytestmark = pytest.mark.model

TEXTS = ["Russia and Belarus held talks in Minsk on Friday.",
         "The Kremlin condemned the sanctions.",
         "Armenian Prime Minister Nikol Pashinyan met NATO officials in Brussels.",
         "Police arrested two protesters in Kyoto."]


def _article(i: int, language: str | None = None) -> Article:
    article = from_row({"id": str(i), "text": TEXTS[i % len(TEXTS)]}, input=f"t#{i}")
    return replace(article, language=language) if language else article


def _stream() -> list[Article | Reject]:
    return [Reject(input="r#0", stage="read", reason="bad line"), _article(0, "fr"), _article(1),
            Reject(input="r#1", stage="read", reason="bad line"), _article(2), _article(3, "de"), _article(4),
            _article(5), Reject(input="r#2", stage="read", reason="bad line"), _article(6, "fr")]


def _shape(out: list[object]) -> list[tuple[str, str | None]]:
    """What came out, in order: ("reject", input) or (article input, the parsed text or None)."""
    shape: list[tuple[str, str | None]] = []
    for item in out:
        if isinstance(item, Reject):
            shape.append(("reject", item.input))
        else:
            article, doc = item  # type: ignore[misc]
            shape.append((article.input, None if doc is None else doc.text))
    return shape


def test_order_is_kept(settings: Settings) -> None:
    stream = _stream()
    out = _shape(list(nlp.parse(stream, replace(settings, batch_size=2))))
    expected = [("reject", s.input) if isinstance(s, Reject)
                else (s.input, None if s.language not in (None, "en") else s.text) for s in stream]
    assert out == expected


def test_empty_and_unparsed_only_streams(settings: Settings) -> None:
    assert list(nlp.parse([], settings)) == []
    only = [Reject(input="r", stage="read", reason="x"), _article(0, "fr")]
    assert _shape(list(nlp.parse(only, settings))) == [("reject", "r"), ("t#0", None)]


def test_two_processes_give_the_same_docs(settings: Settings) -> None:
    # With entities recognised only where the stages use them, as the pipeline parses.
    stream = _stream()
    focus_on = Stages.load(settings).focus
    one = list(nlp.parse(stream, replace(settings, batch_size=2, n_process=1), focus_on))
    two = list(nlp.parse(stream, replace(settings, batch_size=2, n_process=2), focus_on))
    assert _shape(one) == _shape(two)
    for a, b in zip(one, two, strict=True):
        if not isinstance(a, Reject) and a[1] is not None:
            assert not isinstance(b, Reject) and b[1] is not None
            assert a[1].to_json() == b[1].to_json()
