-- Back-office queue (decision 022): search words and last activity, kept by the database itself
-- so that every writer (submission, profile change, seeds, benchmarks) keeps them right.
-- Plain SQL and PL/pgSQL only: no extension, the same on PostgreSQL 15 and PGlite.

-- Lower case without accents. The JavaScript side (lib/processing/search.ts) folds a query the same way.
CREATE OR REPLACE FUNCTION portal_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select lower(replace(replace(replace(replace(translate(coalesce(value, ''),
    'ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãåçéèêëíìîïñóòôöõúùûüýÿ',
    'AAAAAACEEEEIIIINOOOOOUUUUYYaaaaaaceeeeiiiinooooouuuuyy'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_dossier_search_terms(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_search_terms WHERE dossier_id = target;
  INSERT INTO dossier_search_terms (term, dossier_id)
  SELECT DISTINCT w.term, d.id
  FROM dossiers d
  LEFT JOIN profiles p ON p.user_id = d.owner_id
  CROSS JOIN LATERAL (
    SELECT lower(d.number) AS term
    UNION ALL
    SELECT regexp_split_to_table(
      portal_fold(concat_ws(' ', d.number, d.beneficiary_snapshot->>'label', p.first_names, p.usage_name, p.birth_name)),
      '[^a-z0-9]+')
  ) w
  WHERE d.id = target AND d.number IS NOT NULL AND w.term <> '';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dossiers_search_terms_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number IS NOT NULL THEN PERFORM refresh_dossier_search_terms(NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_search_terms AFTER INSERT OR UPDATE OF number, beneficiary_snapshot, owner_id ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_search_terms_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION profiles_search_terms_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_dossier_search_terms(d.id) FROM dossiers d WHERE d.owner_id = NEW.user_id AND d.number IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER profiles_search_terms AFTER INSERT OR UPDATE OF first_names, usage_name, birth_name ON profiles
  FOR EACH ROW EXECUTE FUNCTION profiles_search_terms_trigger();
--> statement-breakpoint
-- A submitted dossier always has a last activity (its submission at least): the keyset sort needs no NULLs.
CREATE OR REPLACE FUNCTION dossiers_activity_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number IS NOT NULL AND NEW.last_activity_at IS NULL THEN
    NEW.last_activity_at := coalesce(NEW.submitted_at, now());
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_activity_default BEFORE INSERT OR UPDATE ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_activity_default();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dossier_events_activity_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dossiers SET last_activity_at = NEW.created_at
  WHERE id = NEW.dossier_id AND number IS NOT NULL AND (last_activity_at IS NULL OR last_activity_at < NEW.created_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_events_activity AFTER INSERT ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_activity_trigger();
--> statement-breakpoint
UPDATE dossiers d SET last_activity_at = coalesce((SELECT max(e.created_at) FROM dossier_events e WHERE e.dossier_id = d.id), d.submitted_at)
WHERE d.number IS NOT NULL;
--> statement-breakpoint
SELECT refresh_dossier_search_terms(id) FROM dossiers WHERE number IS NOT NULL;
