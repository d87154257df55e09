"""Engines run the pipeline over inputs and into the store: ``local`` (this process)."""
