-- The actor network (polemos.web.queries.network) pairs every event's actors with its
-- recipients. These two covering indexes let it read only index pages: the event_actors rows
-- of one role in event order, and each event's review verdict and type beside its id, rather
-- than each wide events row.

CREATE INDEX event_actors_role ON event_actors(role, event_id, actor_id);
CREATE INDEX events_network ON events(id, review_status, review_type, type);
