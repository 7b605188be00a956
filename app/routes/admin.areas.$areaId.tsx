import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AreaForm } from "~/components/admin/area-form";
import { pageTitle } from "~/components/admin/meta";
import { AreaInputSchema } from "~/modules/areas/schema";
import { getArea, UNKNOWN_PLACE, updateArea } from "~/modules/areas/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "admin.areas.title").map((m) => ("title" in m && data ? { title: `${data.area.name} – ${m.title}` } : m));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:areas");
  const area = await getArea(requireId(params.areaId));
  return { area, incomplete: area.municipality === UNKNOWN_PLACE || area.federalState === UNKNOWN_PLACE };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:areas");
  const areaId = requireId(params.areaId);
  const values = formDataToValues(await readFormData(request, admin.locale));
  try {
    await updateArea(areaId, parseInput(AreaInputSchema, values), admin.id);
    return redirect(`/admin/areas/${areaId}?notice=saved`);
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function AreaPage() {
  const { area, incomplete } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() ?? null;
  const [searchParams] = useSearchParams();
  const t = useT();
  const notice = failed ? null : searchParams.get("notice");
  return (
    <>
      <p>
        <Link to="/admin/areas">← {t("admin.areas.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1>{area.name}</h1>
        {incomplete ? <span className="badge badge-warning">{t("admin.areas.incomplete")}</span> : null}
      </div>
      {notice === "created" || notice === "saved" ? (
        <p className="alert alert-success" role="status">
          {t(notice === "created" ? "admin.areas.created" : "admin.saved")}
        </p>
      ) : null}
      {incomplete ? <p className="alert alert-warning">{t("admin.areas.incompleteHint")}</p> : null}
      <div className="card">
        <AreaForm key={new Date(area.updatedAt).getTime()} area={area} failed={failed} submitLabel={t("common.save")} />
      </div>
      <section className="card" aria-labelledby="area-projects">
        <h2 id="area-projects" style={{ marginTop: 0 }}>{t("admin.areas.projectsTitle")}</h2>
        {area.projects.length === 0 ? (
          <p className="muted">{t("admin.areas.noProjects")}</p>
        ) : (
          <ul>
            {area.projects.map(({ project, isCore }) => (
              <li key={project.id}>
                <Link to={`/admin/projects/${project.id}`}>
                  <strong>{project.code}</strong> {project.title}
                </Link>{" "}
                <span className="badge">{t(isCore ? "admin.areas.core" : "admin.areas.extension")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
