CREATE TABLE "queue_status_counts" (
	"procedure_id" uuid NOT NULL,
	"status" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_status_counts_procedure_id_status_pk" PRIMARY KEY("procedure_id","status")
);
--> statement-breakpoint
ALTER TABLE "queue_status_counts" ADD CONSTRAINT "queue_status_counts_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_actor_target_idx" ON "audit_log" USING btree ("actor_id","target_id","created_at");--> statement-breakpoint
-- Hand-written below (decision 022): the counter is kept by the database itself, so that every
-- writer (submission, status change, bulk change, account deletion, retention purge, seeds) keeps it
-- right without code. A dossier counts when the queue's scope would show it: submitted, numbered,
-- not a draft (lib/processing/scope.ts).
CREATE OR REPLACE FUNCTION dossiers_queue_counts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_procedure uuid;
  old_status text;
  new_procedure uuid;
  new_status text;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.number IS NOT NULL AND OLD.submitted_at IS NOT NULL AND OLD.status <> 'draft' THEN
    old_procedure := OLD.procedure_id;
    old_status := OLD.status;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.number IS NOT NULL AND NEW.submitted_at IS NOT NULL AND NEW.status <> 'draft' THEN
    new_procedure := NEW.procedure_id;
    new_status := NEW.status;
  END IF;
  -- One statement, its rows in key order: two transactions moving dossiers between the same two
  -- statuses in opposite directions lock the two counter rows in the same order (no deadlock).
  -- An upsert rather than read-then-write: concurrent submissions never lose an increment.
  INSERT INTO queue_status_counts AS c (procedure_id, status, n)
  SELECT k.procedure_id, k.status, sum(k.delta)::int
  FROM (VALUES (old_procedure, old_status, -1), (new_procedure, new_status, 1)) AS k(procedure_id, status, delta)
  WHERE k.procedure_id IS NOT NULL
  GROUP BY k.procedure_id, k.status
  HAVING sum(k.delta) <> 0
  ORDER BY k.procedure_id, k.status
  ON CONFLICT (procedure_id, status) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_queue_counts AFTER INSERT OR DELETE OR UPDATE OF status, procedure_id, number, submitted_at ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_queue_counts_trigger();
--> statement-breakpoint
-- Recounts from the dossiers themselves: the backfill below, and bulk loads that ran with triggers off (benchmark seeds).
CREATE OR REPLACE FUNCTION rebuild_queue_status_counts() RETURNS void LANGUAGE sql AS $$
  DELETE FROM queue_status_counts WHERE true;
  INSERT INTO queue_status_counts (procedure_id, status, n)
  SELECT procedure_id, status, count(*)::int FROM dossiers
  WHERE number IS NOT NULL AND submitted_at IS NOT NULL AND status <> 'draft'
  GROUP BY procedure_id, status;
$$;
--> statement-breakpoint
-- The trigger exists (and holds its lock on dossiers) before the recount: no change is missed in between.
SELECT rebuild_queue_status_counts();
