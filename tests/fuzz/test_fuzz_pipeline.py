"""`eventwire code` on one generated input, the whole pipeline: a JSONL line is parsed, made an
Article, parsed by spaCy, coded (actors, quotes, events) and written as JSON in UTF-8. Each line
gives a coded article or an error object with a reason; offsets point into the article text."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fuzzgen import row, short_text
from fuzzkit import FUZZ, feed
from hypothesis import given
from hypothesis import strategies as st

from eventwire import pipeline
from eventwire.errors import InputError
from eventwire.ingest.build import from_row
from eventwire.ingest.tabular import parse_jsonl_line
from eventwire.records import CodedArticle, Reject

pytestmark = pytest.mark.model


@st.composite
def jsonl_line(draw: st.DrawFn) -> str:
    """One input line of `eventwire code`: mostly a row (short: spaCy is the slow part), sometimes not
    JSON at all or not an object."""
    kind = draw(st.sampled_from(["row"] * 8 + ["text", "array"]))
    if kind == "text":
        return draw(short_text)
    value = draw(row(big=False))
    return json.dumps([value] if kind == "array" else value, ensure_ascii=draw(st.booleans()))


def _check_offsets(coded: CodedArticle) -> None:
    text = coded.article.text
    for m in coded.actors:
        assert text[m.start : m.end] == m.text, m
    for q in coded.quotes:
        assert 0 <= q.start <= q.end <= len(text), q
    for e in coded.events:
        assert 0 <= e.sentence_start <= e.start <= e.end <= e.sentence_end <= len(text), e
        assert text[e.sentence_start : e.sentence_end] == e.sentence


@FUZZ
@given(line=jsonl_line())
def test_code_one_line(line: str, stages: pipeline.Stages, settings: object) -> None:
    def run() -> Iterator[CodedArticle | Reject]:
        # What `eventwire code` does with one line (cli.code): a bad line is a Reject, not an exception.
        try:
            item = from_row(parse_jsonl_line(line, "fuzz.jsonl#1"), input="fuzz.jsonl#1")
        except InputError as exc:
            yield Reject(input="fuzz.jsonl#1", stage="ingest", reason=str(exc))
            return
        yield from pipeline.code_articles([item], settings, stages)  # type: ignore[arg-type]

    out = feed("eventwire code (whole pipeline)", run)
    (result,) = out.items
    if isinstance(result, CodedArticle):
        _check_offsets(result)
        obj = {**result.to_dict(), "id": "x"}
    else:
        obj = {"id": "x", "error": result.reason}
    json.dumps(obj, ensure_ascii=False).encode("utf-8")
