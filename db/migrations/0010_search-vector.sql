-- Name search of several common words (decision 022): the search words of each numbered dossier,
-- the same as its dossier_search_terms rows, also kept as a tsvector with a GIN index, so that
-- "helene lefevre" intersects two posting lists ('helene':* & 'lefevre':*) instead of reading both
-- words' btree entries whole. Core PostgreSQL (array_to_tsvector, no text search configuration,
-- no parsing: each word is a lexeme as is), the same on PostgreSQL 15 and PGlite.
ALTER TABLE "dossiers" ADD COLUMN "search_vector" "tsvector";
--> statement-breakpoint
-- The words of a dossier, once: dossier_search_terms and search_vector are both written from it.
CREATE OR REPLACE FUNCTION portal_search_words(number text, label text, first_names text, usage_name text, birth_name text)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select coalesce(array_agg(distinct w.term), '{}') from (
    select lower(number) as term
    union all
    select regexp_split_to_table(portal_fold(concat_ws(' ', number, label, first_names, usage_name, birth_name)), '[^a-z0-9]+')
  ) w
  where w.term <> ''
$$;
--> statement-breakpoint
-- A dossier's vector from its own columns and its owner's profile as they are now (NULL: no number).
CREATE OR REPLACE FUNCTION dossier_search_vector(number text, beneficiary_snapshot jsonb, owner uuid)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  select case when number is null then null else array_to_tsvector(portal_search_words(
    number, beneficiary_snapshot->>'label',
    (select p.first_names from profiles p where p.user_id = owner),
    (select p.usage_name from profiles p where p.user_id = owner),
    (select p.birth_name from profiles p where p.user_id = owner))) end
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_dossier_search_terms(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_search_terms WHERE dossier_id = target;
  INSERT INTO dossier_search_terms (term, dossier_id)
  SELECT unnest(portal_search_words(d.number, d.beneficiary_snapshot->>'label', p.first_names, p.usage_name, p.birth_name)), d.id
  FROM dossiers d
  LEFT JOIN profiles p ON p.user_id = d.owner_id
  WHERE d.id = target AND d.number IS NOT NULL;
END $$;
--> statement-breakpoint
-- Set before the row is written (no second version of the row), on the same columns as the words' trigger.
CREATE OR REPLACE FUNCTION dossiers_search_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := dossier_search_vector(NEW.number, NEW.beneficiary_snapshot, NEW.owner_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_search_vector BEFORE INSERT OR UPDATE OF number, beneficiary_snapshot, owner_id ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_search_vector_trigger();
--> statement-breakpoint
-- A renamed owner: the words and the vector of each of their dossiers.
CREATE OR REPLACE FUNCTION profiles_search_terms_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_dossier_search_terms(d.id) FROM dossiers d WHERE d.owner_id = NEW.user_id AND d.number IS NOT NULL;
  UPDATE dossiers d SET search_vector = dossier_search_vector(d.number, d.beneficiary_snapshot, d.owner_id)
  WHERE d.owner_id = NEW.user_id AND d.number IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
UPDATE dossiers SET search_vector = dossier_search_vector(number, beneficiary_snapshot, owner_id) WHERE number IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "dossiers_search_vector_idx" ON "dossiers" USING gin ("search_vector");
