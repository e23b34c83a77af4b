ALTER TABLE "backlog_deltas" DROP CONSTRAINT "backlog_deltas_key";--> statement-breakpoint
ALTER TABLE "backlog_deltas" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "backlog_deltas" ADD CONSTRAINT "backlog_deltas_key" UNIQUE NULLS NOT DISTINCT("day","status","category_id","agent_id","slot");--> statement-breakpoint
-- The same trigger as in 0007, writing to the connection's slot: concurrent transactions on one key
-- mostly update different rows, and one transaction keeps to one row per key (no new lock orders).
CREATE OR REPLACE FUNCTION backlog_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  at timestamptz;
  own_slot smallint := pg_backend_pid() % 16;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.category_id IS NOT DISTINCT FROM OLD.category_id
       AND NEW.agent_id IS NOT DISTINCT FROM OLD.agent_id THEN
      RETURN NEW;
    END IF;
    at := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END;
    IF OLD.status NOT IN ('resolved', 'closed') THEN
      INSERT INTO backlog_deltas AS d (day, status, category_id, agent_id, slot, delta)
      VALUES (backlog_day(at), OLD.status, OLD.category_id, OLD.agent_id, own_slot, -1)
      ON CONFLICT ON CONSTRAINT backlog_deltas_key DO UPDATE SET delta = d.delta - 1;
    END IF;
  ELSE
    at := NEW.created_at;
  END IF;
  IF NEW.status NOT IN ('resolved', 'closed') THEN
    INSERT INTO backlog_deltas AS d (day, status, category_id, agent_id, slot, delta)
    VALUES (backlog_day(at), NEW.status, NEW.category_id, NEW.agent_id, own_slot, 1)
    ON CONFLICT ON CONSTRAINT backlog_deltas_key DO UPDATE SET delta = d.delta + 1;
  END IF;
  RETURN NEW;
END
$$;
