"""What is this input? Size, binary content, compression, encoding and kind, decided before parsing.

``load(path_or_bytes)`` returns a :class:`Blob` (decoded text plus its kind) or raises
:class:`~eventwire.errors.InputError` with a reason a user can act on. Decompression is bounded, so a
gzip bomb is rejected by size like any other oversized input.
"""

from __future__ import annotations

import gzip
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

from eventwire.errors import InputError

# Magic numbers of formats that are never news text.
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"RIFF": "a RIFF media file",
    b"OggS": "an Ogg media file",
    b"\x00\x00\x01\x00": "an icon",
}
_GZIP = b"\x1f\x8b"
KINDS = ("textdump", "html", "feed", "jsonl", "csv", "warc", "json")
_EXT = {
    ".txt": "textdump", ".text": "textdump", ".md": "textdump",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc",
}  # fmt: skip
# Leading comments are one greedy span, not a repeated group: "(<!--.*?-->\s*)*" tried every way of
# cutting 600 empty comments into comments before it failed (exponential).
_HTML_START = re.compile(rb"^\s*(?:<!--.*-->\s*)?(<!doctype\s+html|<html|<head|<body)", re.I | re.S)
_FEED_START = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)


@dataclass(frozen=True)
class Blob:
    """A decoded input: its text (or raw bytes for WARC), its kind and its detected encoding."""

    name: str
    kind: str
    text: str
    raw: bytes
    encoding: str


def strip_suffixes(name: str) -> tuple[str, bool]:
    """(name without a trailing .gz, was it gzipped by name)."""
    low = name.lower()
    if low.endswith(".gz"):
        return name[:-3], True
    return name, False


def guess_kind(name: str, head: bytes) -> str:
    """The kind of an input from its (un-gzipped) name and first bytes; content wins over a wrong name."""
    base, _ = strip_suffixes(name)
    ext = "." + base.rsplit(".", 1)[-1].lower() if "." in base.rsplit("/", 1)[-1] else ""
    by_name = _EXT.get(ext)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<rss") or stripped.startswith(b"<feed"):
        if _FEED_START.search(head):
            return "feed"
        return by_name or "html"
    if _HTML_START.match(head):
        return "html"
    if stripped.startswith(b"{") and by_name not in ("jsonl", "json"):
        return "jsonl"
    return by_name or "textdump"


def _gunzip(data: bytes, name: str, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: truncated or corrupt gzip data ({exc})") from exc
    if len(out) > limit:
        raise InputError(f"{name}: decompresses to more than {limit:,} bytes (limit); rejected")
    return out


def _guess(data: bytes) -> str | None:
    """charset-normalizer's encoding for ``data`` (not UTF-8), or None when it finds none."""
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    # Several single-byte code pages often score the same on short Western text; cp1252 is by far
    # the most common of them on the web, so it wins a tie.
    tied = {m.encoding for m in matches if m.chaos == best.chaos and m.coherence == best.coherence}
    return "cp1252" if "cp1252" in tied else best.encoding


def _latin_script(text: str) -> bool:
    """Are most non-ASCII letters of ``text`` Latin ones (or are there none)?"""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    return 2 * sum(unicodedata.name(c, "").startswith("LATIN") for c in letters) >= len(letters)


def _mixed(data: bytes) -> tuple[str, str] | None:
    """Text of a file pasted together from UTF-8 and another encoding (some lines each), or None when
    it is not one. It is one when a line that is valid UTF-8 holds at least two multi-byte characters:
    one alone can be a code page's two letters that happen to form valid UTF-8, two almost never are.
    UTF-8 lines are decoded as UTF-8 and the others in the encoding guessed for them (cp1252 when
    none is)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: its lines are not byte lines
        return None
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    proof = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            continue
        decoded.append(text)
        proof = proof or sum(ord(c) > 127 for c in text) >= 2
    if not proof:
        return None
    rest = b"\n".join(line for line, text in zip(lines, decoded, strict=True) if text is None)
    other = _guess(rest) or "cp1252"
    if _latin_script(rest.decode(other, errors="replace")):
        # On a few lines charset-normalizer cannot tell the Latin code pages apart (it read "déjà" as
        # cp1257's "déją", "Müller" as "M³ller"); cp1252 is by far the most common of them.
        other = "cp1252"
    text = "\n".join(t if t is not None else line.decode(other, errors="replace")
                     for line, t in zip(lines, decoded, strict=True))
    return text.removeprefix("\ufeff"), f"utf-8+{other}"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding name. UTF-8 (with or without BOM) first; then UTF-8 mixed line by line with
    another encoding (see ``_mixed``); then charset-normalizer's best guess."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data)
    if mixed is not None:
        return mixed
    encoding = _guess(data)
    if encoding is None:
        raise InputError(f"{name}: not text in any encoding charset-normalizer knows")
    return data.decode(encoding, errors="replace"), encoding


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, or None when it may be."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return f"binary content: {what}"
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; let it through when it has a BOM.
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        return "binary content: NUL bytes in the first 8 KB"
    return None


def load(data: bytes, name: str, max_bytes: int) -> Blob:
    """Check and decode one input. Raises InputError naming ``name`` when it cannot be used."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: {len(data):,} bytes is over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith(_GZIP):
        base, _ = strip_suffixes(name)
        if guess_kind(base, b"") == "warc" or base.lower().endswith(".warc"):
            return Blob(name=name, kind="warc", text="", raw=data, encoding="binary")
        data = _gunzip(data, name, max_bytes)
        name = base
        if not data.strip():
            raise InputError(f"{name}: empty input")
    why = binary_reason(data)
    if why:
        raise InputError(f"{name}: {why}")
    kind = guess_kind(name, data[:4096])
    if kind == "warc":
        return Blob(name=name, kind=kind, text="", raw=data, encoding="binary")
    text, encoding = decode(data, name)
    return Blob(name=name, kind=kind, text=text, raw=data, encoding=encoding)
