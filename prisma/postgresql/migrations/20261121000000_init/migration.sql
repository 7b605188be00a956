-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ProjectRole" AS ENUM ('lead', 'coordinator', 'manager', 'accountant');

-- CreateEnum
CREATE TYPE "RegionCategory" AS ENUM ('less_developed', 'transition', 'more_developed');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('planned', 'active', 'closed');

-- CreateEnum
CREATE TYPE "FlatRateModel" AS ENUM ('none', 'staff_costs_remaining', 'indirect_on_staff', 'indirect_on_direct');

-- CreateEnum
CREATE TYPE "PartnerType" AS ENUM ('sub_project_partner', 'cooperation_partner', 'jobcenter', 'municipality', 'association', 'company', 'education_provider', 'other');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('female', 'male', 'diverse');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('unemployed', 'inactive', 'employed');

-- CreateEnum
CREATE TYPE "EducationLevel" AS ENUM ('isced_0_2', 'isced_3_4', 'isced_5_8');

-- CreateEnum
CREATE TYPE "Answer" AS ENUM ('yes', 'no', 'no_answer');

-- CreateEnum
CREATE TYPE "ExitStatus" AS ENUM ('job_searching', 'education_training', 'employed', 'self_employed', 'other');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('employed', 'self_employed', 'not_employed', 'unknown');

-- CreateEnum
CREATE TYPE "YesNoUnknown" AS ENUM ('yes', 'no', 'unknown');

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('business', 'public_body');

-- CreateEnum
CREATE TYPE "SizeClass" AS ENUM ('micro', 'small', 'medium', 'large');

-- CreateEnum
CREATE TYPE "SupportType" AS ENUM ('advice', 'event', 'placement', 'networking', 'other');

-- CreateEnum
CREATE TYPE "ActivityFormat" AS ENUM ('group', 'individual');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('planned', 'in_progress', 'done', 'delayed');

-- CreateEnum
CREATE TYPE "FinancingSourceKind" AS ENUM ('esf_plus', 'federal', 'own_share', 'municipal', 'other');

-- CreateEnum
CREATE TYPE "CostCategory" AS ENUM ('staff', 'fees', 'material', 'flat_rate');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('draft', 'submitted', 'paid', 'rejected');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'de',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProjectMembership" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "ProjectRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeArea" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "federalState" TEXT NOT NULL,
    "regionCategory" "RegionCategory" NOT NULL,
    "sizeHectares" DOUBLE PRECISION,
    "inhabitants" INTEGER,
    "sgb2Rate" DOUBLE PRECISION,
    "unemploymentRate" DOUBLE PRECISION,
    "migrantShare" DOUBLE PRECISION,
    "factsYear" INTEGER,
    "factsSource" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgrammeArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionField" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "description" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ActionField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "sponsor" TEXT,
    "fundingRound" TEXT,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "status" "ProjectStatus" NOT NULL DEFAULT 'active',
    "flatRateModel" "FlatRateModel" NOT NULL DEFAULT 'none',
    "flatRateBp" INTEGER NOT NULL DEFAULT 0,
    "annualHours" INTEGER NOT NULL DEFAULT 1720,
    "maxFundingRateBp" INTEGER NOT NULL DEFAULT 9000,
    "eligibleCostCents" INTEGER,
    "retentionYears" INTEGER NOT NULL DEFAULT 5,
    "finalStatementDate" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectArea" (
    "projectId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "isCore" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ProjectArea_pkey" PRIMARY KEY ("projectId","areaId")
);

