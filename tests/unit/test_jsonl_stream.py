"""Streaming JSONL: a corpus file of any size is read line by line; only a line has a size limit."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventwire.ingest import read
from eventwire.records import Article, Reject
from eventwire.settings import Settings

BODY = "The foreign ministers of Freedonia and Sylvania met in Port Vela on Tuesday to discuss trade."


def _rows(n: int) -> list[str]:
    return [json.dumps({"id": str(i), "text": f"{BODY} Meeting number {i}."}) for i in range(n)]


def test_a_jsonl_file_over_the_size_limit_is_streamed_not_rejected(tmp_path: Path) -> None:
    lines = _rows(40)
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    settings = Settings.from_env(max_bytes=len(lines[0]) * 3)  # the file is far bigger than the limit
    out = list(read([str(path)], settings))
    assert sum(isinstance(x, Article) for x in out) == 40


def test_an_over_long_line_bad_bytes_and_bad_json_are_rejects_of_their_own(tmp_path: Path) -> None:
    good = _rows(2)
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write((good[0] + "\n").encode())
        f.write(json.dumps({"id": "long", "text": "x " * 5000}).encode() + b"\n")
        f.write(b"\xff\xfe not utf-8\n")
        f.write(b"{not json\n")
        f.write((good[1] + "\n").encode())
    out = list(read([str(path)], Settings.from_env(max_bytes=2000)))
    assert [type(x).__name__ for x in out] == ["Article", "Reject", "Reject", "Reject", "Article"]
    reasons = [x.reason for x in out if isinstance(x, Reject)]
    assert "limit" in reasons[0] and "UTF-8" in reasons[1] and "JSON" in reasons[2]
