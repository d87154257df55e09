"""Shared fixtures. The spaCy pipeline and the stages are loaded once per test session."""

from __future__ import annotations

import pytest

from eventwire.settings import Settings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/expected/*.json from the current output (review the diff).")
    parser.addoption("--screenshots", default=None, metavar="DIR",
                     help="Browser tests save a screenshot of each dashboard view into DIR (e.g. docs).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def stages(settings: Settings):  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Stages

    return Stages.load(settings)
