-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Partner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "hasBudget" BOOLEAN NOT NULL DEFAULT false,
    "roleInProject" TEXT,
    "agreementType" TEXT,
    "agreementDate" DATETIME,
    "street" TEXT,
    "postcode" TEXT,
    "city" TEXT,
    "website" TEXT,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Partner_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Partner" ("agreementDate", "agreementType", "city", "createdAt", "hasBudget", "id", "name", "notes", "postcode", "projectId", "roleInProject", "street", "type", "updatedAt", "website") SELECT "agreementDate", "agreementType", "city", "createdAt", "hasBudget", "id", "name", "notes", "postcode", "projectId", "roleInProject", "street", "type", "updatedAt", "website" FROM "Partner";
DROP TABLE "Partner";
ALTER TABLE "new_Partner" RENAME TO "Partner";
CREATE INDEX "Partner_projectId_name_idx" ON "Partner"("projectId", "name");
CREATE TABLE "new_Target" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "customName" TEXT,
    "year" INTEGER,
    "areaId" TEXT,
    "targetValue" INTEGER NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Target_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Target_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Target" ("areaId", "createdAt", "customName", "id", "indicator", "note", "projectId", "targetValue", "updatedAt", "year") SELECT "areaId", "createdAt", "customName", "id", "indicator", "note", "projectId", "targetValue", "updatedAt", "year" FROM "Target";
DROP TABLE "Target";
ALTER TABLE "new_Target" RENAME TO "Target";
CREATE INDEX "Target_projectId_idx" ON "Target"("projectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
