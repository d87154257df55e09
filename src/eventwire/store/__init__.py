"""Store: the embedded DuckDB database, the only code that speaks SQL.

``db.open_store(path)`` opens (creating and migrating) a store; ``writer.Writer`` stores coded
articles, one transaction each, skipping any whose content hash is already stored; ``query`` reads.
"""

from eventwire.store.db import SCHEMA_VERSION, open_store

__all__ = ["SCHEMA_VERSION", "open_store"]
