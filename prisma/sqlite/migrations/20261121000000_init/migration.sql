-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "blockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "ProjectMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProjectMembership_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "federalState" TEXT NOT NULL,
    "regionCategory" TEXT NOT NULL,
    "sizeHectares" REAL,
    "inhabitants" INTEGER,
    "sgb2Rate" REAL,
    "unemploymentRate" REAL,
    "migrantShare" REAL,
    "factsYear" INTEGER,
    "factsSource" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ActionField" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "description" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "sponsor" TEXT,
    "fundingRound" TEXT,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "flatRateModel" TEXT NOT NULL DEFAULT 'none',
    "flatRateBp" INTEGER NOT NULL DEFAULT 0,
    "annualHours" INTEGER NOT NULL DEFAULT 1720,
    "maxFundingRateBp" INTEGER NOT NULL DEFAULT 9000,
    "eligibleCostCents" INTEGER,
    "retentionYears" INTEGER NOT NULL DEFAULT 5,
    "finalStatementDate" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProjectArea" (
    "projectId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "isCore" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("projectId", "areaId"),
    CONSTRAINT "ProjectArea_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProjectActionField" (
    "projectId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,

    PRIMARY KEY ("projectId", "actionFieldId"),
    CONSTRAINT "ProjectActionField_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProjectActionField_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Partner" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Partner_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartnerContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "function" TEXT,
    "email" TEXT,
    "phone" TEXT,
    CONSTRAINT "PartnerContact_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "participantNo" TEXT NOT NULL,
    "areaId" TEXT,
    "gender" TEXT,
    "ageAtEntry" INTEGER,
    "employmentStatus" TEXT,
    "longTermUnemployed" BOOLEAN NOT NULL DEFAULT false,
    "educationLevel" TEXT,
    "entryDate" DATETIME,
    "disability" TEXT,
    "thirdCountryNational" TEXT,
    "foreignBackground" TEXT,
    "minority" TEXT,
    "homeless" TEXT,
    "ruralArea" TEXT,
    "exitDate" DATETIME,
    "exitStatus" TEXT,
    "qualificationGained" BOOLEAN,
    "employabilityImproved" BOOLEAN,
    "followUpDueDate" DATETIME,
    "status6Months" TEXT,
    "situationImproved6Months" TEXT,
    "followUpRecordedAt" DATETIME,
    "missingFields" TEXT NOT NULL DEFAULT '',
    "isComplete" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Participant_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Participant_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ParticipantIdentity" (
    "participantId" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "birthDate" DATETIME,
    "postcode" TEXT NOT NULL,
    "street" TEXT,
    "city" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "privacyNoticeDate" DATETIME,
    "anonymisedAt" DATETIME,
    CONSTRAINT "ParticipantIdentity_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParticipantIdentity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sector" TEXT,
    "sizeClass" TEXT,
    "socialEnterprise" BOOLEAN NOT NULL DEFAULT false,
    "cooperative" BOOLEAN NOT NULL DEFAULT false,
    "soloSelfEmployed" BOOLEAN NOT NULL DEFAULT false,
    "street" TEXT,
    "postcode" TEXT,
    "city" TEXT,
    "areaId" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "notes" TEXT,
    "firstSupportDate" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Organisation_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrganisationSupport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "activityId" TEXT,
    "date" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "notes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrganisationSupport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganisationSupport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganisationSupport_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ActivityType_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityType_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivitySeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActivitySeries_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,
    "areaId" TEXT,
    "seriesId" TEXT,
    "partnerId" TEXT,
    "staffUserId" TEXT,
    "format" TEXT NOT NULL DEFAULT 'group',
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "ActivityType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ActivitySeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "activityId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "minutes" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Attendance_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "ownerUserId" TEXT,
    "actionFieldId" TEXT,
    "completedAt" DATETIME,
    "evidenceNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Milestone_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Milestone_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Milestone_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Target" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "customName" TEXT,
    "year" INTEGER,
    "areaId" TEXT,
    "targetValue" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Target_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Target_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetActual" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TargetActual_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FinancingSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FinancingSource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "partnerId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BudgetLine_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BudgetLine_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "dueDate" DATETIME,
    "amountCents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "submittedAt" DATETIME,
    "paidAt" DATETIME,
    "paidAmountCents" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PaymentClaim_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "partnerId" TEXT,
    "payee" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "paidAt" DATETIME,
    "staffPerson" TEXT,
    "staffMonth" TEXT,
    "staffMinutes" INTEGER,
    "attachmentName" TEXT,
    "attachmentPath" TEXT,
    "claimId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Expense_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Expense_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "PaymentClaim" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportNarrative" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "actionFieldId" TEXT,
    "section" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportNarrative_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReportNarrative_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "lockedAt" DATETIME,
    "lockedById" TEXT,
    "reopenedAt" DATETIME,
    "reopenedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportingPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "projectId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "ProjectMembership_userId_idx" ON "ProjectMembership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectMembership_projectId_userId_key" ON "ProjectMembership"("projectId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeArea_municipality_name_key" ON "ProgrammeArea"("municipality", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ActionField_code_key" ON "ActionField"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Project_code_key" ON "Project"("code");

-- CreateIndex
CREATE INDEX "ProjectArea_areaId_idx" ON "ProjectArea"("areaId");

-- CreateIndex
CREATE INDEX "ProjectActionField_actionFieldId_idx" ON "ProjectActionField"("actionFieldId");

-- CreateIndex
CREATE INDEX "Partner_projectId_name_idx" ON "Partner"("projectId", "name");

-- CreateIndex
CREATE INDEX "PartnerContact_partnerId_idx" ON "PartnerContact"("partnerId");

-- CreateIndex
CREATE INDEX "Participant_projectId_entryDate_idx" ON "Participant"("projectId", "entryDate");

-- CreateIndex
CREATE INDEX "Participant_projectId_exitDate_idx" ON "Participant"("projectId", "exitDate");

-- CreateIndex
CREATE INDEX "Participant_projectId_isComplete_idx" ON "Participant"("projectId", "isComplete");

-- CreateIndex
CREATE INDEX "Participant_projectId_followUpDueDate_idx" ON "Participant"("projectId", "followUpDueDate");

-- CreateIndex
CREATE INDEX "Participant_projectId_areaId_idx" ON "Participant"("projectId", "areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_projectId_participantNo_key" ON "Participant"("projectId", "participantNo");

-- CreateIndex
CREATE INDEX "ParticipantIdentity_projectId_searchName_idx" ON "ParticipantIdentity"("projectId", "searchName");

-- CreateIndex
CREATE INDEX "ParticipantIdentity_projectId_lastName_firstName_postcode_idx" ON "ParticipantIdentity"("projectId", "lastName", "firstName", "postcode");

-- CreateIndex
CREATE INDEX "Organisation_projectId_name_idx" ON "Organisation"("projectId", "name");

-- CreateIndex
CREATE INDEX "Organisation_projectId_firstSupportDate_idx" ON "Organisation"("projectId", "firstSupportDate");

-- CreateIndex
CREATE INDEX "OrganisationSupport_organisationId_date_idx" ON "OrganisationSupport"("organisationId", "date");

-- CreateIndex
CREATE INDEX "OrganisationSupport_projectId_date_idx" ON "OrganisationSupport"("projectId", "date");

-- CreateIndex
CREATE INDEX "OrganisationSupport_activityId_idx" ON "OrganisationSupport"("activityId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityType_projectId_actionFieldId_name_key" ON "ActivityType"("projectId", "actionFieldId", "name");

-- CreateIndex
CREATE INDEX "ActivitySeries_projectId_idx" ON "ActivitySeries"("projectId");

-- CreateIndex
CREATE INDEX "Activity_projectId_startsAt_idx" ON "Activity"("projectId", "startsAt");

-- CreateIndex
CREATE INDEX "Activity_seriesId_idx" ON "Activity"("seriesId");

-- CreateIndex
CREATE INDEX "Activity_typeId_idx" ON "Activity"("typeId");

-- CreateIndex
CREATE INDEX "Attendance_participantId_idx" ON "Attendance"("participantId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_activityId_participantId_key" ON "Attendance"("activityId", "participantId");

-- CreateIndex
CREATE INDEX "Milestone_projectId_dueDate_idx" ON "Milestone"("projectId", "dueDate");

-- CreateIndex
CREATE INDEX "Target_projectId_idx" ON "Target"("projectId");

-- CreateIndex
CREATE INDEX "TargetActual_targetId_date_idx" ON "TargetActual"("targetId", "date");

-- CreateIndex
CREATE INDEX "FinancingSource_projectId_idx" ON "FinancingSource"("projectId");

-- CreateIndex
CREATE INDEX "BudgetLine_projectId_year_idx" ON "BudgetLine"("projectId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentClaim_projectId_number_key" ON "PaymentClaim"("projectId", "number");

-- CreateIndex
CREATE INDEX "Expense_projectId_date_idx" ON "Expense"("projectId", "date");

-- CreateIndex
CREATE INDEX "Expense_claimId_idx" ON "Expense"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "Expense_projectId_receiptNo_key" ON "Expense"("projectId", "receiptNo");

-- CreateIndex
CREATE INDEX "ReportNarrative_projectId_periodStart_idx" ON "ReportNarrative"("projectId", "periodStart");

-- CreateIndex
CREATE INDEX "ReportingPeriod_projectId_start_idx" ON "ReportingPeriod"("projectId", "start");

-- CreateIndex
CREATE INDEX "AuditEvent_projectId_entity_entityId_idx" ON "AuditEvent"("projectId", "entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

