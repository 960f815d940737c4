ALTER TABLE "locker_documents" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "locker_documents" ADD COLUMN "issued_on" date;--> statement-breakpoint
ALTER TABLE "locker_documents" ADD COLUMN "expires_on" date;