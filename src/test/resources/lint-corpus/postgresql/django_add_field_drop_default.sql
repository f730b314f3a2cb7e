BEGIN;
--
-- Add field priority to ticket
--
ALTER TABLE "helpdesk_ticket" ADD COLUMN "priority" integer DEFAULT 3 NOT NULL;
ALTER TABLE "helpdesk_ticket" ALTER COLUMN "priority" DROP DEFAULT;
COMMIT;
