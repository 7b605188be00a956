import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormField } from "~/components/form-field";
import { DashboardFilterSchema } from "~/modules/dashboards/schema";
import { loadProjectDashboard, periodPresets, type DashboardTarget, type ProjectDashboard } from "~/modules/dashboards/service.server";
import { CHART_COLOURS, ChartSection, formatMonth, KeyFigure, TableWrap, useFigures } from "~/modules/dashboards/ui";
import { getProjectOverview } from "~/modules/projects/service.server";
import { indicatorLabel } from "~/modules/targets/labels";
import { ProgressStatusBadge } from "~/modules/targets/target-progress";
import styles from "~/styles/dashboards.css?url";
import { formatDate, formatMoney } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { fieldErrorsFromZod, ValidationError, type FieldErrors } from "~/utils/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "project:read");
  const url = new URL(request.url);
  const values = {
    from: url.searchParams.get("from") ?? "",
    to: url.searchParams.get("to") ?? "",
    areaId: url.searchParams.get("areaId") ?? "",
    actionFieldId: url.searchParams.get("actionFieldId") ?? "",
  };
  const subject = { isAdmin: user.isAdmin, role };
  const base = {
    pageTitle: `${translate(user.locale, "dashboards.title")} – ${project.code}`,
    presets: periodPresets(project),
    links: { targets: can(subject, "target:read"), milestones: can(subject, "milestone:read"), finance: can(subject, "finance:read") },
  };
  const parsed = DashboardFilterSchema.safeParse(values);
  const failed = async (errors: FieldErrors) => {
    const overview = await getProjectOverview(project.id);
    const options = { areas: overview.areas.map(({ id, name }) => ({ id, name })), actionFields: overview.actionFields.map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn })) };
    return { ...base, projectId: project.id, values, options, errors: errors as FieldErrors | null, dashboard: null };
  };
  if (!parsed.success) return failed(fieldErrorsFromZod(parsed.error.issues));
  let dashboard;
  try {
    dashboard = await loadProjectDashboard(project.id, parsed.data, new Date(), { withBudget: can(subject, "finance:read") });
  } catch (error) {
    if (error instanceof ValidationError) return failed(error.fieldErrors);
    throw error;
  }
  return {
    ...base,
    projectId: project.id,
    // why: the inputs show the period actually shown (bounds filled in from the project, ISO for type=date).
    values: { from: dashboard.filter.from, to: dashboard.filter.to, areaId: dashboard.filter.areaId ?? "", actionFieldId: dashboard.filter.actionFieldId ?? "" },
    options: dashboard.options,
    errors: null as FieldErrors | null,
    dashboard,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProjectDashboardPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { dashboard } = data;
  return (
    <>
      <div className="page-header">
        <h1>{t("dashboards.title")}</h1>
        {dashboard ? <span className="muted">{t("dashboards.asOf", { date: formatDate(dashboard.today, locale) })}</span> : null}
      </div>
      <FilterForm data={data} />
      {dashboard === null ? (
        <p className="alert alert-error" role="alert">
          {t("common.formHasErrors")}
        </p>
      ) : (
        <Dashboard dashboard={dashboard} links={data.links} />
      )}
    </>
  );
}

