-- Audit chain, second form (ADR 2). Chaining at insert time held one advisory lock across every
-- audited transaction's commit (and its fsync), so all audited requests in the installation ran one
-- at a time. Now writers only insert; a sealer chains committed rows shortly after, in the order it
-- sees them, under a lock it holds only for the sealing transaction.
DROP TRIGGER audit_events_chain ON audit_events;
--> statement-breakpoint
DROP FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE SEQUENCE audit_events_seq_seq AS bigint;
--> statement-breakpoint
SELECT setval('audit_events_seq_seq', coalesce((SELECT max(seq) FROM audit_events), 0) + 1, false);
--> statement-breakpoint
-- The digest now covers the chain position too.
CREATE OR REPLACE FUNCTION audit_event_digest(e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(digest(jsonb_build_array(
    e.chain_seq, e.prev_hash, e.seq, e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id, e.actor_role, e.hospital_id, e.patient_id, e.action, e.entity_type,
    e.entity_id, e.outcome, e.before, e.after, e.ip, e.request_id
  )::text, 'sha256'), 'hex')
$$;
--> statement-breakpoint
-- Inserts get their number here and can never arrive pre-sealed.
CREATE FUNCTION audit_events_number() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := nextval('audit_events_seq_seq');
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_number BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_number();
--> statement-breakpoint
-- Append-only, with one exception: sealing an unsealed row, which sets the chain fields and
-- changes nothing else.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
     AND (NEW.seq, NEW.id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_role, NEW.hospital_id,
          NEW.patient_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.outcome, NEW.before,
          NEW.after, NEW.ip, NEW.request_id)
         IS NOT DISTINCT FROM
         (OLD.seq, OLD.id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_role, OLD.hospital_id,
          OLD.patient_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.outcome, OLD.before,
          OLD.after, OLD.ip, OLD.request_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
-- Rows chained under the first form are re-chained under the new digest.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
--> statement-breakpoint
UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;
--> statement-breakpoint
-- Appends up to `batch` committed, unsealed rows to the chain and returns how many. Only one sealer
-- runs at a time (others return 0 at once); rows of transactions still open are not visible and
-- are sealed on a later call.
CREATE FUNCTION audit_seal(batch integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  last_pos bigint;
  last_hash text;
  r audit_events;
  n integer := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7340002) THEN
    RETURN 0;
  END IF;
  SELECT chain_seq, hash INTO last_pos, last_hash
    FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1;
  FOR r IN SELECT * FROM audit_events WHERE hash IS NULL ORDER BY seq LIMIT batch LOOP
    last_pos := coalesce(last_pos, 0) + 1;
    r.chain_seq := last_pos;
    r.prev_hash := coalesce(last_hash, '');
    last_hash := audit_event_digest(r);
    UPDATE audit_events SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = last_hash
     WHERE seq = r.seq;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
