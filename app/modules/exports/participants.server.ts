// The participant list export as a job: what a reader may see is fixed when the job is started (the
// same scope rules as app/modules/participants/export.server.ts); counting, auditing and writing
// happen when the job's turn comes.
import { prepareParticipantExport, type ParticipantExportParams } from "~/modules/participants/export.server";
import { startExportJob, type ExportJobView } from "./jobs.server";

/** Queues the filtered participant list as a CSV or XLSX file for `actorId` (see startExportJob). */
export async function startParticipantExportJob(params: Omit<ParticipantExportParams, "now"> & { actorId: string }): Promise<ExportJobView> {
  return startExportJob({
    owner: { userId: params.actorId, projectId: params.projectId },
    kind: "participants",
    format: params.format,
    prepare: async () => {
      const prepared = await prepareParticipantExport(params);
      return { total: prepared.rows, fileName: prepared.fileName, contentType: prepared.contentType, write: prepared.write };
    },
  });
}
