-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "OfficerInvite";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contactId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "placeCode" TEXT,
    "grantedBy" TEXT NOT NULL,
    "grantedByContactId" INTEGER,
    "inviteId" INTEGER,
    "verifiedAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedByContactId" INTEGER,
    CONSTRAINT "RoleAssignment_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "codeHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "placeCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "usedAt" DATETIME,
    "usedByContactId" INTEGER,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SignInLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "contactId" INTEGER NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "contactId" INTEGER,
    "assignmentId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorContactId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" TEXT
);
-- Rows written before actors were recorded: the officer page (no contact) or an officer by chat.
INSERT INTO "new_AuditLog" ("action", "at", "detail", "id", "subject", "actorKind", "actorContactId", "actorLabel", "channel")
SELECT "action", "at", "detail", "id", COALESCE("subject", ''), CASE WHEN "contactId" IS NULL THEN 'admin' ELSE 'officer' END, "contactId", 'legacy', 'legacy' FROM "AuditLog";
DROP TABLE "AuditLog";
ALTER TABLE "new_AuditLog" RENAME TO "AuditLog";
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
CREATE INDEX "AuditLog_actorContactId_at_idx" ON "AuditLog"("actorContactId", "at");
-- Verified officers and collaborators keep their role, now as an assignment of its own.
INSERT INTO "RoleAssignment" ("contactId", "role", "placeCode", "grantedBy", "verifiedAt")
SELECT "id", "role", CASE WHEN "role" = 'admin' THEN NULL ELSE "placeCode" END, 'invite', "verifiedAt" FROM "Contact"
WHERE "verifiedAt" IS NOT NULL AND "role" IN ('collaborator', 'officer', 'admin');
CREATE TABLE "new_Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "placeCode" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "lastInboundAt" DATETIME,
    "estimatedCategory" TEXT,
    "estimatedStandard" TEXT,
    "estimatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_placeCode_fkey" FOREIGN KEY ("placeCode") REFERENCES "Place" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("channel", "createdAt", "estimatedAt", "estimatedCategory", "estimatedStandard", "externalId", "id", "lastInboundAt", "locale", "placeCode", "updatedAt") SELECT "channel", "createdAt", "estimatedAt", "estimatedCategory", "estimatedStandard", "externalId", "id", "lastInboundAt", "locale", "placeCode", "updatedAt" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE UNIQUE INDEX "Contact_channel_externalId_key" ON "Contact"("channel", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RoleAssignment_contactId_revokedAt_idx" ON "RoleAssignment"("contactId", "revokedAt");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_placeCode_idx" ON "RoleAssignment"("role", "placeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_codeHash_key" ON "Invite"("codeHash");

-- CreateIndex
CREATE INDEX "ConsoleSession_assignmentId_idx" ON "ConsoleSession"("assignmentId");
