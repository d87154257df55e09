-- Schema version 2: MinHash signatures for near-duplicate detection across runs (ingest/dedup.py).
CREATE TABLE IF NOT EXISTS minhashes (
    article_id VARCHAR PRIMARY KEY,
    sig UINTEGER[] NOT NULL
);
-- Articles that are near-duplicates point at their first copy; list every source of a story.
CREATE VIEW IF NOT EXISTS story_sources AS
SELECT coalesce(duplicate_of, id) AS story_id, id AS article_id, source, url, published, title
FROM articles;
