-- Each app instance keeps the sessions it has just read in memory (session-cache.ts). These triggers
-- tell every instance, as the change commits, whose sign-in to read again: the user's id when one of
-- their sessions ends or their account changes, '*' when a setting changes (the staff two-step policy) or every session ends at once.
CREATE FUNCTION sign_ins_changed_by_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ccr_sign_ins', user_id::text) FROM (SELECT DISTINCT user_id FROM ended) AS users_signed_out;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sessions_sign_ins_changed AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS ended FOR EACH STATEMENT EXECUTE FUNCTION sign_ins_changed_by_session();
--> statement-breakpoint
-- Routing's last assignment time, the last two-step code's step and the update time change no
-- sign-in: leaving them out keeps automatic assignment from emptying the agents' cached sessions.
CREATE FUNCTION sign_ins_changed_by_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(OLD) - 'last_assigned_at' - 'totp_last_step' - 'updated_at'
     IS DISTINCT FROM to_jsonb(NEW) - 'last_assigned_at' - 'totp_last_step' - 'updated_at' THEN
    PERFORM pg_notify('ccr_sign_ins', NEW.id::text);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER users_sign_ins_changed AFTER UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION sign_ins_changed_by_user();
--> statement-breakpoint
CREATE FUNCTION sign_ins_changed_everywhere() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ccr_sign_ins', '*');
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Per row: an insert that found its key taken (getOrCreate) changes nothing and tells nobody.
CREATE TRIGGER app_settings_sign_ins_changed AFTER INSERT OR UPDATE OR DELETE ON app_settings
  FOR EACH ROW EXECUTE FUNCTION sign_ins_changed_everywhere();
--> statement-breakpoint
CREATE TRIGGER app_settings_truncated AFTER TRUNCATE ON app_settings
  FOR EACH STATEMENT EXECUTE FUNCTION sign_ins_changed_everywhere();
--> statement-breakpoint
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sign_ins_changed_everywhere();
