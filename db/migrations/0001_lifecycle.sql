CREATE TABLE "dossier_tombstones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"procedure_id" uuid,
	"procedure_title" text NOT NULL,
	"final_status" text,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reason" text NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maintenance_leases" (
	"job" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD COLUMN "closed_dossier_retention_months" integer;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD COLUMN "draft_retention_months" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "retention_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_tombstones" ADD CONSTRAINT "dossier_tombstones_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_tombstones_procedure_idx" ON "dossier_tombstones" USING btree ("procedure_id","deleted_at");--> statement-breakpoint
CREATE INDEX "dossier_tombstones_number_idx" ON "dossier_tombstones" USING btree ("number");