-- The actor network over canonical events (polemos.store.network): each canonical event's
-- actor → recipient pairs (those its reports state) with its type, kept beside it by the fusion state whenever its view
-- is saved, so the network groups this narrow table instead of opening every event's reports
-- and their actors. The map's choropleth counts events per first-level division: each canonical
-- event's division ("CODE|Name", '' when its point lies in none) is kept on its row, found from
-- its point by polemos.store.map_areas the first time the map asks, and cleared whenever the
-- fusion state saves the event again (its place may have moved).

CREATE TABLE canonical_links (
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,               -- actor id
    target TEXT NOT NULL,               -- recipient id
    type TEXT NOT NULL,                 -- the canonical event's type and dates, so the network's
    date_begin TEXT,                    -- type and time filters read this table alone
    date_end TEXT,
    PRIMARY KEY (canonical_id, source, target)
);
CREATE INDEX canonical_links_pair ON canonical_links(source, target, type, date_begin, date_end, canonical_id);
ALTER TABLE canonical_events ADD COLUMN admin1 TEXT;
CREATE INDEX canonical_events_admin1 ON canonical_events(admin1, country, type, modality, date_begin, date_end, dead_value);
-- The events listed beside the map (known only by country or a wide region) are found by their feature.
CREATE INDEX canonical_events_coarse ON canonical_events(place_feature, country, place_name, type, modality, date_begin, date_end, dead_value);
CREATE INDEX canonical_events_point ON canonical_events(country, lat, lon);

INSERT INTO canonical_links (canonical_id, source, target, type, date_begin, date_end)
SELECT DISTINCT c.id, a.value, r.value, c.type, c.date_begin, c.date_end
FROM canonical_members m
JOIN canonical_events c ON c.id = m.canonical_id,
     jsonb_array_elements_text(COALESCE(m.report_json::jsonb -> 'actor', '[]'::jsonb)) AS a(value),
     jsonb_array_elements_text(COALESCE(m.report_json::jsonb -> 'recipient', '[]'::jsonb)) AS r(value)
WHERE a.value != r.value;
