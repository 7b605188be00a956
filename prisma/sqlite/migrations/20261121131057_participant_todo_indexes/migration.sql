-- CreateIndex
CREATE INDEX "Participant_projectId_exitStatus_exitDate_idx" ON "Participant"("projectId", "exitStatus", "exitDate");

-- CreateIndex
CREATE INDEX "Participant_projectId_status6Months_followUpDueDate_idx" ON "Participant"("projectId", "status6Months", "followUpDueDate");
