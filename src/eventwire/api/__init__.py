"""REST API (FastAPI) over the store: the same filters as the CLI, read through ``store.query`` only."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
