-- Drafts no longer become events as each transaction commits: that held the ordering lock through every
-- writer's own commit and WAL flush, so no two of them could share a flush. After committing, a writer
-- (and every instance's safety poll) calls live_events_publish_drafts, which moves all committed drafts
-- into live_events, in the order they were written, in one transaction under the lock: ids still become
-- visible in increasing order, and one flush covers a whole batch.
DROP TRIGGER live_event_drafts_publish ON live_event_drafts;--> statement-breakpoint
DROP FUNCTION live_event_publish();--> statement-breakpoint
CREATE FUNCTION live_events_publish_drafts() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  PERFORM pg_advisory_xact_lock(724002);
  -- A statement after the lock: it sees every draft committed before the previous batch was visible.
  WITH taken AS (DELETE FROM live_event_drafts RETURNING *)
  INSERT INTO live_events (type, ticket_id, customer_id, agent_ids, for_all_agents, payload, created_at)
    SELECT type, ticket_id, customer_id, agent_ids, for_all_agents, payload, created_at FROM taken ORDER BY seq;
  GET DIAGNOSTICS moved = ROW_COUNT;
  RETURN moved;
END
$$;
