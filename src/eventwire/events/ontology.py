"""The PLOVER 2.0 ontology as data (``data/plover.yaml``): types, modes, contexts, quad classes, and the
closest CAMEO code with its Goldstein score for each type, mode and CAMEO code.

``Ontology.score(event_type, mode, cameo)`` gives ``(cameo, goldstein, quad_class)`` for an event.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from eventwire import yamlio
from eventwire.errors import InputError
from eventwire.records import PLOVER_TYPES


@dataclass(frozen=True)
class TypeInfo:
    name: str
    quad_class: int
    cameo: str | None
    goldstein: float | None
    modes: dict[str, tuple[str | None, float | None]]  # mode -> (cameo, goldstein)
    requires_recipient: bool


@dataclass(frozen=True)
class Ontology:
    types: dict[str, TypeInfo]
    contexts: frozenset[str]
    cameo: dict[str, dict[str, Any]]

    def score(self, event_type: str, mode: str | None = None, cameo: str | None = None
              ) -> tuple[str | None, float | None, int]:
        """(closest CAMEO code, its Goldstein score, quad class) for a type, mode and suggested code."""
        info = self.types[event_type]
        if cameo and cameo in self.cameo:
            return cameo, self.cameo[cameo].get("goldstein"), info.quad_class
        if mode and mode in info.modes and info.modes[mode][0]:
            code, gold = info.modes[mode]
            return code, gold, info.quad_class
        return info.cameo, info.goldstein, info.quad_class

    def valid_mode(self, event_type: str, mode: str | None) -> bool:
        return mode is None or mode in self.types[event_type].modes


def cameo_quad_class(code: str | None) -> int | None:
    """The quad class CAMEO itself gives a code, by its two-digit root (01-05 verbal cooperation,
    06-08 material cooperation, 09-13 verbal conflict, 14-20 material conflict), as GDELT's QuadClass
    does; None for a code that is not CAMEO. It differs from the PLOVER type's ``quad_class`` where
    PLOVER regrouped CAMEO: a CONCEDE coded 081 (lifting a ban) is CAMEO material cooperation but
    PLOVER verbal cooperation; a SANCTION coded 160 is CAMEO material conflict, PLOVER verbal."""
    if not code or len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def from_mapping(data: dict[str, Any]) -> Ontology:
    types = {}
    for name in PLOVER_TYPES:
        row = (data.get("types") or {}).get(name)
        if row is None:
            raise InputError(f"plover.yaml: type {name} missing")
        modes = {m["name"]: (m.get("cameo"), m.get("goldstein")) for m in row.get("modes") or ()}
        types[name] = TypeInfo(name, int(row["quad_class"]), row.get("cameo"), row.get("goldstein"), modes,
                               bool(row.get("requires_recipient", False)))
    contexts = frozenset(c["name"] for c in data.get("contexts") or ())
    cameo = {str(k): v for k, v in (data.get("cameo") or {}).items()}
    return Ontology(types, contexts, cameo)


@functools.lru_cache(maxsize=1)
def load() -> Ontology:
    text = resources.files("eventwire.events").joinpath("data/plover.yaml").read_text("utf-8")
    return from_mapping(yamlio.load(text))
