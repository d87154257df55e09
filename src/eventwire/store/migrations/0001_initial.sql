-- eventwire store, schema version 1. One article = one transaction (store/writer.py).
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TIMESTAMP NOT NULL);

CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY,
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    status VARCHAR NOT NULL,            -- running | done | interrupted | failed
    args VARCHAR,
    counts JSON
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    ref VARCHAR, url VARCHAR, source VARCHAR, credit VARCHAR, section VARCHAR, title VARCHAR,
    author VARCHAR, published DATE, retrieved TIMESTAMP, language VARCHAR, language_reason VARCHAR,
    kind VARCHAR, input VARCHAR, text VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL UNIQUE,
    duplicate_of VARCHAR, notes VARCHAR[], tone DOUBLE,
    run_id VARCHAR, stored TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- Distinct resolved actors; mentions point at them by code.
CREATE TABLE IF NOT EXISTS actors (
    code VARCHAR PRIMARY KEY, country VARCHAR, sector VARCHAR, name VARCHAR
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
    code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR, how VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, trigger VARCHAR,
    sentence VARCHAR, sentence_start INTEGER, sentence_end INTEGER,
    event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[],
    cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    modality VARCHAR, negated BOOLEAN, date DATE, date_reason VARCHAR,
    place VARCHAR, place_start INTEGER, place_end INTEGER, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    confidence DOUBLE, explain VARCHAR[], cluster_id VARCHAR
);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR NOT NULL, role VARCHAR NOT NULL,   -- actor | recipient
    position INTEGER NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR,
    code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR,
    PRIMARY KEY (event_id, role, position)
);

CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL, direct BOOLEAN, scare BOOLEAN, cue VARCHAR,
    speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
    speaker_code VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, speaker_name VARCHAR, tone DOUBLE
);

CREATE TABLE IF NOT EXISTS rejects (
    run_id VARCHAR, input VARCHAR NOT NULL, ref VARCHAR, stage VARCHAR NOT NULL, reason VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);
