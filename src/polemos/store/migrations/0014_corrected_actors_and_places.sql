-- A correction of a canonical event's actors or recipients is each of its reports' in
-- event_actors and report_links (polemos.store.report_links), unless a report's own correction
-- came later, so the actor filter, an actor's page and the actors' counts follow it; and a
-- report's events row holds its place as last corrected (polemos.store.report_places), so the
-- map draws its point there. No table changes: on upgrade the store writes again the actors of
-- the reports of every canonical event an analyst reviewed, and the place of every report some
-- review moved (polemos.store.base, CANONICAL_ACTORS_MIGRATION).
SELECT 1;