-- CreateTable
CREATE TABLE "ProjectActionField" (
    "projectId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,

    CONSTRAINT "ProjectActionField_pkey" PRIMARY KEY ("projectId","actionFieldId")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "PartnerType" NOT NULL,
    "hasBudget" BOOLEAN NOT NULL DEFAULT false,
    "roleInProject" TEXT,
    "agreementType" TEXT,
    "agreementDate" TIMESTAMP(3),
    "street" TEXT,
    "postcode" TEXT,
    "city" TEXT,
    "website" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerContact" (
    "id" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "function" TEXT,
    "email" TEXT,
    "phone" TEXT,

    CONSTRAINT "PartnerContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "participantNo" TEXT NOT NULL,
    "areaId" TEXT,
    "gender" "Gender",
    "ageAtEntry" INTEGER,
    "employmentStatus" "EmploymentStatus",
    "longTermUnemployed" BOOLEAN NOT NULL DEFAULT false,
    "educationLevel" "EducationLevel",
    "entryDate" TIMESTAMP(3),
    "disability" "Answer",
    "thirdCountryNational" "Answer",
    "foreignBackground" "Answer",
    "minority" "Answer",
    "homeless" "Answer",
    "ruralArea" "Answer",
    "exitDate" TIMESTAMP(3),
    "exitStatus" "ExitStatus",
    "qualificationGained" BOOLEAN,
    "employabilityImproved" BOOLEAN,
    "followUpDueDate" TIMESTAMP(3),
    "status6Months" "FollowUpStatus",
    "situationImproved6Months" "YesNoUnknown",
    "followUpRecordedAt" TIMESTAMP(3),
    "missingFields" TEXT NOT NULL DEFAULT '',
    "isComplete" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantIdentity" (
    "participantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "birthDate" TIMESTAMP(3),
    "postcode" TEXT NOT NULL,
    "street" TEXT,
    "city" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "privacyNoticeDate" TIMESTAMP(3),
    "anonymisedAt" TIMESTAMP(3),

    CONSTRAINT "ParticipantIdentity_pkey" PRIMARY KEY ("participantId")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "sector" TEXT,
    "sizeClass" "SizeClass",
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
    "firstSupportDate" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationSupport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "activityId" TEXT,
    "date" TIMESTAMP(3) NOT NULL,
    "type" "SupportType" NOT NULL,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationSupport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityType" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivitySeries" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivitySeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "typeId" TEXT NOT NULL,
    "actionFieldId" TEXT NOT NULL,
    "areaId" TEXT,
    "seriesId" TEXT,
    "partnerId" TEXT,
    "staffUserId" TEXT,
    "format" "ActivityFormat" NOT NULL DEFAULT 'group',
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL DEFAULT true,
    "minutes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'planned',
    "ownerUserId" TEXT,
    "actionFieldId" TEXT,
    "completedAt" TIMESTAMP(3),
    "evidenceNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "customName" TEXT,
    "year" INTEGER,
    "areaId" TEXT,
    "targetValue" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetActual" (
    "id" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "value" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancingSource" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" "FinancingSourceKind" NOT NULL,
    "name" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FinancingSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "category" "CostCategory" NOT NULL,
    "partnerId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentClaim" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "dueDate" TIMESTAMP(3),
    "amountCents" INTEGER NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'draft',
    "submittedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "paidAmountCents" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "category" "CostCategory" NOT NULL,
    "partnerId" TEXT,
    "payee" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "paidAt" TIMESTAMP(3),
    "staffPerson" TEXT,
    "staffMonth" TEXT,
    "staffMinutes" INTEGER,
    "attachmentName" TEXT,
    "attachmentPath" TEXT,
    "claimId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Expense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportNarrative" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "actionFieldId" TEXT,
    "section" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportNarrative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingPeriod" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "lockedAt" TIMESTAMP(3),
    "lockedById" TEXT,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportingPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "projectId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMembership" ADD CONSTRAINT "ProjectMembership_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMembership" ADD CONSTRAINT "ProjectMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectArea" ADD CONSTRAINT "ProjectArea_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectArea" ADD CONSTRAINT "ProjectArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectActionField" ADD CONSTRAINT "ProjectActionField_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectActionField" ADD CONSTRAINT "ProjectActionField_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerContact" ADD CONSTRAINT "PartnerContact_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantIdentity" ADD CONSTRAINT "ParticipantIdentity_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantIdentity" ADD CONSTRAINT "ParticipantIdentity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationSupport" ADD CONSTRAINT "OrganisationSupport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationSupport" ADD CONSTRAINT "OrganisationSupport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationSupport" ADD CONSTRAINT "OrganisationSupport_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityType" ADD CONSTRAINT "ActivityType_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityType" ADD CONSTRAINT "ActivityType_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySeries" ADD CONSTRAINT "ActivitySeries_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "ActivityType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ActivitySeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "ProgrammeArea"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetActual" ADD CONSTRAINT "TargetActual_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingSource" ADD CONSTRAINT "FinancingSource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentClaim" ADD CONSTRAINT "PaymentClaim_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "PaymentClaim"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportNarrative" ADD CONSTRAINT "ReportNarrative_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportNarrative" ADD CONSTRAINT "ReportNarrative_actionFieldId_fkey" FOREIGN KEY ("actionFieldId") REFERENCES "ActionField"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportingPeriod" ADD CONSTRAINT "ReportingPeriod_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

