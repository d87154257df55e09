"""Import PETRARCH/Phoenix dictionaries into eventwire's KB format (a ``--kb-extra`` YAML file).

Actors dictionary: a block per actor, first line the name and its codes, then ``+SYNONYM`` lines::

    VIKTOR_KHRENIN_  [BLRMIL 190120-]
    +KHRENIN_
    ALEXANDER_LUKASHENKO_  [BLRGOV >940720]

Underscores stand for spaces (a trailing one marks a word end). A code may carry dates as
``YYMMDD``: ``>940720`` (from), ``<940720`` (until), ``700101-990809`` (from-until). Two-digit years
below 50 are 20xx. Each dated code becomes one ``officials`` row (country = first three letters,
sector = the rest's first three, ``also`` the others); an IGO code (``IGO...``) becomes an ``igo`` row.

Agents dictionary: ``DEFENSE_MINIST [~GOVMIL]``: a role noun; the last sector is the primary one
("defence minister" is MIL, also GOV). ``#`` starts a comment. Lines that fit neither shape are
reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eventwire.actors.kb import SECTORS

# A code holds no bracket: "[^\]]+" from every "[" of a "[[[[..." line ran to its end (quadratic).
_CODE = re.compile(r"\[([^\[\]]+)\]")
_DATE = re.compile(r"^(\d{6})$")


def _name(token: str) -> str:
    return token.strip().strip("_").replace("_", " ").strip()


def _date(yymmdd: str) -> str | None:
    if not _DATE.match(yymmdd):
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    year = 2000 + yy if yy < 50 else 1900 + yy
    try:
        return dt.date(year, mm, dd).isoformat()
    except ValueError:
        return None


def _sectors(rest: str) -> list[str]:
    return [rest[i : i + 3] for i in range(0, len(rest) - len(rest) % 3, 3) if rest[i : i + 3] in SECTORS]


def code_row(code: str) -> dict[str, Any] | None:
    """One bracketed code ("BLRGOV >940720") as a partial official row (without name/aliases)."""
    parts = code.split()
    if not parts:
        return None
    cameo = parts[0].upper()
    row: dict[str, Any] = {}
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            row["start"] = _date(span[1:])
        elif span.startswith("<"):
            row["end"] = _date(span[1:])
        elif "-" in span:
            a, _, b = span.partition("-")
            row["start"], row["end"] = _date(a), _date(b) if b else None
    if cameo.startswith("IGO"):
        row.update(igo=cameo, sector="IGO")
        return row
    sectors = _sectors(cameo[3:])
    if len(cameo) < 3 or not cameo[:3].isalpha():
        return None
    row.update(country=cameo[:3], sector=sectors[0] if sectors else "GOV")
    if len(sectors) > 1:
        row["also"] = sectors[1:]
    return row


def parse_actors(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """(officials rows, problems) from a Phoenix actors dictionary."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    current: list[dict[str, Any]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.lstrip().startswith("+"):
            if not current:
                problems.append(f"line {n}: synonym before any actor")
                continue
            for row in current:
                row["aliases"].append(_name(line.lstrip()[1:]))
            continue
        codes = _CODE.findall(line)
        name = _name(_CODE.sub("", line))
        if not name or not codes:
            problems.append(f"line {n}: not an actor line: {raw.strip()[:60]!r}")
            current = []
            continue
        current = []
        for code in codes:
            partial = code_row(code)
            if partial is None:
                problems.append(f"line {n}: cannot read code [{code}]")
                continue
            current.append({"name": name.title(), "aliases": [], **partial})
        rows.extend(current)
    for row in rows:
        row["aliases"] = [a.title() for a in row["aliases"]]
    return rows, problems


def parse_agents(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """(roles rows, problems) from a Phoenix agents dictionary."""
    by_sector: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    problems: list[str] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        codes = _CODE.findall(line)
        noun = _name(_CODE.sub("", line)).lower()
        sectors = _sectors(codes[0].strip().lstrip("~").upper()) if codes else []
        if not noun or not sectors:
            problems.append(f"line {n}: not an agent line: {raw.strip()[:60]!r}")
            continue
        by_sector.setdefault((sectors[-1], tuple(sectors[:-1])), []).append(noun)
    rows = [{"sector": s, **({"also": list(a)} if a else {}), "nouns": nouns} for (s, a), nouns in by_sector.items()]
    return rows, problems
