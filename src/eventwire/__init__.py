"""eventwire: news in, political event data out (PLOVER 2.0 events, actors, quotes), with evidence.

The Python API in brief::

    import eventwire
    coded = eventwire.code_text("Russia and Belarus held talks in Minsk on Friday.", date="2024-01-19")
    for event in coded.events:
        print(event.event_type, [a.actor.code for a in event.actor], event.sentence)

See ``eventwire.pipeline`` for running over files and ``eventwire.store`` for the database.
"""

__version__ = "0.1.0"

from eventwire.api_python import code_text, ingest_paths, open_store

__all__ = ["__version__", "code_text", "ingest_paths", "open_store"]
