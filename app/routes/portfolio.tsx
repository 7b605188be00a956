import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { canSeePortfolio, loadPortfolio, type PortfolioProject } from "~/modules/dashboards/service.server";
import { CHART_COLOURS, ChartSection, TableWrap, useFigures } from "~/modules/dashboards/ui";
import styles from "~/styles/dashboards.css?url";
import { formatDate, formatMoney } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { forbidden } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!(await canSeePortfolio(user))) forbidden();
  const projects = await loadPortfolio(user);
  return { projects, pageTitle: `${translate(user.locale, "portfolio.title")} – ${translate(user.locale, "app.name")}` };
}

export default function PortfolioPage() {
  const { projects } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-header">
        <h1>{t("portfolio.title")}</h1>
      </div>
      <p className="muted">{t("portfolio.intro")}</p>
      {projects.length === 0 ? (
        <p className="alert alert-info">{t("portfolio.empty")}</p>
      ) : (
        <>
          <ComparisonTable projects={projects} />
          <PortfolioCharts projects={projects} />
        </>
      )}
    </>
  );
}

/** Projects as columns, key figures as rows: the side-by-side view. */
function ComparisonTable({ projects }: { projects: PortfolioProject[] }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const rows: { key: string; label: string; cell: (p: PortfolioProject) => ReactNode }[] = [
    { key: "period", label: t("portfolio.row.period"), cell: (p) => `${formatDate(p.startDate, locale)} – ${formatDate(p.endDate, locale)}` },
    { key: "status", label: t("portfolio.row.status"), cell: (p) => t(`project.status.${p.status}` as MessageKey) },
    { key: "entered", label: t("dashboards.kpi.entered"), cell: (p) => figure.number(p.figures.entered) },
    {
      key: "active",
      label: t("dashboards.kpi.active"),
      cell: (p) => `${figure.number(p.figures.active)} ${t("dashboards.kpi.activeOn", { date: formatDate(p.figures.activeOn, locale) })}`,
    },
    { key: "exited", label: t("dashboards.kpi.exited"), cell: (p) => figure.number(p.figures.exited) },
    { key: "female", label: t("dashboards.kpi.female"), cell: (p) => figure.percent(p.figures.femalePercent) },
    { key: "complete", label: t("dashboards.kpi.complete"), cell: (p) => figure.percent(p.figures.completePercent) },
    {
      key: "targets",
      label: t("portfolio.row.targets"),
      cell: (p) =>
        p.figures.targets.total === 0
          ? t("portfolio.noTargets")
          : t("portfolio.targetsCell", {
              achievement: figure.percent(p.targetAchievementPercent),
              behind: figure.number(p.figures.targets.behind),
              total: figure.number(p.figures.targets.total),
            }),
    },
    {
      key: "projection",
      label: t("portfolio.row.projection"),
      cell: (p) => (p.figures.targets.total === 0 ? "–" : t("portfolio.projectionCell", { miss: figure.number(p.figures.targets.projectedMiss) })),
    },
    { key: "activities", label: t("dashboards.kpi.activities"), cell: (p) => figure.number(p.figures.activities) },
    { key: "hours", label: t("dashboards.kpi.hours"), cell: (p) => figure.number(p.figures.hours) },
    {
      key: "milestones",
      label: t("portfolio.row.milestones"),
      cell: (p) => t("portfolio.milestonesCell", { overdue: figure.number(p.figures.milestones.overdue), open: figure.number(p.figures.milestones.open) }),
    },
    {
      key: "budget",
      label: t("portfolio.row.budget"),
      cell: (p) =>
        p.budget
          ? t("portfolio.budgetCell", { used: figure.bp(p.budget.usedBp), actual: formatMoney(p.budget.actualCents, locale), plan: formatMoney(p.budget.budgetCents, locale) })
          : t("portfolio.noFinance"),
    },
  ];
  return (
    <div className="card">
      <TableWrap label={t("portfolio.caption")}>
        <table data-testid="portfolio-table" className="portfolio-table">
          <caption>{t("portfolio.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portfolio.figure")}</th>
              {projects.map((p) => (
                <th key={p.id} scope="col" data-project={p.code}>
                  <Link to={`/projects/${p.id}/dashboard`} aria-label={t("portfolio.openDashboard", { project: `${p.code} ${p.title}` })}>
                    {p.code}
                  </Link>
                  <div className="muted portfolio-title">{p.title}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                <th scope="row" className="row-header">{row.label}</th>
                {projects.map((p) => (
                  <td key={p.id} data-project={p.code}>
                    {row.cell(p)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

function PortfolioCharts({ projects }: { projects: PortfolioProject[] }) {
  const t = useT();
  const figure = useFigures();
  const participants = projects.map((p) => ({ name: p.code, entered: p.figures.entered, active: p.figures.active, exited: p.figures.exited }));
  const progress = projects.map((p) => ({
    name: p.code,
    targets: p.targetAchievementPercent === null ? 0 : Math.round(p.targetAchievementPercent),
    complete: p.figures.completePercent === null ? 0 : Math.round(p.figures.completePercent),
    budget: p.budget ? Math.round(p.budget.usedBp / 100) : 0,
  }));
  return (
    <div className="dashboard-chart-pair">
      <ChartSection
        id="portfolio-participants"
        title={t("portfolio.chart.participants")}
        chart={() => (
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={participants}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" interval={0} angle={-25} textAnchor="end" height={64} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="entered" name={t("dashboards.kpi.entered")} fill={CHART_COLOURS[0]} />
              <Bar dataKey="active" name={t("dashboards.kpi.active")} fill={CHART_COLOURS[2]} />
              <Bar dataKey="exited" name={t("dashboards.kpi.exited")} fill={CHART_COLOURS[1]} />
            </BarChart>
          </ResponsiveContainer>
        )}
        table={
          <TableWrap label={t("portfolio.chart.participants")}>
            <table>
              <caption className="visually-hidden">{t("portfolio.chart.participants")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("portfolio.project")}</th>
                  <th scope="col" className="num">{t("dashboards.kpi.entered")}</th>
                  <th scope="col" className="num">{t("dashboards.kpi.active")}</th>
                  <th scope="col" className="num">{t("dashboards.kpi.exited")}</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((row) => (
                  <tr key={row.name}>
                    <th scope="row" className="row-header">{row.name}</th>
                    <td className="num">{figure.number(row.entered)}</td>
                    <td className="num">{figure.number(row.active)}</td>
                    <td className="num">{figure.number(row.exited)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        }
      />
      <ChartSection
        id="portfolio-progress"
        title={t("portfolio.chart.progress")}
        chart={() => (
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={progress}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" interval={0} angle={-25} textAnchor="end" height={64} tick={{ fontSize: 12 }} />
              <YAxis unit=" %" />
              <Tooltip />
              <Legend />
              <ReferenceLine y={100} stroke="#1b1f24" strokeDasharray="4 2" />
              <Bar dataKey="targets" name={t("portfolio.chart.targets")} fill={CHART_COLOURS[0]} />
              <Bar dataKey="complete" name={t("dashboards.kpi.complete")} fill={CHART_COLOURS[2]} />
              <Bar dataKey="budget" name={t("portfolio.chart.budget")} fill={CHART_COLOURS[4]} />
            </BarChart>
          </ResponsiveContainer>
        )}
        table={
          <TableWrap label={t("portfolio.chart.progress")}>
            <table>
              <caption className="visually-hidden">{t("portfolio.chart.progress")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("portfolio.project")}</th>
                  <th scope="col" className="num">{t("portfolio.chart.targets")}</th>
                  <th scope="col" className="num">{t("dashboards.kpi.complete")}</th>
                  <th scope="col" className="num">{t("portfolio.chart.budget")}</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className="row-header">{p.code}</th>
                    <td className="num">{figure.percent(p.targetAchievementPercent)}</td>
                    <td className="num">{figure.percent(p.figures.completePercent)}</td>
                    <td className="num">{p.budget ? figure.bp(p.budget.usedBp) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
