CREATE TABLE "dossier_search_terms" (
	"term" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	CONSTRAINT "dossier_search_terms_term_dossier_id_pk" PRIMARY KEY("term","dossier_id")
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "last_activity_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_tombstones" ADD COLUMN "dossier_id" uuid;--> statement-breakpoint
ALTER TABLE "dossier_search_terms" ADD CONSTRAINT "dossier_search_terms_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_search_terms_prefix_idx" ON "dossier_search_terms" USING btree ("term" text_pattern_ops,"dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_search_terms_dossier_idx" ON "dossier_search_terms" USING btree ("dossier_id");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_queue_submitted_idx" ON "dossiers" USING btree ("submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE number is not null;--> statement-breakpoint
CREATE INDEX "dossiers_queue_procedure_submitted_idx" ON "dossiers" USING btree ("procedure_id","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE number is not null;--> statement-breakpoint
CREATE INDEX "dossiers_queue_procedure_status_submitted_idx" ON "dossiers" USING btree ("procedure_id","status","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE number is not null;--> statement-breakpoint
CREATE INDEX "dossiers_queue_activity_idx" ON "dossiers" USING btree ("last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE number is not null;--> statement-breakpoint
CREATE INDEX "dossiers_queue_procedure_activity_idx" ON "dossiers" USING btree ("procedure_id","last_activity_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE number is not null;--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dossier_tombstones_dossier_idx" ON "dossier_tombstones" USING btree ("dossier_id");