-- An analyst's decisions on canonical events and actors (polemos.store.decisions and
-- polemos.store.aliases). They name event reports and actors by their stable ids, never by a
-- canonical id (fusion may give an event a new one), so re-fusion and re-extraction honour them.

-- Confirm, reject or correct a canonical event: the reports it held when reviewed carry the
-- verdict to whichever canonical event holds most of them after any later fusion.
CREATE TABLE canonical_reviews (
    id INTEGER PRIMARY KEY,
    canonical_id TEXT NOT NULL,         -- as it was when reviewed, for the history
    action TEXT NOT NULL,               -- confirmed | rejected | corrected | split | merged
    changes_json TEXT NOT NULL DEFAULT '{}',
    note TEXT,
    reviewer TEXT,
    reviewed_at TEXT NOT NULL
);
CREATE TABLE canonical_review_reports (
    review_id INTEGER NOT NULL REFERENCES canonical_reviews(id) ON DELETE CASCADE,
    report_id TEXT NOT NULL,
    PRIMARY KEY (review_id, report_id)
);
CREATE INDEX canonical_review_reports_report ON canonical_review_reports(report_id);

-- What fusion must honour: two reports kept apart (a split) or kept together (a merge).
CREATE TABLE fusion_links (
    report_a TEXT NOT NULL,
    report_b TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- apart | together
    review_id INTEGER REFERENCES canonical_reviews(id) ON DELETE CASCADE,
    PRIMARY KEY (report_a, report_b)
);
CREATE INDEX fusion_links_b ON fusion_links(report_b);

-- The latest canonical review's verdict on the canonical event's row, as events have theirs.
ALTER TABLE canonical_events ADD COLUMN review_status TEXT;

-- Two actors an analyst found to be one: mentions of the alias are stored as the actor's.
CREATE TABLE actor_aliases (
    alias_id TEXT PRIMARY KEY,
    actor_id TEXT NOT NULL,
    alias_name TEXT,
    note TEXT,
    reviewer TEXT,
    merged_at TEXT NOT NULL
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);
