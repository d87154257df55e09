-- Schema version 4: the near-duplicate index on disk (store/bands.py), so that an ingest run's memory
-- does not grow with the number of stored articles.
-- One row per LSH band per signature in `minhashes`: band_key is a 64-bit hash of (band number, the
-- band's values) for the banding named in minhash_banding. No ART index on purpose: DuckDB keeps an
-- ART index wholly in memory once the table is touched (about 30 bytes a row), which is the growth
-- this table exists to avoid; a lookup joins a batch of articles' keys against one scan instead.
CREATE TABLE IF NOT EXISTS minhash_bands (
    band_key UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
-- The banding the keys were made with (one row) and how many `minhashes` rows, in rowid order, have
-- their band rows. Rows beyond `indexed` (an older store, `eventwire attach`) are indexed by the next
-- ingest before it looks anything up; a run with another threshold, hence banding, rebuilds the table.
CREATE TABLE IF NOT EXISTS minhash_banding (
    bands INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    indexed BIGINT NOT NULL
);
