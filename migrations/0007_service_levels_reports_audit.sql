CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"target_label" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "backlog_deltas" (
	"day" date NOT NULL,
	"status" text NOT NULL,
	"category_id" uuid NOT NULL,
	"agent_id" uuid,
	"delta" integer NOT NULL,
	CONSTRAINT "backlog_deltas_key" UNIQUE NULLS NOT DISTINCT("day","status","category_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "business_holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"priority" text PRIMARY KEY NOT NULL,
	"first_response_minutes" integer,
	"resolution_minutes" integer,
	"business_hours" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_targets_priority_check" CHECK ("sla_targets"."priority" in ('low', 'normal', 'high', 'urgent'))
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_tags" (
	"ticket_id" uuid NOT NULL,
	"tag_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_tags_ticket_id_tag_id_pk" PRIMARY KEY("ticket_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "ticket_events" ADD COLUMN "from_priority" text;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD COLUMN "to_priority" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "priority" text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_remaining_ms" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_response_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp (3) with time zone GENERATED ALWAYS AS (case when status in ('resolved', 'closed') then null else least(case when first_response_at is null then first_response_due_at end, resolution_due_at) end) STORED;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_alarm_at" timestamp (3) with time zone GENERATED ALWAYS AS (case when status in ('resolved', 'closed') then null else least(case when first_response_at is null and not first_response_breached then first_response_due_at end, case when not resolution_breached then resolution_due_at end) end) STORED;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_filters" ADD CONSTRAINT "saved_filters_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tags" ADD CONSTRAINT "ticket_tags_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tags" ADD CONSTRAINT "ticket_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at","id");--> statement-breakpoint
CREATE INDEX "canned_responses_owner_idx" ON "canned_responses" USING btree ("owner_id","title","id");--> statement-breakpoint
CREATE INDEX "canned_responses_title_idx" ON "canned_responses" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "saved_filters_owner_idx" ON "saved_filters" USING btree ("owner_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tags_name_unique" ON "tags" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "ticket_tags_tag_idx" ON "ticket_tags" USING btree ("tag_id","ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_sla_due_idx" ON "tickets" USING btree ("sla_due_at","id") WHERE "tickets"."sla_due_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_alarm_idx" ON "tickets" USING btree ("sla_alarm_at") WHERE "tickets"."sla_alarm_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_resolved_idx" ON "tickets" USING btree ("resolved_at");--> statement-breakpoint
CREATE INDEX "tickets_first_response_idx" ON "tickets" USING btree ("first_response_at");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_priority_check" CHECK ("tickets"."priority" in ('low', 'normal', 'high', 'urgent'));--> statement-breakpoint
INSERT INTO "sla_targets" ("priority") VALUES ('low'), ('normal'), ('high'), ('urgent');--> statement-breakpoint
CREATE FUNCTION backlog_day(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE coalesce((SELECT value->>'timeZone' FROM app_settings WHERE key = 'business_hours'), 'UTC'))::date
$$;--> statement-breakpoint
CREATE FUNCTION backlog_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  at timestamptz;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.category_id IS NOT DISTINCT FROM OLD.category_id
       AND NEW.agent_id IS NOT DISTINCT FROM OLD.agent_id THEN
      RETURN NEW;
    END IF;
    at := CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END;
    IF OLD.status NOT IN ('resolved', 'closed') THEN
      INSERT INTO backlog_deltas AS d (day, status, category_id, agent_id, delta)
      VALUES (backlog_day(at), OLD.status, OLD.category_id, OLD.agent_id, -1)
      ON CONFLICT ON CONSTRAINT backlog_deltas_key DO UPDATE SET delta = d.delta - 1;
    END IF;
  ELSE
    at := NEW.created_at;
  END IF;
  IF NEW.status NOT IN ('resolved', 'closed') THEN
    INSERT INTO backlog_deltas AS d (day, status, category_id, agent_id, delta)
    VALUES (backlog_day(at), NEW.status, NEW.category_id, NEW.agent_id, 1)
    ON CONFLICT ON CONSTRAINT backlog_deltas_key DO UPDATE SET delta = d.delta + 1;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER tickets_backlog AFTER INSERT OR UPDATE OF status, category_id, agent_id ON tickets
  FOR EACH ROW EXECUTE FUNCTION backlog_track();--> statement-breakpoint
INSERT INTO backlog_deltas (day, status, category_id, agent_id, delta)
  SELECT backlog_day(created_at), status, category_id, agent_id, count(*)::int FROM tickets
  WHERE status NOT IN ('resolved', 'closed') GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
