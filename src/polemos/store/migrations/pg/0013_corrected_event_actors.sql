-- PostgreSQL dialect of migrations/0013_corrected_event_actors.sql: keep the two in step.
-- event_actors now holds each report's actors as an analyst last corrected them, else as
-- extracted (polemos.store.report_links), so the actor filter, an actor's page and the actors'
-- counts follow a correction. On upgrade the store writes again the actors of the reports some
-- review corrected (polemos.store.base, CORRECTED_ACTORS_MIGRATION).
-- Writing them reads each report's latest review (WHERE event_id = ? ORDER BY id DESC LIMIT 1),
-- after every review too: the index on the event alone becomes one on the event and the review's order.
DROP INDEX reviews_event;
CREATE INDEX reviews_event_latest ON reviews(event_id, id);
