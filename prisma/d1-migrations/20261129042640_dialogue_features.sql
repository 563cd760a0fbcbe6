-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "estimatedAt" DATETIME;
ALTER TABLE "Contact" ADD COLUMN "estimatedCategory" TEXT;
ALTER TABLE "Contact" ADD COLUMN "estimatedStandard" TEXT;
ALTER TABLE "Contact" ADD COLUMN "verifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "CommuneOffice" (
    "placeCode" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "phone" TEXT,
    "hours" TEXT,
    "note" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedByContactId" INTEGER,
    CONSTRAINT "CommuneOffice_placeCode_fkey" FOREIGN KEY ("placeCode") REFERENCES "Place" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoverRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "placeCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "question" TEXT NOT NULL,
    "transcript" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    "answeredByContactId" INTEGER,
    "answer" TEXT,
    CONSTRAINT "HandoverRequest_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnansweredQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,
    "intentGuess" TEXT,
    "confidence" REAL,
    "placeCode" TEXT,
    "status" TEXT NOT NULL DEFAULT 'new'
);

-- CreateTable
CREATE TABLE "TrainingUtterance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedByContactId" INTEGER,
    "sourceQuestionId" INTEGER
);

-- CreateTable
CREATE TABLE "EligibilityCheckStat" (
    "day" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "placeCode" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "standard", "category", "placeCode")
);

-- CreateTable
CREATE TABLE "OfficerInvite" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "placeCode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedByContactId" INTEGER
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "window")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConversationSession" (
    "contactId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "flow" TEXT,
    "state" TEXT NOT NULL DEFAULT '{}',
    "recent" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationSession_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConversationSession" ("contactId", "expiresAt", "flow", "state", "updatedAt", "version") SELECT "contactId", "expiresAt", "flow", "state", "updatedAt", "version" FROM "ConversationSession";
DROP TABLE "ConversationSession";
ALTER TABLE "new_ConversationSession" RENAME TO "ConversationSession";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "HandoverRequest_placeCode_status_idx" ON "HandoverRequest"("placeCode", "status");

-- CreateIndex
CREATE INDEX "UnansweredQuestion_status_at_idx" ON "UnansweredQuestion"("status", "at");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingUtterance_text_intent_key" ON "TrainingUtterance"("text", "intent");
