-- CreateTable
CREATE TABLE "Household" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "head" TEXT NOT NULL,
    "headKey" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,
    "formerCommuneCode" TEXT,
    "members" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "ethnicMinority" BOOLEAN NOT NULL,
    "incomePerPersonVnd" INTEGER,
    "deprivations" TEXT,
    "importedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HouseholdImportChunk" (
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("importId", "seq")
);

-- CreateIndex
CREATE INDEX "Household_code_idx" ON "Household"("code");

-- CreateIndex
CREATE INDEX "Household_villageCode_year_idx" ON "Household"("villageCode", "year");

-- CreateIndex
CREATE INDEX "Household_year_communeCode_idx" ON "Household"("year", "communeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Household_communeCode_code_year_key" ON "Household"("communeCode", "code", "year");
