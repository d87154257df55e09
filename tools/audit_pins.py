#!/usr/bin/env python3
"""Check the locked dependency versions against PyPI's advisory data, using only per-project JSON.

    python3 tools/audit_pins.py requirements.lock requirements-dev.lock [--index https://pypi.org]

Why a second check beside pip-audit: pip-audit asks ``/pypi/<name>/<version>/json`` (or OSV), and
some registries and mirrors only serve the per-project document ``/pypi/<name>/json``. That
document carries the ``vulnerabilities`` PyPI knows for the project's *latest* release, so it answers
for every pin that is the latest release, and for no other. Each pin is reported as:

- ``ok``: the pin is the latest release and PyPI lists no vulnerability for it;
- ``VULNERABLE``: PyPI lists advisories for it (ids and fixed-in versions are printed);
- ``unchecked``: the pin is not the latest release (the document says nothing about it), the
  project is unknown to the index, or the request failed; the reason is printed.

Exit status: 0 only when every pin is ``ok``; 1 when any is vulnerable; 2 when none is vulnerable but
some could not be checked (so "nothing found" never hides "nothing looked at"). Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
USER_AGENT = "eventwire-audit-pins/1 (+https://github.com/eventwire)"


@dataclass(frozen=True)
class Finding:
    """The verdict on one pin."""

    name: str
    version: str
    status: str  # "ok" | "VULNERABLE" | "unchecked"
    detail: str


def pins(paths: list[Path]) -> list[tuple[str, str]]:
    """Every ``name==version`` line of the lock files, normalised name, each pin once, sorted."""
    found: set[tuple[str, str]] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _PIN.match(line.strip())
            if m:
                found.add((re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(2)))
    return sorted(found)


def judge(name: str, version: str, document: dict[str, object]) -> Finding:
    """The verdict for ``name==version`` given the project's JSON document."""
    info = document.get("info")
    latest = info.get("version") if isinstance(info, dict) else None
    if latest != version:
        return Finding(name, version, "unchecked", f"latest release is {latest}; the project document "
                                                   "lists advisories for that release only")
    vulns = document.get("vulnerabilities") or []
    if not isinstance(vulns, list):
        return Finding(name, version, "unchecked", "malformed 'vulnerabilities' field")
    if not vulns:
        return Finding(name, version, "ok", "latest release, no advisory")
    ids = []
    for v in vulns:
        if isinstance(v, dict):
            fixed = ", ".join(map(str, v.get("fixed_in") or [])) or "no fix listed"
            ids.append(f"{v.get('id')} (fixed in {fixed})")
    return Finding(name, version, "VULNERABLE", "; ".join(ids))


def fetch(index: str, name: str, version: str, timeout: float) -> Finding:
    """Fetch the project document and judge the pin; a failure is an ``unchecked`` finding."""
    req = urllib.request.Request(f"{index.rstrip('/')}/pypi/{name}/json", headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            document = json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return Finding(name, version, "unchecked", f"index answered HTTP {exc.code}")
    except (OSError, ValueError) as exc:
        return Finding(name, version, "unchecked", f"request failed: {exc}")
    if not isinstance(document, dict):
        return Finding(name, version, "unchecked", "index answered something that is not a JSON object")
    return judge(name, version, document)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("locks", nargs="+", type=Path)
    ap.add_argument("--index", default="https://pypi.org")
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args(argv)
    todo = pins(args.locks)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        findings = list(pool.map(lambda p: fetch(args.index, p[0], p[1], args.timeout), todo))
    for f in findings:
        print(f"{f.status:<11} {f.name}=={f.version}  {f.detail}")
    counts = {s: sum(f.status == s for f in findings) for s in ("ok", "VULNERABLE", "unchecked")}
    print(f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, index {args.index}")
    print(f"{len(findings)} pins: {counts['ok']} ok, {counts['VULNERABLE']} vulnerable, "
          f"{counts['unchecked']} unchecked")
    if counts["VULNERABLE"]:
        return 1
    return 2 if counts["unchecked"] else 0


if __name__ == "__main__":
    sys.exit(main())
