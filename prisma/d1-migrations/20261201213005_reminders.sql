-- CreateTable
CREATE TABLE "ReminderEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT,
    "titleVars" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "location" TEXT,
    "placeCodes" TEXT NOT NULL DEFAULT '[]',
    "audience" TEXT NOT NULL DEFAULT 'all',
    "public" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "version" INTEGER NOT NULL DEFAULT 1,
    "plannedVersion" INTEGER NOT NULL DEFAULT 0,
    "plannedAt" DATETIME,
    "ruleKey" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdByContactId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReminderRule" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "placeCode" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT 'all',
    "durationMin" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReminderDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "offset" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "reason" TEXT,
    "claim" TEXT,
    "claimedAt" DATETIME,
    "outboxId" INTEGER,
    "via" TEXT,
    "queuedAt" DATETIME,
    "doneAt" DATETIME,
    "toldAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReminderAnswer" (
    "eventId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "contactId")
);

-- CreateTable
CREATE TABLE "ReminderSubscription" (
    "contactId" INTEGER NOT NULL,
    "placeCode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("contactId", "placeCode")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderEvent_ruleKey_key" ON "ReminderEvent"("ruleKey");

-- CreateIndex
CREATE INDEX "ReminderEvent_status_startsAt_idx" ON "ReminderEvent"("status", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDelivery_key_key" ON "ReminderDelivery"("key");

-- CreateIndex
CREATE INDEX "ReminderDelivery_status_dueAt_idx" ON "ReminderDelivery"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ReminderDelivery_eventId_contactId_idx" ON "ReminderDelivery"("eventId", "contactId");

-- CreateIndex
CREATE INDEX "ReminderDelivery_contactId_status_idx" ON "ReminderDelivery"("contactId", "status");

-- CreateIndex
CREATE INDEX "ReminderDelivery_claim_idx" ON "ReminderDelivery"("claim");

-- CreateIndex
CREATE INDEX "ReminderSubscription_placeCode_idx" ON "ReminderSubscription"("placeCode");
