-- Schema version 5: sentences, mentions and event_actors lose their primary keys. DuckDB keeps the ART
-- index of a key in memory once a table is written to, so an ingest's memory grew with every row
-- these three largest tables held (benchmarks/results/memory.txt: the indexes were most of the
-- difference between the peaks at 2,000 and 21,578 Reuters articles). Their keys begin with the
-- article's (or its event's) id, and an article's rows are written once, in one transaction, under
-- the articles table's own key; store/writer.py checks the keys within each article before writing.
-- DuckDB cannot drop a primary key in place: each table is rebuilt with the same columns.
CREATE TABLE sentences_v5 (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
INSERT INTO sentences_v5 SELECT * FROM sentences;
DROP TABLE sentences;
ALTER TABLE sentences_v5 RENAME TO sentences;

CREATE TABLE mentions_v5 (
    article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
    code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, how VARCHAR
);
INSERT INTO mentions_v5 SELECT * FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_v5 RENAME TO mentions;

CREATE TABLE event_actors_v5 (
    event_id VARCHAR NOT NULL, role VARCHAR NOT NULL,   -- actor | recipient
    position INTEGER NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR,
    code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR
);
INSERT INTO event_actors_v5 SELECT * FROM event_actors;
DROP TABLE event_actors;
ALTER TABLE event_actors_v5 RENAME TO event_actors;
