"""ingest.tabular (and build.from_row): one article per row; bad rows become Rejects naming file#line."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import InputError
from eventwire.ingest import tabular
from eventwire.ingest.build import from_row
from eventwire.records import Article, Reject


def _kinds(items):
    return [type(x).__name__ for x in items]


def test_jsonl_fixture(fixtures):
    items = list(tabular.read_jsonl((fixtures / "rows.jsonl").read_text("utf-8"), "rows.jsonl"))
    assert _kinds(items) == ["Article", "Reject", "Reject", "Reject", "Reject", "Article"]
    first, bad_json, not_object, no_text, bad_date, aliased = items
    assert first.ref == "r1"
    assert first.input == "rows.jsonl#1"
    assert first.published == dt.date(2024, 1, 15)
    assert first.kind == "jsonl"
    assert bad_json.input == "rows.jsonl#2"
    assert bad_json.reason.startswith("rows.jsonl#2: not valid JSON")
    assert "got list" in not_object.reason and not_object.input == "rows.jsonl#3"
    assert "neither a text nor an html" in no_text.reason
    assert "cannot read date 'someday'" in bad_date.reason
    # blank line 6 is skipped, but line numbers still count it
    assert aliased.input == "rows.jsonl#7"
    assert (aliased.ref, aliased.title, aliased.source) == ("r7", "Talks", "Bugle")


def test_jsonl_does_not_split_on_unicode_line_separators():
    text = '{"id": "u", "text": "First part\u2028second part of one sentence."}\n'
    (art,) = tabular.read_jsonl(text, "u.jsonl")
    assert isinstance(art, Article)
    assert "\u2028" in art.text


def test_parse_jsonl_line_errors():
    with pytest.raises(InputError, match=r"f#3: not valid JSON \(.* at column 2\)"):
        tabular.parse_jsonl_line("{oops", "f#3")
    with pytest.raises(InputError, match="expected a JSON object, got str"):
        tabular.parse_jsonl_line('"just a string"', "f#1")
    with pytest.raises(InputError, match="nested too deeply"):
        tabular.parse_jsonl_line("[" * 100_000 + "]" * 100_000, "f#1")
    assert tabular.parse_jsonl_line('{"a": 1}', "f#1") == {"a": 1}


def test_csv_fixture(fixtures):
    items = list(tabular.read_csv((fixtures / "rows.csv").read_text("utf-8"), "rows.csv"))
    assert _kinds(items) == ["Article", "Reject", "Article"]
    assert [x.input for x in items] == ["rows.csv#2", "rows.csv#3", "rows.csv#4"]
    c1 = items[0]
    assert (c1.ref, c1.title, c1.source, c1.published) == ("c1", "Border talks", "Bugle", dt.date(2024, 1, 19))
    assert c1.text == "The ministers met on Friday, officials said."


def test_tsv_with_field_mapping():
    text = "key\tcontent\twhen\nt1\tSylvania closed its embassy.\t2024-02-02\n"
    (art,) = tabular.read_csv(text, "x.tsv", {"id": "key", "text": "content", "date": "when"})
    assert (art.ref, art.text, art.published) == ("t1", "Sylvania closed its embassy.", dt.date(2024, 2, 2))


def test_mapping_overrides_aliases():
    row = {"id": "alias-id", "my_id": "mapped-id", "text": "Freedonia expelled two diplomats."}
    assert from_row(row, input="x", mapping={"id": "my_id"}).ref == "mapped-id"
    assert from_row(row, input="x").ref == "alias-id"


def test_csv_rows_have_kind_csv(fixtures):
    items = list(tabular.read_csv((fixtures / "rows.csv").read_text("utf-8"), "rows.csv"))
    assert items[0].kind == "csv"


def test_json_array_and_single_object():
    items = list(tabular.read_json('[{"id": "j1", "text": "Freedonia expelled two diplomats."}, 5]', "x.json"))
    assert _kinds(items) == ["Article", "Reject"]
    assert items[1].input == "x.json#2"
    (one,) = tabular.read_json('{"id": "j9", "story": "Sylvania recalled its envoy."}', "y.json")
    assert (one.ref, one.text) == ("j9", "Sylvania recalled its envoy.")


def test_json_invalid():
    (rej,) = tabular.read_json("{bad", "x.json")
    assert isinstance(rej, Reject)
    assert rej.input == "x.json" and "not valid JSON" in rej.reason


def test_from_row_type_errors():
    with pytest.raises(InputError, match="text field is not a string"):
        from_row({"id": "a", "text": 5}, input="f#1")
    with pytest.raises(InputError, match="html field is not a string"):
        from_row({"id": "a", "html": ["<p>x</p>"]}, input="f#1")
    with pytest.raises(InputError, match="f#1: no article text found"):
        from_row({"id": "a", "text": "   "}, input="f#1")


def test_from_row_list_author_and_numeric_id():
    art = from_row({"id": 7, "text": "Talks resumed.", "authors": ["A. One", "B. Two"]}, input="f#1")
    assert art.ref == "7"
    assert art.author == "A. One, B. Two"


def test_from_row_html():
    page = ("<html><body><article><p>Sylvania's parliament voted on Monday to extend the state of emergency "
            "in the northern provinces for another three months, the speaker said.</p></article></body></html>")
    art = from_row({"id": "h", "html": page, "title": "Emergency extended"}, input="f#1")
    assert art.text.startswith("Sylvania's parliament voted")
    assert "<p>" not in art.text
    assert art.title == "Emergency extended"


def test_bad_csv_does_not_raise():
    items = list(tabular.read_csv('id,text\n"a,"unterminated\n', "bad.csv"))
    assert items, "a malformed CSV must produce a Reject or rows, not nothing"
    assert all(isinstance(x, (Article, Reject)) for x in items)
