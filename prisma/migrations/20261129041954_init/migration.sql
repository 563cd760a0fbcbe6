-- CreateTable
CREATE TABLE "Place" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentCode" TEXT,
    "area" TEXT NOT NULL DEFAULT 'unknown',
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "validFrom" TEXT,
    "validTo" TEXT,
    "successorCode" TEXT,
    "gsoCode" TEXT,
    "source" TEXT NOT NULL,
    CONSTRAINT "Place_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Place" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PovertyStatistic" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "placeCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "standard" TEXT,
    "poorHouseholds" INTEGER,
    "nearPoorHouseholds" INTEGER,
    "poorRateBasisPoints" INTEGER,
    "ethnicMinorityPoor" INTEGER,
    "source" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "note" TEXT,
    CONSTRAINT "PovertyStatistic_placeCode_fkey" FOREIGN KEY ("placeCode") REFERENCES "Place" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'resident',
    "placeCode" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "lastInboundAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_placeCode_fkey" FOREIGN KEY ("placeCode") REFERENCES "Place" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationSession" (
    "contactId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "flow" TEXT,
    "state" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationSession_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedMessage" (
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("channel", "messageId")
);

-- CreateTable
CREATE TABLE "ChannelCredential" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "accessExpiresAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contactId" INTEGER,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "detail" TEXT
);

-- CreateIndex
CREATE INDEX "Place_parentCode_idx" ON "Place"("parentCode");

-- CreateIndex
CREATE UNIQUE INDEX "PovertyStatistic_placeCode_year_source_key" ON "PovertyStatistic"("placeCode", "year", "source");

-- CreateIndex
CREATE INDEX "Contact_role_placeCode_idx" ON "Contact"("role", "placeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_channel_externalId_key" ON "Contact"("channel", "externalId");

-- CreateIndex
CREATE INDEX "ProcessedMessage_createdAt_idx" ON "ProcessedMessage"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
