-- The stock ledger is the single truth of stock (issue 9). These rules live in the database so
-- that no code path, present or future, can break them.

-- 1. One rule for expiry: a batch may be used through its expiry date, in the hospital's own time
--    zone, and is expired from the next local day. Pickings, dispensing, alerts and reports all ask
--    this function.
CREATE FUNCTION stock_expired(expiry date, hospital uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT expiry < (now() AT TIME ZONE (SELECT time_zone FROM hospitals WHERE id = hospital))::date
$$;
--> statement-breakpoint
-- 2. A ledger row moves its batch's on-hand, in the same statement, and records the balance after
--    it. Stock leaving for a patient or another store (dispense, sale, transfer out) is refused from
--    an expired batch; expired stock leaves only as a write-off or a return to the supplier.
CREATE FUNCTION stock_ledger_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  b stock_batches;
BEGIN
  SELECT * INTO b FROM stock_batches WHERE id = NEW.batch_id FOR UPDATE;
  IF NOT FOUND OR b.hospital_id <> NEW.hospital_id OR b.store_id <> NEW.store_id
     OR b.medicine_id <> NEW.medicine_id THEN
    RAISE EXCEPTION 'stock ledger row does not match its batch' USING ERRCODE = '23514',
      CONSTRAINT = 'stock_ledger_batch_match';
  END IF;
  IF NEW.kind IN ('dispense', 'sale', 'transfer_out') AND stock_expired(b.expiry_date, b.hospital_id) THEN
    RAISE EXCEPTION 'batch % expired on %', b.batch_number, b.expiry_date USING ERRCODE = '23514',
      CONSTRAINT = 'stock_ledger_not_expired';
  END IF;
  UPDATE stock_batches SET on_hand = on_hand + NEW.quantity WHERE id = NEW.batch_id
    RETURNING on_hand INTO NEW.balance_after;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER stock_ledger_apply BEFORE INSERT ON stock_ledger
  FOR EACH ROW EXECUTE FUNCTION stock_ledger_apply();
--> statement-breakpoint
-- 3. The ledger is append-only: a mistake is corrected by another row (an adjustment).
CREATE FUNCTION stock_ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_ledger is append-only' USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER stock_ledger_no_change BEFORE UPDATE OR DELETE ON stock_ledger
  FOR EACH ROW EXECUTE FUNCTION stock_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER stock_ledger_no_truncate BEFORE TRUNCATE ON stock_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION stock_ledger_append_only();
--> statement-breakpoint
-- 4. A batch's on-hand changes only through the ledger (the trigger above runs one level deep), and
--    a batch starts empty: its first stock comes with its receipt row.
CREATE FUNCTION stock_batches_on_hand_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.on_hand <> 0 THEN
    RAISE EXCEPTION 'a batch starts empty; stock arrives with a ledger row' USING ERRCODE = '23514',
      CONSTRAINT = 'stock_batches_on_hand_via_ledger';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.on_hand IS DISTINCT FROM OLD.on_hand AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'on-hand changes only through the stock ledger' USING ERRCODE = '23514',
      CONSTRAINT = 'stock_batches_on_hand_via_ledger';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER stock_batches_on_hand_guard BEFORE INSERT OR UPDATE ON stock_batches
  FOR EACH ROW EXECUTE FUNCTION stock_batches_on_hand_guard();
