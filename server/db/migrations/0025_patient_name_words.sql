CREATE TABLE "patient_name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "patient_name_words_trgm" ON "patient_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "patients_name_words_gin" ON "patients" USING gin (string_to_array("search_name", ' ')) WITH (fastupdate=false);--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;--> statement-breakpoint
-- Every word of every name, kept as patients are added or renamed (words are never removed: a
-- stale word only offers a spelling nobody has).
CREATE FUNCTION patient_name_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patient_name_words (word)
  SELECT DISTINCT w FROM unnest(string_to_array(NEW.search_name, ' ')) AS w WHERE w <> ''
  ORDER BY w -- one order for every writer: two registrations never wait on each other in a circle
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_name_words_keep
  AFTER INSERT OR UPDATE OF given_name, family_name ON patients
  FOR EACH ROW EXECUTE FUNCTION patient_name_words_keep();--> statement-breakpoint
INSERT INTO patient_name_words (word)
SELECT DISTINCT w FROM patients, unnest(string_to_array(search_name, ' ')) AS w WHERE w <> ''
ON CONFLICT DO NOTHING;
