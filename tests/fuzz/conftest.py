"""The fuzz tests' session report: inputs per reader, printed at the end and written to
``EVENTWIRE_FUZZ_REPORT`` when set (see fuzzkit.py for the knobs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fuzzkit import REPORT, TALLIES, report_lines


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not TALLIES:
        return
    outcomes = {k: len(terminalreporter.stats.get(k, [])) for k in ("passed", "failed", "xfailed", "xpassed",
                                                                     "skipped", "error")}
    lines = report_lines(outcomes)
    terminalreporter.write_sep("-", "fuzz inputs per reader")
    for line in lines:
        terminalreporter.write_line(line)
    if REPORT:
        Path(REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"written to {REPORT}")

