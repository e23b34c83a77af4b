CREATE TABLE "live_event_drafts" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"ticket_id" uuid,
	"customer_id" uuid,
	"agent_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"for_all_agents" boolean DEFAULT false NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Publishes a transaction's drafts as it commits, in the order they were written. The lock orders ids
-- by commit: it is held from here to the end of the commit, so once a reader sees id n, every id below
-- n is there too. Taken at commit, it waits for no round trip to the app.
CREATE FUNCTION live_event_publish() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(724002);
  INSERT INTO live_events (type, ticket_id, customer_id, agent_ids, for_all_agents, payload, created_at)
    VALUES (NEW.type, NEW.ticket_id, NEW.customer_id, NEW.agent_ids, NEW.for_all_agents, NEW.payload, NEW.created_at);
  DELETE FROM live_event_drafts WHERE seq = NEW.seq;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER live_event_drafts_publish AFTER INSERT ON live_event_drafts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION live_event_publish();
