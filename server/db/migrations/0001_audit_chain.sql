-- The audit log is a hash chain kept by the database itself, so that no code path (and no
-- forgotten one) can append an unchained row, and so that edits and deletions show.
--
-- Each row's hash is SHA-256 over a JSON array of its own fields and the previous row's hash.
-- A JSON array (not a joined string) keeps fields unambiguous whatever characters they hold;
-- the timestamp is hashed as integer microseconds so the session time zone cannot change it.
CREATE FUNCTION audit_event_digest(e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(digest(jsonb_build_array(
    e.seq, e.prev_hash, e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id, e.actor_role, e.hospital_id, e.patient_id, e.action, e.entity_type,
    e.entity_id, e.outcome, e.before, e.after, e.ip, e.request_id
  )::text, 'sha256'), 'hex')
$$;
--> statement-breakpoint
-- Appends are serialised by a transaction-scoped advisory lock: the row takes the next number
-- and links to the row before it. The lock is released when the inserting transaction ends.
CREATE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7340002);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_event_digest(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
