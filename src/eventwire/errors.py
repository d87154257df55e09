"""Errors that mean "the user asked for something we cannot do", reported without a traceback."""


class EventwireError(Exception):
    """Base class: the message is for the user and names the input concerned."""


class InputError(EventwireError):
    """An input cannot be read (missing, unreadable, binary, too large, malformed)."""


class ModelError(EventwireError):
    """The spaCy pipeline named in the settings cannot be loaded, or a pipeline running eventwire's
    components lacks an annotation or an earlier component they need."""


class StoreError(EventwireError):
    """The store cannot be opened or written (locked by another process, newer schema, ...)."""


class EngineError(EventwireError):
    """An engine cannot run: an optional extra is missing, or a cluster cannot be reached."""


class StoreBusy(StoreError):
    """Another process holds the store's file lock right now (an ingest writing a batch, or a reader):
    trying again shortly can succeed."""
