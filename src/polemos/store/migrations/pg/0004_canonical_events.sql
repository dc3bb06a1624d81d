-- PostgreSQL dialect of migrations/0004_canonical_events.sql: keep the two in step.
-- Cross-document fusion (polemos.fusion): canonical events, one per real event, each listing
-- the event reports (events rows) of every document that tells of it.
-- The latest review's verdict is kept on the events row, so listings, the map and the timeline
-- filter and count without joining every event to its review history.

CREATE TABLE canonical_events (
    id TEXT PRIMARY KEY,
    family TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    date_begin TEXT,
    date_end TEXT,
    date_precision TEXT,
    place_name TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    place_feature TEXT,
    dead_value DOUBLE PRECISION,        -- canonical figure: the most conservative (smallest minimum)
    dead_min DOUBLE PRECISION,
    dead_max DOUBLE PRECISION,
    report_count INTEGER NOT NULL DEFAULT 0,
    source_count INTEGER NOT NULL DEFAULT 0,
    earliest_published TEXT,
    consensus_json TEXT NOT NULL,       -- what a new report is compared with
    view_json TEXT                      -- what users see: the consensus and every source
);
CREATE INDEX canonical_events_begin ON canonical_events(date_begin DESC NULLS LAST, id DESC);
CREATE INDEX canonical_events_lat ON canonical_events(lat);

CREATE TABLE canonical_members (
    report_id TEXT PRIMARY KEY,         -- events.id
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,               -- order of joining, within the canonical event
    report_json TEXT NOT NULL,
    profile_json TEXT NOT NULL
);
CREATE INDEX canonical_members_canonical ON canonical_members(canonical_id, seq);
CREATE INDEX canonical_members_doc ON canonical_members(doc_id);

-- The blocking index: a new report is compared only with canonical events sharing a key.
CREATE TABLE canonical_keys (
    key TEXT NOT NULL,
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    PRIMARY KEY (key, canonical_id)
);
CREATE INDEX canonical_keys_canonical ON canonical_keys(canonical_id);

ALTER TABLE events ADD COLUMN place_geonameid BIGINT;
ALTER TABLE events ADD COLUMN review_status TEXT;    -- the latest review's status, NULL when unreviewed
ALTER TABLE events ADD COLUMN review_type TEXT;      -- the type a correction set, NULL when none

UPDATE events SET place_geonameid = p.geonameid
FROM places p WHERE p.doc_id = events.doc_id AND p.idx = events.place_idx;
UPDATE events SET review_status = latest.status, review_type = latest.changes_json::jsonb ->> 'type'
FROM (SELECT DISTINCT ON (event_id) event_id, status, changes_json FROM reviews ORDER BY event_id, id DESC) AS latest
WHERE latest.event_id = events.id;

-- Newest first, stopping after one page: the listing's order, read straight off an index.
DROP INDEX events_begin;
CREATE INDEX events_begin ON events(date_begin DESC NULLS LAST, id DESC);
CREATE INDEX events_review ON events(review_status);
-- Counts, the timeline and the map read these narrow indexes, not the wide events rows.
DROP INDEX events_lat;
CREATE INDEX events_place ON events(lat, lon, review_status, type, review_type, date_begin, date_end);
CREATE INDEX events_facets ON events(date_begin, date_end, type, review_type, review_status);
-- An actor filter matches names as written in the text, case aside.
CREATE INDEX actor_mentions_text ON actor_mentions(lower(text));
