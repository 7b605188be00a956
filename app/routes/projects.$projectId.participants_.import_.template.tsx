// Resource route: an empty participant file with the contract's column headers (German synonyms and
// `;` for German users, as German Excel writes them; contract names and `,` otherwise).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { columnHeader, exportColumns } from "~/modules/participants/export.server";
import { requirePermission } from "~/utils/session.server";

/** The contract's 23 columns (section 1), without the export's extra columns. */
const CONTRACT_COLUMNS = exportColumns({ identity: true, sensitive: true })
  .map((c) => c.key)
  .filter((key) => !["age_at_entry", "complete", "missing_fields", "street", "city", "email", "phone", "privacy_notice_date"].includes(key));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, params.projectId, "participant:import");
  const delimiter = user.locale === "de" ? ";" : ",";
  const header = CONTRACT_COLUMNS.map((key) => columnHeader(key, user.locale)).join(delimiter);
  const fileName = user.locale === "de" ? "Teilnehmende-Vorlage.csv" : "participants-template.csv";
  return new Response(`\uFEFF${header}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
