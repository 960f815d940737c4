ALTER TYPE "public"."attachment_kind" ADD VALUE 'request_answer';--> statement-breakpoint
ALTER TYPE "public"."attachment_kind" ADD VALUE 'message';--> statement-breakpoint
CREATE TABLE "dossier_request_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"attachment_id" uuid
);
--> statement-breakpoint
CREATE TABLE "dossier_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"asked_by" uuid,
	"correction" text,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_message" text
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "agent_unread_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD COLUMN "message_id" uuid;--> statement-breakpoint
ALTER TABLE "dossier_request_items" ADD CONSTRAINT "dossier_request_items_request_id_dossier_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dossier_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_request_items" ADD CONSTRAINT "dossier_request_items_attachment_id_dossier_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."dossier_attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_requests" ADD CONSTRAINT "dossier_requests_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_requests" ADD CONSTRAINT "dossier_requests_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_request_items_request_idx" ON "dossier_request_items" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "dossier_requests_dossier_idx" ON "dossier_requests" USING btree ("dossier_id","created_at");--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD CONSTRAINT "dossier_attachments_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_agent_unread_idx" ON "dossiers" USING btree ("procedure_id","agent_unread_since") WHERE "dossiers"."agent_unread_since" is not null;