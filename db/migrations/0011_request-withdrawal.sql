ALTER TABLE "dossier_requests" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_requests" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "dossier_requests" ADD CONSTRAINT "dossier_requests_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written (decision 021): a request is closed once, either answered or withdrawn, never both.
ALTER TABLE "dossier_requests" ADD CONSTRAINT "dossier_requests_closed_once" CHECK ("answered_at" IS NULL OR "withdrawn_at" IS NULL);
