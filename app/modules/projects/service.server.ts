// Projects: read models for the project pages. Admin editing lives in admin.server.ts.
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

/** The project's header facts with its areas and action fields; 404 when it does not exist. */
export async function getProjectOverview(projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true, code: true, title: true, description: true, status: true, fundingRound: true, startDate: true, endDate: true,
      areas: { select: { area: { select: { id: true, name: true, municipality: true } } } },
      actionFields: { select: { actionField: { select: { id: true, code: true, name: true, nameEn: true, sortOrder: true } } } },
    },
  });
  if (!project) notFound();
  return {
    ...project,
    areas: project.areas.map((a) => a.area).sort((a, b) => a.name.localeCompare(b.name, "de")),
    actionFields: project.actionFields.map((f) => f.actionField).sort((a, b) => a.sortOrder - b.sortOrder),
  };
}
