"""Engines run the pipeline over inputs: ``local`` (this process, or a process pool, into the store) and
``ray`` (Ray workers, into a Parquet dataset that ``store.parquet.attach`` imports)."""
