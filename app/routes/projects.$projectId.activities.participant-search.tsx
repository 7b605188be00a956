// Resource route of the attendance grid: participants matching a search (number or name, area,
// active on the activity's day), or the group of the last session of the same series/type.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { SearchAnswer } from "~/modules/activities/attendance-grid";
import { attendeeSearchQuerySchema, berlinDayStart } from "~/modules/activities/schema";
import { describeAttendees, lastSessionGroup, searchParticipantsForAttendance } from "~/modules/activities/service.server";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs): Promise<SearchAnswer> {
  const { user, project, role } = await requirePermission(request, params.projectId, "activity:write");
  const withNames = can({ isAdmin: user.isAdmin, role }, "participant:read");
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const query = attendeeSearchQuerySchema.parse(raw);
  if (query.lastGroup) {
    const group = await lastSessionGroup(project.id, {
      typeId: query.typeId,
      seriesId: query.seriesId,
      // why: sessions earlier on the same day count (a morning and an afternoon group).
      before: query.date ? berlinDayStart(new Date(query.date.getTime() + 24 * 3600 * 1000)) : null,
      excludeActivityId: query.excludeActivityId,
    });
    const participants = group ? await describeAttendees(project.id, group.participantIds, withNames) : [];
    return { kind: "lastGroup", startsAt: group?.startsAt ?? null, participants };
  }
  const participants = await searchParticipantsForAttendance(project.id, { q: query.q, areaId: query.areaId, onDate: query.date, withNames });
  return { kind: "search", q: query.q, areaId: query.areaId ?? "", participants };
}
