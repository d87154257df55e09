"""Fetch pages by URL (urllib3, already required by trafilatura) with a timeout and an honest user agent.

Without network the fetch fails fast with an InputError naming the URL; it never hangs longer than
the timeout.
"""

from __future__ import annotations

import urllib3

from eventwire import __version__
from eventwire.errors import InputError

USER_AGENT = f"eventwire/{__version__} (+https://github.com/eventwire/eventwire; news event coding)"
TIMEOUT = urllib3.Timeout(connect=5.0, read=20.0)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, timeout: float | None = None) -> bytes:
    """The body of ``url``; InputError on any network or HTTP failure, or when it is over ``max_bytes``."""
    limit = urllib3.Timeout(connect=min(5.0, timeout), read=timeout) if timeout else TIMEOUT
    http = urllib3.PoolManager(headers={"User-Agent": USER_AGENT}, timeout=limit,
                               retries=urllib3.Retry(total=1, redirect=5))
    try:
        resp = http.request("GET", url, preload_content=False)
        try:
            if resp.status >= 400:
                raise InputError(f"{url}: HTTP {resp.status}")
            data = resp.read(max_bytes + 1)
        finally:
            resp.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.__class__.__name__}: {exc})") from exc
    if len(data) > max_bytes:
        raise InputError(f"{url}: over the {max_bytes:,}-byte limit")
    return data
