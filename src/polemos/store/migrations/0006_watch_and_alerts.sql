-- Watching sources (polemos.engines.watch) and alerting on watchlists (polemos.alerts).
-- What was seen is kept here, so a watcher killed at any moment loses nothing and fetches
-- nothing twice: an article URL is recorded before it is fetched, its body once fetched, and
-- its document once stored.

CREATE TABLE watch_sources (
    id TEXT PRIMARY KEY,                -- short hash of the canonical URL
    url TEXT NOT NULL UNIQUE,
    kind TEXT,                          -- feed, sitemap, page, directory (as found at the last poll)
    state TEXT NOT NULL DEFAULT 'new',  -- new, ok, failing, broken (failed too often: no longer polled)
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_polled TEXT,
    last_success TEXT,
    etag TEXT,
    last_modified TEXT,
    feed_url TEXT,                      -- the feed a page named in its <link rel="alternate">
    added_at TEXT NOT NULL
);

CREATE TABLE watch_items (
    url TEXT PRIMARY KEY,               -- canonical article URL (or file:// path)
    source_id TEXT NOT NULL,
    status TEXT NOT NULL,               -- new, fetched, stored, skipped, failed
    title TEXT,
    published TEXT,                     -- the feed entry's date, used when the page gives none
    attempts INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    content_type TEXT,
    body_zlib BLOB,                     -- the fetched page until it is stored
    doc_id TEXT,
    seen_at TEXT NOT NULL,
    done_at TEXT
);
CREATE INDEX watch_items_status ON watch_items(status, seen_at);
CREATE INDEX watch_items_source ON watch_items(source_id, done_at);

CREATE TABLE watchlists (
    name TEXT PRIMARY KEY,
    filter_json TEXT NOT NULL,          -- the filters of `polemos events`, plus min_dead
    trend INTEGER NOT NULL DEFAULT 0,   -- also alert on a weekly count far above its baseline
    webhook_url TEXT,
    webhook_secret TEXT,
    email_to TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,                -- watchlist and canonical event (or trend week), hashed
    watchlist TEXT NOT NULL REFERENCES watchlists(name) ON DELETE CASCADE,
    kind TEXT NOT NULL,                 -- event or trend
    canonical_id TEXT,
    dead_value REAL,                    -- the highest death toll a source reported, when last alerted
    title TEXT NOT NULL,
    summary_json TEXT NOT NULL,         -- what a delivery shows: type, date, place, evidence, links
    baseline INTEGER NOT NULL DEFAULT 0,-- matched when the watchlist was made: recorded, not sent
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX alerts_watchlist ON alerts(watchlist, updated_at);

CREATE TABLE alert_deliveries (
    alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,              -- webhook or email
    status TEXT NOT NULL,               -- pending, sent, failed (gave up)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt TEXT,
    sent_at TEXT,
    PRIMARY KEY (alert_id, channel)
);
CREATE INDEX alert_deliveries_status ON alert_deliveries(status, next_attempt);
