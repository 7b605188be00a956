import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { UNKNOWN_PLACE, listAreas } from "~/modules/areas/service.server";
import type { RegionCategory } from "~/modules/areas/schema";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.areas.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:areas");
  return { areas: await listAreas(), unknownPlace: UNKNOWN_PLACE };
}

export default function AreasPage() {
  const { areas, unknownPlace } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.areas.title")}</h1>
        <Link to="/admin/areas/new" className="button">
          {t("admin.areas.new")}
        </Link>
      </div>
      <p className="muted">{t("admin.areas.intro")}</p>
      {areas.length === 0 ? (
        <p className="alert alert-info">{t("admin.areas.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.areas.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.areas.name")}</th>
                <th scope="col">{t("admin.areas.municipality")}</th>
                <th scope="col">{t("admin.areas.federalState")}</th>
                <th scope="col">{t("admin.areas.colRegion")}</th>
                <th scope="col" className="num">{t("admin.areas.colInhabitants")}</th>
                <th scope="col" className="num">{t("admin.areas.sizeHectares")}</th>
                <th scope="col" className="num">{t("admin.areas.projects")}</th>
              </tr>
            </thead>
            <tbody>
              {areas.map((area) => (
                <tr key={area.id}>
                  <td>
                    <Link to={`/admin/areas/${area.id}`}>{area.name}</Link>
                  </td>
                  <td>
                    {area.municipality === unknownPlace ? <span className="badge badge-warning">{t("admin.areas.incomplete")}</span> : area.municipality}
                  </td>
                  <td>{area.federalState === unknownPlace ? "—" : area.federalState}</td>
                  <td>{t(`admin.region.${area.regionCategory as RegionCategory}`)}</td>
                  <td className="num">{area.inhabitants === null ? "—" : formatNumber(area.inhabitants, locale)}</td>
                  <td className="num">{area.sizeHectares === null ? "—" : formatNumber(area.sizeHectares, locale, Number.isInteger(area.sizeHectares) ? 0 : 1)}</td>
                  <td className="num">{area.projectCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
