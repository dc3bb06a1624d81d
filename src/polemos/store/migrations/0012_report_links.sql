-- The actor network counting each document's reports (view=reports, polemos.store.network):
-- each report's actor → recipient pairs with the type and dates the events list filters on
-- (a corrected type wins) and whether an analyst rejected it, kept beside the report by
-- polemos.store.report_links whenever the report is written or reviewed. The network then
-- groups this narrow table, per link and type, instead of pairing every report's actors with
-- its recipients; and a correction of a report's actors is what the network shows.

CREATE TABLE report_links (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    source TEXT NOT NULL,               -- actor id (as corrected, if it was)
    target TEXT NOT NULL,               -- recipient id (as corrected, if it was)
    type TEXT NOT NULL,                 -- COALESCE(review_type, type) of the events row
    date_begin TEXT,
    date_end TEXT,
    rejected INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, source, target)
);
CREATE INDEX report_links_pair ON report_links(rejected, source, target, type, date_begin, date_end);

-- The machine's pairs of every stored report; reports whose actors an analyst corrected are
-- written again from their review when the store is opened (polemos.store.base).
INSERT INTO report_links (event_id, source, target, type, date_begin, date_end, rejected)
SELECT e.id, s.actor_id, t.actor_id, COALESCE(e.review_type, e.type), e.date_begin, e.date_end,
       CASE WHEN e.review_status = 'rejected' THEN 1 ELSE 0 END
FROM event_actors s
JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'recipient'
JOIN events e ON e.id = s.event_id
WHERE s.role = 'actor' AND s.actor_id != t.actor_id;
