-- PostgreSQL dialect of migrations/0001_documents.sql: keep the two in step.
-- Documents, their clean text and the raw input they came from, and the extracted mentions.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    published TEXT,
    published_source TEXT,
    language TEXT,
    source TEXT,
    text TEXT NOT NULL,
    structure_json TEXT NOT NULL,      -- headings, captions, removed passages
    raw_format TEXT,
    raw_zlib BYTEA,                     -- the input as read, zlib-compressed, for re-cleaning
    record_zlib BYTEA,                  -- the full extraction record (JSON), zlib-compressed
    ingested_at TEXT NOT NULL,
    extracted_at TEXT
);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    sector TEXT,
    country TEXT,
    wikidata TEXT
);

CREATE TABLE actor_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence INTEGER
);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id);

CREATE TABLE places (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT,
    geonameid BIGINT,                   -- GeoNames ids and curated ones may outgrow 32 bits
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    feature TEXT,
    sentence INTEGER,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE timexes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT,
    value TEXT,
    begin TEXT,
    end_date TEXT,
    anchor TEXT,
    sentence INTEGER,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE quantities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    min DOUBLE PRECISION,
    max DOUBLE PRECISION,
    unit TEXT,
    category TEXT,
    sentence INTEGER,
    PRIMARY KEY (doc_id, idx)
);
