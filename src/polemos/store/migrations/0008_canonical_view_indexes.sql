-- The map and the timeline count canonical events (polemos.web.queries). These covering
-- indexes let them read only index pages: the timeline's dates, type, modality and toll, and
-- the map's point, precision and card fields, rather than each wide canonical row.

CREATE INDEX canonical_events_facets ON canonical_events(date_begin, date_end, type, modality, dead_value);
CREATE INDEX canonical_events_place ON canonical_events(lat, lon, place_feature, type, modality, date_begin, date_end, source_count);