function FilterForm({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const { values, errors, options, presets } = data;
  const path = `/projects/${data.projectId}/dashboard`;
  const error = (name: string) => (errors?.[name]?.[0] ? t(errors[name][0]) : undefined);
  const keep = (from: string, to: string) => {
    const params = new URLSearchParams({ from, to });
    if (values.areaId) params.set("areaId", values.areaId);
    if (values.actionFieldId) params.set("actionFieldId", values.actionFieldId);
    return `${path}?${params}`;
  };
  const filtered = Boolean(values.areaId || values.actionFieldId) || (data.dashboard !== null && (values.from !== presets[0].from || values.to !== presets[0].to));
  return (
    <section className="card" aria-labelledby="dashboard-filter-title">
      <h2 id="dashboard-filter-title" className="dashboard-filter-title">
        {t("dashboards.filterTitle")}
      </h2>
      <Form method="get" action={path} className="dashboard-filter" key={`${values.from}|${values.to}|${values.areaId}|${values.actionFieldId}`}>
        <FormField label={t("dashboards.from")} name="from" error={error("from")}>
          <input type="date" name="from" defaultValue={values.from} />
        </FormField>
        <FormField label={t("dashboards.to")} name="to" error={error("to")}>
          <input type="date" name="to" defaultValue={values.to} />
        </FormField>
        <FormField label={t("dashboards.area")} name="areaId" error={error("areaId")}>
          <select name="areaId" defaultValue={values.areaId}>
            <option value="">{t("dashboards.allAreas")}</option>
            {options.areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t("dashboards.actionField")} name="actionFieldId" error={error("actionFieldId")}>
          <select name="actionFieldId" defaultValue={values.actionFieldId}>
            <option value="">{t("dashboards.allActionFields")}</option>
            {options.actionFields.map((field) => (
              <option key={field.id} value={field.id}>
                {field.code} {locale === "en" && field.nameEn ? field.nameEn : field.name}
              </option>
            ))}
          </select>
        </FormField>
        <div className="form-actions">
          <button type="submit" disabled={navigation.state === "loading" && navigation.location?.pathname === path}>
            {t("dashboards.apply")}
          </button>
          {filtered ? (
            <Link to={path} className="button button-secondary">
              {t("common.reset")}
            </Link>
          ) : null}
        </div>
      </Form>
      <nav aria-label={t("dashboards.presets")} className="dashboard-presets">
        <span className="muted">{t("dashboards.presets")}: </span>
        <ul>
          {presets.map((preset) => {
            const current = values.from === preset.from && values.to === preset.to;
            return (
              <li key={preset.key}>
                <Link to={keep(preset.from, preset.to)} aria-current={current ? "true" : undefined}>
                  {t(`dashboards.preset.${preset.key}` as MessageKey)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className="hint muted">{t("dashboards.filterHint")}</p>
    </section>
  );
}

function Dashboard({ dashboard, links }: { dashboard: ProjectDashboard; links: LoaderData["links"] }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const f = dashboard.figures;
  const base = `/projects/${dashboard.project.id}`;
  return (
    <>
      <p>
        <strong>{t("dashboards.period")}:</strong> {formatDate(dashboard.filter.from, locale)} – {formatDate(dashboard.filter.to, locale)}
      </p>
      <section aria-labelledby="key-figures-title">
        <h2 id="key-figures-title" className="visually-hidden">
          {t("dashboards.keyFigures")}
        </h2>
        <dl className="key-figures">
          <KeyFigure label={t("dashboards.kpi.entered")} value={figure.number(f.entered)} testId="kpi-entered" />
          <KeyFigure label={t("dashboards.kpi.active")} value={figure.number(f.active)} detail={t("dashboards.kpi.activeOn", { date: formatDate(f.activeOn, locale) })} testId="kpi-active" />
          <KeyFigure label={t("dashboards.kpi.exited")} value={figure.number(f.exited)} testId="kpi-exited" />
          <KeyFigure label={t("dashboards.kpi.female")} value={figure.percent(f.femalePercent)} />
          <KeyFigure
            label={t("dashboards.kpi.complete")}
            value={figure.percent(f.completePercent)}
            detail={t("dashboards.kpi.completeDetail", { complete: figure.number(f.complete), total: figure.number(f.completeBase) })}
            testId="kpi-complete"
          />
          <KeyFigure label={t("dashboards.kpi.activities")} value={figure.number(f.activities)} testId="kpi-activities" />
          <KeyFigure label={t("dashboards.kpi.hours")} value={figure.number(f.hours)} />
          <KeyFigure
            label={t("dashboards.kpi.targetsBehind")}
            value={t("dashboards.kpi.ofTotal", { count: figure.number(f.targets.behind), total: figure.number(f.targets.total) })}
          />
          <KeyFigure
            label={t("dashboards.kpi.milestonesOverdue")}
            value={figure.number(f.milestones.overdue)}
            detail={t("dashboards.kpi.milestonesOpen", { open: figure.number(f.milestones.open) })}
          />
          {dashboard.budget ? <KeyFigure label={t("dashboards.kpi.budgetUsed")} value={figure.bp(dashboard.budget.usedBp)} /> : null}
        </dl>
      </section>
      <TargetsSection dashboard={dashboard} linkTo={links.targets ? `${base}/targets` : null} />
      <ParticipantsSection dashboard={dashboard} />
      <OutcomesSection dashboard={dashboard} />
      <ActivitiesSection dashboard={dashboard} />
      <AreasSection dashboard={dashboard} />
      <MilestonesSection dashboard={dashboard} linkTo={links.milestones ? `${base}/milestones` : null} />
      {dashboard.budget ? <BudgetSection dashboard={dashboard} budget={dashboard.budget} linkTo={links.finance ? `${base}/finance` : null} /> : null}
    </>
  );
}

function ProjectionBadge({ target }: { target: DashboardTarget }) {
  const t = useT();
  if (target.projection.reaches === null) return <span className="muted">{t("dashboards.targets.notStarted")}</span>;
  return (
    <span className={target.projection.reaches ? "badge badge-success" : "badge badge-warning"}>
      {t(target.projection.reaches ? "dashboards.targets.willReach" : "dashboards.targets.willMiss")}
    </span>
  );
}

function TargetsSection({ dashboard, linkTo }: { dashboard: ProjectDashboard; linkTo: string | null }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const round = (value: number) => Math.round(value * 10) / 10;
  const label = (target: DashboardTarget) => indicatorLabel(t, locale, target.indicator, target.customName);
  const scope = (target: DashboardTarget) =>
    `${target.year ?? t("dashboards.targets.wholeDuration")}${target.areaName ? ` · ${target.areaName}` : ""}`;
  const chartData = dashboard.targets.map((target) => ({
    name: `${target.indicator.startsWith("EE") ? target.indicator : label(target)}${target.year ? ` ${target.year}` : ""}${target.areaName ? ` · ${target.areaName}` : ""}`,
    actual: round(target.percent),
    expected: target.targetValue > 0 ? round((target.expectedValue / target.targetValue) * 100) : 0,
    projected: target.projection.projected !== null && target.targetValue > 0 ? round((target.projection.projected / target.targetValue) * 100) : null,
  }));
  return (
    <ChartSection
      id="dashboard-targets"
      title={t("dashboards.targets.title")}
      intro={
        <p>
          {t("dashboards.targets.intro")} {linkTo ? <Link to={linkTo}>{t("dashboards.targets.link")}</Link> : null}
        </p>
      }
      empty={dashboard.targets.length === 0}
      tableAlwaysVisible
      chart={() => (
        <ResponsiveContainer width="100%" height={Math.max(180, 64 * chartData.length + 70)}>
          <BarChart data={chartData} layout="vertical" margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" unit=" %" />
            <YAxis type="category" dataKey="name" width={220} interval={0} />
            <Tooltip />
            <Legend />
            <ReferenceLine x={100} stroke="#1b1f24" strokeDasharray="4 2" />
            <Bar dataKey="actual" name={t("dashboards.targets.col.actualPercent")} fill={CHART_COLOURS[0]} />
            <Bar dataKey="expected" name={t("dashboards.targets.col.expectedPercent")} fill={CHART_COLOURS[4]} />
            <Bar dataKey="projected" name={t("dashboards.targets.col.projectedPercent")} fill={CHART_COLOURS[2]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={
        <TableWrap label={t("dashboards.targets.caption")}>
          <table data-testid="targets-table">
            <caption className="visually-hidden">{t("dashboards.targets.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.targets.col.indicator")}</th>
                <th scope="col">{t("dashboards.targets.col.scope")}</th>
                <th scope="col" className="num">{t("dashboards.targets.col.target")}</th>
                <th scope="col" className="num">{t("dashboards.targets.col.actual")}</th>
                <th scope="col" className="num">{t("dashboards.targets.col.expected")}</th>
                <th scope="col">{t("dashboards.targets.col.status")}</th>
                <th scope="col" className="num">{t("dashboards.targets.col.projected")}</th>
                <th scope="col">{t("dashboards.targets.col.projection")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.targets.map((target) => (
                <tr key={target.id}>
                  <th scope="row" className="row-header">{label(target)}</th>
                  <td>{scope(target)}</td>
                  <td className="num">{figure.number(target.targetValue)}</td>
                  <td className="num">
                    {figure.number(target.actual)} <span className="muted">({figure.percent(target.percent)})</span>
                  </td>
                  <td className="num">{figure.number(round(target.expectedValue))}</td>
                  <td>
                    <ProgressStatusBadge status={target.status} />
                  </td>
                  <td className="num">{target.projection.projected === null ? "–" : figure.number(round(target.projection.projected))}</td>
                  <td>
                    <ProjectionBadge target={target} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("dashboards.targets.rule")}</p>
        </TableWrap>
      }
    />
  );
}

function ParticipantsSection({ dashboard }: { dashboard: ProjectDashboard }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const rows = dashboard.participantsByMonth;
  const empty = rows.every((r) => r.entered === 0 && r.exited === 0 && r.active === 0);
  const data = rows.map((r) => ({ ...r, label: formatMonth(r.month, locale) }));
  return (
    <ChartSection
      id="dashboard-participants"
      title={t("dashboards.participants.title")}
      empty={empty}
      chart={() => (
        <ResponsiveContainer width="100%" height={300}>
          <ComposedChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="entered" name={t("dashboards.participants.entered")} fill={CHART_COLOURS[0]} />
            <Bar dataKey="exited" name={t("dashboards.participants.exited")} fill={CHART_COLOURS[1]} />
            <Line dataKey="active" name={t("dashboards.participants.active")} stroke={CHART_COLOURS[2]} strokeWidth={2} dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      table={
        <TableWrap label={t("dashboards.participants.caption")}>
          <table data-testid="participants-table">
            <caption className="visually-hidden">{t("dashboards.participants.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.month")}</th>
                <th scope="col" className="num">{t("dashboards.participants.entered")}</th>
                <th scope="col" className="num">{t("dashboards.participants.exited")}</th>
                <th scope="col" className="num">{t("dashboards.participants.active")}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={row.month}>
                  <th scope="row" className="row-header">{row.label}</th>
                  <td className="num">{figure.number(row.entered)}</td>
                  <td className="num">{figure.number(row.exited)}</td>
                  <td className="num">{figure.number(row.active)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("dashboards.total")}</th>
                <td className="num">{figure.number(dashboard.figures.entered)}</td>
                <td className="num">{figure.number(dashboard.figures.exited)}</td>
                <td className="num">{figure.number(dashboard.figures.active)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      }
    />
  );
}

function OutcomesSection({ dashboard }: { dashboard: ProjectDashboard }) {
  const t = useT();
  const figure = useFigures();
  const total = dashboard.outcomes.reduce((sum, o) => sum + o.count, 0);
  const data = dashboard.outcomes.map((o) => ({ name: t(`dashboards.outcome.${o.status}` as MessageKey), count: o.count }));
  return (
    <ChartSection
      id="dashboard-outcomes"
      title={t("dashboards.outcomes.title")}
      intro={<p>{t("dashboards.outcomes.intro")}</p>}
      empty={total === 0}
      chart={() => (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} layout="vertical" margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={180} />
            <Tooltip />
            <Bar dataKey="count" name={t("dashboards.outcomes.count")} fill={CHART_COLOURS[0]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={
        <TableWrap label={t("dashboards.outcomes.title")}>
          <table>
            <caption className="visually-hidden">{t("dashboards.outcomes.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.outcomes.status")}</th>
                <th scope="col" className="num">{t("dashboards.outcomes.count")}</th>
                <th scope="col" className="num">{t("dashboards.outcomes.share")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.outcomes.map((o, i) => (
                <tr key={o.status}>
                  <th scope="row" className="row-header">{data[i].name}</th>
                  <td className="num">{figure.number(o.count)}</td>
                  <td className="num">{figure.percent(total ? (o.count / total) * 100 : null)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("dashboards.outcomes.leavers")}</th>
                <td className="num">{figure.number(total)}</td>
                <td />
              </tr>
              <tr>
                <th scope="row">{t("dashboards.outcomes.qualification")}</th>
                <td className="num">{figure.number(dashboard.qualificationGained)}</td>
                <td className="num">{figure.percent(total ? (dashboard.qualificationGained / total) * 100 : null)}</td>
              </tr>
              <tr>
                <th scope="row">{t("dashboards.outcomes.employability")}</th>
                <td className="num">{figure.number(dashboard.employabilityImproved)}</td>
                <td className="num">{figure.percent(total ? (dashboard.employabilityImproved / total) * 100 : null)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      }
    />
  );
}

function ActivitiesSection({ dashboard }: { dashboard: ProjectDashboard }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const fields = dashboard.options.actionFields.filter((f) => !dashboard.filter.actionFieldId || f.id === dashboard.filter.actionFieldId);
  const fieldName = (f: (typeof fields)[number]) => `${f.code} ${locale === "en" && f.nameEn ? f.nameEn : f.name}`;
  const data = dashboard.activitiesByMonth.map((m) => {
    const row: Record<string, string | number> = { label: formatMonth(m.month, locale) };
    for (const f of fields) {
      row[`a_${f.code}`] = m.byField[f.id]?.activities ?? 0;
      row[`h_${f.code}`] = m.byField[f.id]?.hours ?? 0;
    }
    return row;
  });
  const empty = dashboard.figures.activities === 0;
  return (
    <ChartSection
      id="dashboard-activities"
      title={t("dashboards.activities.title")}
      intro={<p>{t("dashboards.activities.intro")}</p>}
      empty={empty}
      chart={() => (
        <div className="dashboard-chart-pair">
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} label={{ value: t("dashboards.activities.activities"), angle: -90, position: "insideLeft" }} />
              <Tooltip />
              <Legend />
              {fields.map((f, i) => (
                <Bar key={f.id} dataKey={`a_${f.code}`} name={f.code} stackId="activities" fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
              ))}
            </BarChart>
          </ResponsiveContainer>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis label={{ value: t("dashboards.activities.hours"), angle: -90, position: "insideLeft" }} />
              <Tooltip />
              <Legend />
              {fields.map((f, i) => (
                <Bar key={f.id} dataKey={`h_${f.code}`} name={f.code} stackId="hours" fill={CHART_COLOURS[i % CHART_COLOURS.length]} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      table={
        <TableWrap label={t("dashboards.activities.caption")}>
          <table data-testid="activities-table">
            <caption className="visually-hidden">{t("dashboards.activities.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {t("dashboards.month")}
                </th>
                {fields.map((f) => (
                  <th key={f.id} scope="colgroup" colSpan={2}>
                    {fieldName(f)}
                  </th>
                ))}
              </tr>
              <tr>
                {fields.map((f) => [
                  <th key={`${f.id}-a`} scope="col" className="num">
                    {t("dashboards.activities.activities")}
                  </th>,
                  <th key={`${f.id}-h`} scope="col" className="num">
                    {t("dashboards.activities.hours")}
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {dashboard.activitiesByMonth.map((m, i) => (
                <tr key={m.month}>
                  <th scope="row" className="row-header">{data[i].label}</th>
                  {fields.map((f) => [
                    <td key={`${f.id}-a`} className="num">
                      {figure.number(m.byField[f.id]?.activities ?? 0)}
                    </td>,
                    <td key={`${f.id}-h`} className="num">
                      {figure.number(m.byField[f.id]?.hours ?? 0)}
                    </td>,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {t("dashboards.activities.totals", { activities: figure.number(dashboard.figures.activities), hours: figure.number(dashboard.figures.hours) })}
          </p>
        </TableWrap>
      }
    />
  );
}

function AreasSection({ dashboard }: { dashboard: ProjectDashboard }) {
  const t = useT();
  const figure = useFigures();
  const name = (areaName: string | null) => areaName ?? t("dashboards.areas.none");
  const data = dashboard.areas.map((a) => ({ name: name(a.name), entered: a.entered, active: a.active, exited: a.exited }));
  const empty = dashboard.areas.every((a) => a.entered === 0 && a.exited === 0 && a.active === 0 && a.activities === 0);
  return (
    <ChartSection
      id="dashboard-areas"
      title={t("dashboards.areas.title")}
      intro={<p>{t("dashboards.areas.intro")}</p>}
      empty={empty}
      chart={() => (
        <ResponsiveContainer width="100%" height={Math.max(180, 60 * data.length + 60)}>
          <BarChart data={data} layout="vertical" margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={160} />
            <Tooltip />
            <Legend />
            <Bar dataKey="entered" name={t("dashboards.participants.entered")} fill={CHART_COLOURS[0]} />
            <Bar dataKey="active" name={t("dashboards.participants.active")} fill={CHART_COLOURS[2]} />
            <Bar dataKey="exited" name={t("dashboards.participants.exited")} fill={CHART_COLOURS[1]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={
        <TableWrap label={t("dashboards.areas.title")}>
          <table data-testid="areas-table">
            <caption className="visually-hidden">{t("dashboards.areas.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.area")}</th>
                <th scope="col" className="num">{t("dashboards.participants.entered")}</th>
                <th scope="col" className="num">{t("dashboards.participants.active")}</th>
                <th scope="col" className="num">{t("dashboards.participants.exited")}</th>
                <th scope="col" className="num">{t("dashboards.kpi.complete")}</th>
                <th scope="col" className="num">{t("dashboards.activities.activities")}</th>
                <th scope="col" className="num">{t("dashboards.activities.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.areas.map((a) => (
                <tr key={a.areaId ?? "none"}>
                  <th scope="row" className="row-header">{name(a.name)}</th>
                  <td className="num">{figure.number(a.entered)}</td>
                  <td className="num">{figure.number(a.active)}</td>
                  <td className="num">{figure.number(a.exited)}</td>
                  <td className="num">{figure.percent(a.completePercent)}</td>
                  <td className="num">{figure.number(a.activities)}</td>
                  <td className="num">{figure.number(a.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      }
    />
  );
}

function MilestonesSection({ dashboard, linkTo }: { dashboard: ProjectDashboard; linkTo: string | null }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const m = dashboard.figures.milestones;
  const stateClass = { overdue: "badge badge-danger", due_soon: "badge badge-warning", later: "badge", done: "badge badge-success" } as const;
  return (
    <ChartSection
      id="dashboard-milestones"
      title={t("dashboards.milestones.title")}
      intro={
        <p>
          {t("dashboards.milestones.summary", { overdue: figure.number(m.overdue), dueSoon: figure.number(m.dueSoon), done: figure.number(m.done), total: figure.number(m.total) })}{" "}
          {linkTo ? <Link to={linkTo}>{t("dashboards.milestones.link")}</Link> : null}
        </p>
      }
      empty={dashboard.milestones.length === 0}
      tableAlwaysVisible
      table={
        <TableWrap label={t("dashboards.milestones.title")}>
          <table>
            <caption className="visually-hidden">{t("dashboards.milestones.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.milestones.dueDate")}</th>
                <th scope="col">{t("dashboards.milestones.name")}</th>
                <th scope="col">{t("dashboards.milestones.state")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.milestones.map((milestone) => (
                <tr key={milestone.id}>
                  <td>{formatDate(milestone.dueDate, locale)}</td>
                  <th scope="row" className="row-header">{milestone.title}</th>
                  <td>
                    <span className={stateClass[milestone.dueState]}>{t(`dashboards.milestones.due.${milestone.dueState}` as MessageKey)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      }
    />
  );
}

function BudgetSection({ dashboard, budget, linkTo }: { dashboard: ProjectDashboard; budget: NonNullable<ProjectDashboard["budget"]>; linkTo: string | null }) {
  const t = useT();
  const locale = useLocale();
  const figure = useFigures();
  const data = budget.years.map((y) => ({ name: String(y.year), budget: y.budgetCents / 100, actual: y.actualCents / 100 }));
  const euro = (value: number) => formatMoney(Math.round(value * 100), locale);
  return (
    <ChartSection
      id="dashboard-budget"
      title={t("dashboards.budget.title")}
      intro={
        <p>
          {t("dashboards.budget.intro")} {linkTo ? <Link to={linkTo}>{t("dashboards.budget.link")}</Link> : null}
        </p>
      }
      empty={budget.years.length === 0 || (budget.budgetCents === 0 && budget.actualCents === 0)}
      chart={() => (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis tickFormatter={(value: number) => formatMoney(value * 100, locale).replace(/,00/, "")} width={110} />
            <Tooltip formatter={(value: number) => euro(value)} />
            <Legend />
            <Bar dataKey="budget" name={t("dashboards.budget.plan")} fill={CHART_COLOURS[4]} />
            <Bar dataKey="actual" name={t("dashboards.budget.actual")} fill={CHART_COLOURS[0]} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={
        <TableWrap label={t("dashboards.budget.title")}>
          <table data-testid="budget-table">
            <caption className="visually-hidden">{t("dashboards.budget.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboards.budget.year")}</th>
                <th scope="col" className="num">{t("dashboards.budget.plan")}</th>
                <th scope="col" className="num">{t("dashboards.budget.actual")}</th>
                <th scope="col" className="num">{t("dashboards.budget.used")}</th>
              </tr>
            </thead>
            <tbody>
              {budget.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row" className="row-header">{y.year}</th>
                  <td className="num">{formatMoney(y.budgetCents, locale)}</td>
                  <td className="num">{formatMoney(y.actualCents, locale)}</td>
                  <td className="num">{figure.bp(y.usedBp)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("dashboards.total")}</th>
                <td className="num">{formatMoney(budget.budgetCents, locale)}</td>
                <td className="num">{formatMoney(budget.actualCents, locale)}</td>
                <td className="num">{figure.bp(budget.usedBp)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted">{t("dashboards.budget.years", { from: dashboard.filter.from.slice(0, 4), to: dashboard.filter.to.slice(0, 4) })}</p>
        </TableWrap>
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
