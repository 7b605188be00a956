// Payment claims (Mittelabruf): choose a period, see which unclaimed receipts it would hold and the amount
// (eligible costs incl. computed flat rate × funding rate), create it; then move it draft → submitted → paid.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, FormField } from "~/components/form-field";
import { ClaimPeriodSchema, ClaimStatusSchema } from "~/modules/finance/schema";
import { createClaim, deleteDraftClaim, getClaimLimits, listClaims, previewClaim, setClaimStatus, type ClaimPreview } from "~/modules/finance/service.server";
import { categoryLabel, FinanceNav } from "~/modules/finance/ui";
import { readFormData, validationFailure } from "~/utils/form.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { formatDate, formatMoney, formatPercentBp } from "~/utils/format";
import { translate, useLocale, useT, type MessageKey } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";
import { ValidationError, type FieldErrors } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "BIWAQ-Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "finance:read");
  const url = new URL(request.url);
  const period = { periodStart: url.searchParams.get("periodStart") ?? "", periodEnd: url.searchParams.get("periodEnd") ?? "", dueDate: url.searchParams.get("dueDate") ?? "", note: url.searchParams.get("note") ?? "" };
  let preview: ClaimPreview | null = null;
  let previewErrors: FieldErrors | null = null;
  if (period.periodStart || period.periodEnd) {
    try {
      preview = await previewClaim(project.id, period);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      previewErrors = error.fieldErrors;
    }
  }
  const [claims, limits] = await Promise.all([listClaims(project.id), getClaimLimits(project.id)]);
  return { projectId: project.id, claims, limits, period, preview, previewErrors, canWrite: can({ isAdmin: user.isAdmin, role }, "finance:write"), pageTitle: `${translate(user.locale, "finance.claims.heading")} – ${project.code}` };
}

