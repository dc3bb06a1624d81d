-- event_actors now holds each report's actors as an analyst last corrected them, else as
-- extracted (polemos.store.report_links), so the actor filter, an actor's page and the actors'
-- counts follow a correction. No table changes: on upgrade the store writes again the actors
-- of the reports some review corrected (polemos.store.base, CORRECTED_ACTORS_MIGRATION).
SELECT 1;
