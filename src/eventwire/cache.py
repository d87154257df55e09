"""An on-disk cache for what start-up builds from data files (the actor knowledge base, the name
matchers' patterns), so that a short run does not spend seconds rebuilding them.

Contract:

- Where: ``$EVENTWIRE_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/eventwire``, else
  ``~/.cache/eventwire``. ``EVENTWIRE_CACHE=0`` (or ``off``, ``no``, ``false``) disables the cache:
  nothing is read or written and everything is built as if it did not exist.
- What: ``get(kind, digest)`` returns the object last ``put`` under that kind and digest, or None.
  The digest (see :func:`digest`) is computed by the caller over *everything* the object is built
  from (data file bytes, the builder's source, library versions), so an entry can never be stale:
  a change to any input gives another digest, hence another file. An entry that cannot be read
  (truncated, corrupt, another format, another digest inside) is ignored and the caller rebuilds it.
- How: entries are pickles written atomically (a temporary file in the same folder, then
  ``os.replace``), so a reader never sees half a file and concurrent writers cannot interleave. Only
  the newest ``KEEP`` entries of each kind are kept. Any failure to write is logged and ignored: the
  cache only ever saves time, it is never needed for a correct result.

The files are the user's own (pickles are only read from the user's cache folder, which only the
user can write; the same trust as any other per-user cache).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
# Bump when the layout of an entry changes, so that older files are never read.
FORMAT = 1
# Entries kept per kind: a few, because a user may alternate between configurations (with and
# without --kb-extra, two models) and each should stay warm.
KEEP = 4
_OFF = {"0", "off", "no", "false"}


def directory() -> Path | None:
    """The cache folder, or None when the cache is disabled (``EVENTWIRE_CACHE=0``)."""
    if os.environ.get("EVENTWIRE_CACHE", "").strip().lower() in _OFF:
        return None
    explicit = os.environ.get("EVENTWIRE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventwire"


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 over ``parts`` (each length-prefixed, so that ("ab", "c") != ("a", "bc"))."""
    h = hashlib.sha256(str(FORMAT).encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _path(folder: Path, kind: str, key: str) -> Path:
    return folder / f"{kind}-{key[:32]}.pickle"


def get(kind: str, key: str) -> Any | None:
    """The object stored under ``kind`` and ``key``, or None (disabled, missing or unreadable)."""
    folder = directory()
    if folder is None:
        return None
    path = _path(folder, kind, key)
    try:
        with path.open("rb") as f:
            entry = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt pickle can raise almost anything; rebuilding is always safe
        log.info("cache entry %s is unreadable; rebuilding it", path, exc_info=True)
        return None
    if not (isinstance(entry, tuple) and len(entry) == 4 and entry[:3] == (FORMAT, kind, key)):
        log.info("cache entry %s is not the one expected; rebuilding it", path)
        return None
    return entry[3]


def put(kind: str, key: str, obj: Any) -> None:
    """Store ``obj`` under ``kind`` and ``key`` (atomically; failures are logged, not raised)."""
    folder = directory()
    if folder is None:
        return
    path = _path(folder, kind, key)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            pickle.dump((FORMAT, kind, key, obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # the last two: unpicklable objects
        # Info, not a warning: a read-only home folder would otherwise warn on every run.
        log.info("cache entry %s not written", path, exc_info=True)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return
    _prune(folder, kind)


def _prune(folder: Path, kind: str) -> None:
    """Remove all but the ``KEEP`` newest entries of ``kind`` (another process may remove them first)."""
    try:
        entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        log.debug("cache prune of %s failed", kind, exc_info=True)
