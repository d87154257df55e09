"""settings: defaults, environment variables, and CLI overrides that win over both."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import settings as settings_mod
from eventwire.settings import DEFAULT_MAX_BYTES, Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for var in ("EVENTWIRE_SPACY_MODEL", "EVENTWIRE_DB", "EVENTWIRE_MAX_BYTES"):
        monkeypatch.delenv(var, raising=False)


def test_defaults():
    s = Settings.from_env()
    assert s.db_path == Path("eventwire.duckdb")
    assert s.max_bytes == DEFAULT_MAX_BYTES
    assert s.spacy_model in (settings_mod.OFFICIAL_MODEL, settings_mod.PYPI_MODEL)


def test_environment(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "custom_model")
    monkeypatch.setenv("EVENTWIRE_DB", "/tmp/x.duckdb")
    monkeypatch.setenv("EVENTWIRE_MAX_BYTES", "1234")
    s = Settings.from_env()
    assert (s.spacy_model, s.db_path, s.max_bytes) == ("custom_model", Path("/tmp/x.duckdb"), 1234)


def test_overrides_win_and_none_is_ignored(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DB", "/tmp/env.duckdb")
    s = Settings.from_env(db_path=Path("/tmp/cli.duckdb"), spacy_model=None, max_bytes=10)
    assert s.db_path == Path("/tmp/cli.duckdb")
    assert s.max_bytes == 10
    assert s.spacy_model == settings_mod.default_model()


def test_default_model_prefers_official_when_installed(monkeypatch):
    monkeypatch.setattr(settings_mod.importlib.util, "find_spec",
                        lambda name: object() if name == settings_mod.OFFICIAL_MODEL else None)
    assert settings_mod.default_model() == settings_mod.OFFICIAL_MODEL
    monkeypatch.setattr(settings_mod.importlib.util, "find_spec", lambda name: None)
    assert settings_mod.default_model() == settings_mod.PYPI_MODEL


def test_settings_are_frozen():
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().max_bytes = 1  # type: ignore[misc]
