-- CreateIndex
CREATE INDEX "Attendance_activityId_present_minutes_idx" ON "Attendance"("activityId", "present", "minutes");
