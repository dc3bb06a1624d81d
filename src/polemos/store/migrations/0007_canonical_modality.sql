-- Whether a canonical event happened, on its row: the map and the timeline count canonical
-- events, and mark those not said to have happened, without reading their reports. Only
-- asserted reports fuse, so a canonical event has the modality of any of its reports.

ALTER TABLE canonical_events ADD COLUMN modality TEXT;
UPDATE canonical_events SET modality = json_extract(view_json, '$.modality') WHERE view_json IS NOT NULL;
