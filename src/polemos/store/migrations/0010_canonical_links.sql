-- The actor network over canonical events (polemos.store.network): each canonical event's
-- actor → recipient pairs (those its reports state) with its type, kept beside it by the fusion state whenever its view
-- is saved, so the network groups this narrow table instead of opening every event's reports
-- and their actors. The map's choropleth groups matching events by country and point: this
-- covering index holds those columns with the ones its filters test most.

CREATE TABLE canonical_links (
    canonical_id TEXT NOT NULL REFERENCES canonical_events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,               -- actor id
    target TEXT NOT NULL,               -- recipient id
    type TEXT NOT NULL,                 -- the canonical event's type
    PRIMARY KEY (canonical_id, source, target)
);
CREATE INDEX canonical_links_pair ON canonical_links(source, target, type, canonical_id);
CREATE INDEX canonical_events_areas ON canonical_events(country, lat, lon, place_feature, type, modality, date_begin, date_end, dead_value);

INSERT INTO canonical_links (canonical_id, source, target, type)
SELECT DISTINCT c.id, a.value, r.value, c.type
FROM canonical_members m JOIN canonical_events c ON c.id = m.canonical_id,
     json_each(m.report_json, '$.actor') a, json_each(m.report_json, '$.recipient') r
WHERE a.value != r.value;
