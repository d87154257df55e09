"""Inputs and outputs named by URI (``s3://bucket/news/``, ``gs://...``, ``file:///data/news``), via fsspec.

fsspec itself ships the local (``file://``) filesystem; an object store needs its fsspec backend
installed (``s3fs`` for ``s3://``, ``gcsfs`` for ``gs://``, ``adlfs`` for ``az://``), which then
takes its credentials from the usual places (environment, config files, instance roles). Plain
paths (no ``scheme://``) and http(s) URLs are not URIs here: ``ingest.expand`` and ``ingest.urls``
handle those.

``expand(uri)`` lists the files a URI names, like ``ingest.expand`` does for paths: an object, a
"folder" (every object under the prefix, recursively, sorted) or a glob pattern. ``fetch(uri, limit)``
reads at most ``limit`` bytes of one. ``filesystem(uri)`` gives the (filesystem, path) pair that
pyarrow writes Parquet through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from eventwire.errors import EngineError, InputError
from eventwire.ingest import urls
from eventwire.records import Reject

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")


def is_uri(source: str) -> bool:
    """True for ``scheme://...`` names other than http(s), which the URL reader fetches."""
    return bool(_SCHEME.match(source)) and not urls.is_url(source)


def filesystem(uri: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) for a URI or a plain local path."""
    try:
        import fsspec
    except ImportError as exc:
        raise EngineError("reading or writing by URI needs fsspec: pip install 'eventwire[ray]'") from exc
    try:
        fs, path = fsspec.core.url_to_fs(uri)
    except ImportError as exc:
        # fsspec's message names the backend package to install (e.g. "Install s3fs to access S3").
        raise EngineError(f"{uri}: {exc}") from exc
    except ValueError as exc:
        raise InputError(f"{uri}: {exc}") from exc
    return fs, str(path)


def _hidden(path: str, root: str) -> bool:
    rel = path[len(root):].lstrip("/") if path.startswith(root) else path.rsplit("/", 1)[-1]
    return any(part.startswith(".") or part in ("Thumbs.db",) for part in rel.split("/"))


def expand(uri: str) -> Iterator[str | Reject]:
    """Every object ``uri`` names, as URIs, in a stable order; a Reject when it names nothing."""
    fs, path = filesystem(uri)
    try:
        if _GLOB.search(path):
            found = fs.glob(path, detail=True)
            names = sorted(name for name, info in found.items() if info.get("type") == "file")
            what = "pattern matches no object"
        elif fs.isdir(path):
            root = path.rstrip("/")
            names = sorted(p for p in fs.find(root) if not _hidden(p, root))
            what = "folder holds no objects"
        elif fs.isfile(path):
            names, what = [path], ""
        else:
            names, what = [], "no such object or folder"
    except OSError as exc:
        yield Reject(input=uri, stage="ingest", reason=f"{uri}: cannot list ({exc})")
        return
    if not names:
        yield Reject(input=uri, stage="ingest", reason=f"{uri}: {what}")
    yield from (fs.unstrip_protocol(name) for name in names)


def fetch(uri: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the object ``uri``; InputError when it cannot be read."""
    fs, path = filesystem(uri)
    try:
        with fs.open(path, "rb") as f:
            return bytes(f.read(limit))
    except OSError as exc:
        raise InputError(f"{uri}: cannot read ({exc})") from exc
