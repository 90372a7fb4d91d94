-- Every change to who a caller is or what they may do tells the app instances, which then drop what
-- they cached about that person (ADR 8). pg_notify is transactional: the notice goes out when the
-- change commits, and never for a change that rolls back. Being triggers, no code path can forget.
-- The payload is the user's id, or '*' when a hospital changed (all its staff are affected).
CREATE FUNCTION notify_principal_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  old_id text;
  new_id text;
BEGIN
  IF col = '*' THEN
    PERFORM pg_notify('hospitium_principal', '*');
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN old_id := to_jsonb(OLD) ->> col; END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN new_id := to_jsonb(NEW) ->> col; END IF;
  IF old_id IS NOT NULL THEN PERFORM pg_notify('hospitium_principal', old_id); END IF;
  IF new_id IS NOT NULL AND new_id IS DISTINCT FROM old_id THEN
    PERFORM pg_notify('hospitium_principal', new_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_principal_changed
  AFTER UPDATE OF status, email, full_name, password_changed_at, totp_enabled_at ON users
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('id');
--> statement-breakpoint
CREATE TRIGGER memberships_principal_changed
  AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER sessions_principal_changed
  AFTER UPDATE OF revoked_at, expires_at ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER refresh_tokens_principal_changed
  AFTER UPDATE OF revoked_at ON refresh_tokens
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER patients_principal_changed
  AFTER INSERT OR UPDATE OF user_id OR DELETE ON patients
  FOR EACH ROW EXECUTE FUNCTION notify_principal_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER hospitals_principal_changed
  AFTER UPDATE OF name, active, require_staff_two_factor ON hospitals
  FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_changed('*');
