-- A caller's memberships now carry their hospital's time zone (the zone /api/auth/me says times
-- are shown in), so changing a hospital's zone must clear cached callers too, as a rename does (ADR 8).
DROP TRIGGER hospitals_principal_changed ON hospitals;
--> statement-breakpoint
CREATE TRIGGER hospitals_principal_changed
  AFTER UPDATE OF name, active, require_staff_two_factor, time_zone ON hospitals
  FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_changed('*');
