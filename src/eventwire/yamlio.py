"""Read YAML data files safely and fast: libyaml's C safe loader when PyYAML was built with it (it
is ~7x faster on the lexicon and KB files, which matters for a cold start), else the pure-Python
safe loader. Either way only plain data is constructed, never Python objects."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """The data in a YAML document (``yaml.safe_load`` semantics)."""
    return yaml.load(text, Loader=_LOADER)
