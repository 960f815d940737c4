CREATE TABLE "procedure_revisions" (
	"procedure_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_revisions_procedure_id_revision_pk" PRIMARY KEY("procedure_id","revision")
);
--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "opens_on" date;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "closes_after" date;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "grace_until" date;--> statement-breakpoint
ALTER TABLE "procedure_revisions" ADD CONSTRAINT "procedure_revisions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;