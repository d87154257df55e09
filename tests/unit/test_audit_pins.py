"""tools/audit_pins.py: lock-file pins and the verdict drawn from a project's JSON document."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "tools" / "audit_pins.py"
_spec = importlib.util.spec_from_file_location("audit_pins", _PATH)
assert _spec is not None and _spec.loader is not None
audit_pins = importlib.util.module_from_spec(_spec)
sys.modules["audit_pins"] = audit_pins  # dataclasses look their module up there
_spec.loader.exec_module(audit_pins)


def test_pins_are_read_normalised_and_once(tmp_path: Path) -> None:
    lock = tmp_path / "a.lock"
    lock.write_text("# comment\nCharset_Normalizer==3.5.3 \\\n    --hash=sha256:abc\n"
                    "uvicorn[standard]==0.40.0 ; python_version >= '3.11'\n", encoding="utf-8")
    other = tmp_path / "b.lock"
    other.write_text("charset-normalizer==3.5.3\nspacy>=3\n", encoding="utf-8")
    assert audit_pins.pins([lock, other]) == [("charset-normalizer", "3.5.3"), ("uvicorn", "0.40.0")]


def test_verdicts() -> None:
    doc = {"info": {"version": "2.0"}, "vulnerabilities": []}
    assert audit_pins.judge("x", "2.0", doc).status == "ok"
    older = audit_pins.judge("x", "1.9", doc)
    assert older.status == "unchecked" and "2.0" in older.detail
    bad = {"info": {"version": "2.0"}, "vulnerabilities": [{"id": "PYSEC-1", "fixed_in": ["2.1"]}]}
    found = audit_pins.judge("x", "2.0", bad)
    assert found.status == "VULNERABLE" and "PYSEC-1" in found.detail and "2.1" in found.detail
    assert audit_pins.judge("x", "2.0", {"info": {"version": "2.0"}, "vulnerabilities": "?"}).status == "unchecked"


def test_unreachable_index_is_unchecked_not_ok() -> None:
    f = audit_pins.fetch("http://127.0.0.1:9", "x", "1.0", timeout=2)
    assert f.status == "unchecked" and "failed" in f.detail
