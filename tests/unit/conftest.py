"""Unit-test helpers: the path of the hand-written fixture files. Hand-built records (``coded``,
``coded_factory``) live in tests/conftest.py for every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