const ClaimActionSchema = z.discriminatedUnion("intent", [
  ClaimPeriodSchema.extend({ intent: z.literal("create") }),
  ClaimStatusSchema.extend({ intent: z.literal("status") }),
  z.object({ intent: z.literal("delete"), claimId: z.string().regex(/^[a-z0-9_-]{1,64}$/i, "validation.invalid") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requirePermission(request, params.projectId, "finance:write");
  const values = formDataToValues(await readFormData(request, user.locale));
  try {
    const input = parseInput(ClaimActionSchema, values);
    if (input.intent === "create") {
      const claim = await createClaim(project.id, user.id, values);
      return redirect(`/projects/${project.id}/finance/claims?created=${claim.number}`);
    }
    if (input.intent === "status") await setClaimStatus(project.id, user.id, values);
    else {
      await deleteDraftClaim(project.id, user.id, input.claimId);
      return redirect(`/projects/${project.id}/finance/claims?deleted=1`);
    }
  } catch (error) {
    return validationFailure(error, values);
  }
  return redirect(`/projects/${project.id}/finance/claims?changed=1`);
}

export default function ClaimsPage() {
  const { projectId, claims, limits, period, preview, previewErrors, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const created = searchParams.get("created");
  const notice = created
    ? t("finance.claims.created", { number: created })
    : searchParams.get("changed")
      ? t("finance.claims.statusChanged")
      : searchParams.get("deleted")
        ? t("finance.claims.deleted")
        : null;
  const errors: FieldErrors = { ...(previewErrors ?? {}), ...(actionData?.intent === "create" ? actionData.fieldErrors : {}) };
  const errorText = (name: string) => (errors[name]?.[0] ? t(errors[name]![0]) : undefined);
  const formValue = (name: keyof typeof period) => String((actionData?.intent === "create" ? actionData.values[name] : undefined) ?? period[name]);
  return (
    <>
      <div className="page-header">
        <h1>{t("finance.claims.heading")}</h1>
      </div>
      <FinanceNav projectId={projectId} />
      {notice && !actionData ? <p className="alert alert-success" role="status">{notice}</p> : null}
      {actionData ? <FormErrors messages={[...actionData.formErrors.map((key) => t(key)), ...(actionData.intent !== "create" ? Object.values(actionData.fieldErrors).flat().map((key) => t(key)) : [])]} /> : null}
      <section className="card" aria-labelledby="claim-limits-heading">
        <h2 id="claim-limits-heading">{t("finance.claims.limitsHeading")}</h2>
        <dl className="facts">
          <dt>{t("finance.claims.fundingRate")}</dt>
          <dd>{formatPercentBp(limits.fundingRateBp, locale)}</dd>
          <dt>{t("finance.claims.fundedBudget")}</dt>
          <dd>{formatMoney(limits.fundedBudgetCents, locale)}</dd>
          <dt>{t("finance.claims.claimed")}</dt>
          <dd>{formatMoney(limits.claimedCents, locale)}</dd>
          <dt>{t("finance.claims.remaining")}</dt>
          <dd>{formatMoney(limits.remainingCents, locale)}</dd>
        </dl>
      </section>
      {canWrite ? (
        <Form method="get" className="card" aria-labelledby="claim-new-heading" noValidate>
          <h2 id="claim-new-heading">{t("finance.claims.newHeading")}</h2>
          <p className="hint">{t("finance.claims.newHint")}</p>
          <div className="field-row">
            <FormField label={t("finance.claims.periodStart")} name="periodStart" error={errorText("periodStart")}>
              <input name="periodStart" type="date" defaultValue={toIso(formValue("periodStart"))} />
            </FormField>
            <FormField label={t("finance.claims.periodEnd")} name="periodEnd" error={errorText("periodEnd")}>
              <input name="periodEnd" type="date" defaultValue={toIso(formValue("periodEnd"))} />
            </FormField>
            <FormField label={t("finance.claims.dueDate")} name="dueDate" optional error={errorText("dueDate")}>
              <input name="dueDate" type="date" defaultValue={toIso(formValue("dueDate"))} />
            </FormField>
            <FormField label={t("finance.claims.note")} name="note" optional error={errorText("note")}>
              <input name="note" defaultValue={formValue("note")} />
            </FormField>
          </div>
          <div className="form-actions">
            <button type="submit">{t("finance.claims.preview")}</button>
          </div>
        </Form>
      ) : null}
      {preview ? <PreviewSection preview={preview} period={period} canWrite={canWrite} /> : null}
      <h2>{t("finance.claims.listHeading")}</h2>
      {claims.length === 0 ? (
        <p className="alert alert-info">{t("finance.claims.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="claims-table">
            <caption className="visually-hidden">{t("finance.claims.listHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.claims.number")}</th>
                <th scope="col">{t("finance.claims.period")}</th>
                <th scope="col" className="num">{t("finance.claims.amount")}</th>
                <th scope="col" className="num">{t("finance.claims.count")}</th>
                <th scope="col">{t("finance.claims.status")}</th>
                <th scope="col">{t("finance.claims.paid")}</th>
                {canWrite ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {claims.map((claim) => (
                <tr key={claim.id}>
                  <td>{claim.number}</td>
                  <td>
                    {formatDate(claim.periodStart, locale)} – {formatDate(claim.periodEnd, locale)}
                  </td>
                  <td className="num">{formatMoney(claim.amountCents, locale)}</td>
                  <td className="num">{claim.expenseCount}</td>
                  <td>{t(`finance.claimStatus.${claim.status}`)}</td>
                  <td>{claim.paidAt ? t("finance.claims.paidValue", { amount: formatMoney(claim.paidAmountCents ?? claim.amountCents, locale), date: formatDate(claim.paidAt, locale) }) : ""}</td>
                  {canWrite ? (
                    <td>
                      <ClaimActions claim={claim} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** "21.11.2026" or "2026-11-21" → "2026-11-21" for <input type="date">. */
function toIso(value: string): string {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim());
  return match ? `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}` : value;
}

function PreviewSection({ preview, period, canWrite }: { preview: ClaimPreview | ReturnType<typeof useLoaderData<typeof loader>>["preview"] & object; period: Record<string, string>; canWrite: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="claim-preview-heading" data-testid="claim-preview">
      <h2 id="claim-preview-heading">{t("finance.claims.previewHeading", { from: formatDate(preview.periodStart, locale), to: formatDate(preview.periodEnd, locale) })}</h2>
      <p>{t("finance.claims.receipts", { count: preview.expenses.length })}</p>
      {preview.expenses.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="claim-preview-heading">
          <table>
            <caption className="visually-hidden">{t("finance.claims.receipts", { count: preview.expenses.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.expenses.date")}</th>
                <th scope="col">{t("finance.expenses.receiptNo")}</th>
                <th scope="col">{t("finance.expenses.category")}</th>
                <th scope="col">{t("finance.expenses.payee")}</th>
                <th scope="col" className="num">{t("finance.expenses.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.expenses.map((expense) => (
                <tr key={expense.id}>
                  <td>{formatDate(expense.date, locale)}</td>
                  <td>{expense.receiptNo}</td>
                  <td>{t(categoryLabel(expense.category))}</td>
                  <td>{expense.payee}</td>
                  <td className="num">{formatMoney(expense.amountCents, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <dl className="facts">
        {(["staff", "fees", "material"] as const).map((category) => (
          <div key={category} style={{ display: "contents" }}>
            <dt>{t(categoryLabel(category))}</dt>
            <dd>{formatMoney(preview.costs[category], locale)}</dd>
          </div>
        ))}
        <dt>{t("finance.claims.flatRate")}</dt>
        <dd>{formatMoney(preview.flatRateCents, locale)}</dd>
        <dt>{t("finance.claims.eligible")}</dt>
        <dd>{formatMoney(preview.eligibleCents, locale)}</dd>
        <dt>{t("finance.claims.fundingRate")}</dt>
        <dd>{formatPercentBp(preview.fundingRateBp, locale)}</dd>
        <dt>{t("finance.claims.amount")}</dt>
        <dd data-testid="claim-amount">{formatMoney(preview.amountCents, locale)}</dd>
        <dt>{t("finance.claims.remaining")}</dt>
        <dd>{formatMoney(preview.remainingCents, locale)}</dd>
      </dl>
      {preview.exceedsBudget ? <p className="alert alert-warning">{t("finance.claims.overBudget")}</p> : null}
      {canWrite && preview.expenses.length > 0 && !preview.exceedsBudget ? (
        <Form method="post">
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="periodStart" value={period.periodStart} />
          <input type="hidden" name="periodEnd" value={period.periodEnd} />
          <input type="hidden" name="dueDate" value={period.dueDate} />
          <input type="hidden" name="note" value={period.note} />
          <button type="submit">{t("finance.claims.create")}</button>
        </Form>
      ) : null}
    </section>
  );
}

function ClaimActions({ claim }: { claim: { id: string; number: number; status: string } }) {
  const t = useT();
  const statusButton = (status: string, label: MessageKey, className?: string) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="claimId" value={claim.id} />
      <input type="hidden" name="status" value={status} />
      <button type="submit" className={className ?? "link-button"} aria-label={`${t(label)} – ${t("finance.claims.actionsFor", { number: claim.number })}`}>
        {t(label)}
      </button>
    </Form>
  );
  if (claim.status === "draft")
    return (
      <>
        {statusButton("submitted", "finance.claims.submit")}{" "}
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="claimId" value={claim.id} />
          <button type="submit" className="link-button" aria-label={`${t("finance.claims.delete")} – ${t("finance.claims.actionsFor", { number: claim.number })}`}>
            {t("finance.claims.delete")}
          </button>
        </Form>
      </>
    );
  if (claim.status === "submitted")
    return (
      <>
        <Form method="post" className="inline-form toolbar" aria-label={t("finance.claims.actionsFor", { number: claim.number })}>
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="claimId" value={claim.id} />
          <input type="hidden" name="status" value="paid" />
          <div className="field">
            <label htmlFor={`paidAt-${claim.id}`}>{t("finance.claims.paidAt")}</label>
            <input id={`paidAt-${claim.id}`} name="paidAt" type="date" />
          </div>
          <div className="field">
            <label htmlFor={`paidAmount-${claim.id}`}>{t("finance.claims.paidAmount")}</label>
            <input id={`paidAmount-${claim.id}`} name="paidAmountCents" inputMode="decimal" size={10} />
          </div>
          <button type="submit">{t("finance.claims.markPaid")}</button>
        </Form>{" "}
        {statusButton("rejected", "finance.claims.reject")}
      </>
    );
  return null;
}
