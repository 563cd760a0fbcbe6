-- AlterTable
ALTER TABLE "ProcessedMessage" ADD COLUMN "claim" TEXT;
ALTER TABLE "ProcessedMessage" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "InboundEvent" (
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "lastError" TEXT,

    PRIMARY KEY ("channel", "messageId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'reply',
    "payload" TEXT NOT NULL,
    "renderer" TEXT,
    "replyTo" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "finishedAt" DATETIME,
    "lastError" TEXT,
    "dedupeKey" TEXT
);
INSERT INTO "new_OutboxMessage" ("attempts", "contactId", "createdAt", "dedupeKey", "id", "lastError", "nextAttemptAt", "payload", "sentAt", "status") SELECT "attempts", "contactId", "createdAt", "dedupeKey", "id", "lastError", "nextAttemptAt", "payload", "sentAt", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_contactId_status_idx" ON "OutboxMessage"("contactId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InboundEvent_nextAttemptAt_idx" ON "InboundEvent"("nextAttemptAt");

-- Statuses of the new outbox, and no conversation text kept in messages that are already final.
UPDATE "OutboxMessage" SET "status" = 'unreachable' WHERE "status" = 'window_closed';
UPDATE "OutboxMessage" SET "payload" = '', "finishedAt" = COALESCE("sentAt", "createdAt") WHERE "status" <> 'pending';
