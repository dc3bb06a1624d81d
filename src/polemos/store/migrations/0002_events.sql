-- Events with their actors, evidence spans and analyst reviews; lasting relations and agreements.
CREATE TABLE events (
    id TEXT PRIMARY KEY,                -- stable: the same event in the same document keeps its id
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    context_json TEXT NOT NULL DEFAULT '[]',
    date_value TEXT,
    date_begin TEXT,
    date_end TEXT,
    date_text TEXT,
    date_precision TEXT,
    place_idx INTEGER,
    place_name TEXT,
    lat REAL,
    lon REAL,
    country TEXT,
    place_feature TEXT,
    modality TEXT,
    attributed_to TEXT,
    confidence REAL,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    trigger TEXT,
    dead_min REAL,
    dead_max REAL,
    size_json TEXT NOT NULL DEFAULT '{}',
    event_json TEXT NOT NULL            -- the event exactly as extracted
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_begin ON events(date_begin);
CREATE INDEX events_lat ON events(lat);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,                 -- actor | recipient
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);

CREATE VIRTUAL TABLE evidence_fts USING fts5(text, content='evidence', content_rowid='id');
CREATE TRIGGER evidence_fts_insert AFTER INSERT ON evidence BEGIN
    INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER evidence_fts_delete AFTER DELETE ON evidence BEGIN
    INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    name TEXT,
    actors_json TEXT NOT NULL,
    begin TEXT,
    "end" TEXT,
    relation_json TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_id);

-- Reviews are keyed by event id but not tied to the events row by a foreign key: machine
-- events are replaced on re-extraction, and an analyst's review must outlive that.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    doc_id TEXT,
    status TEXT NOT NULL,               -- confirmed | rejected | corrected
    changes_json TEXT NOT NULL DEFAULT '{}',
    note TEXT,
    reviewer TEXT,
    reviewed_at TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews(event_id);
