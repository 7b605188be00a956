import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { OneTimePassword } from "~/components/admin/one-time-password";
import { CheckboxField, FormErrors, FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { listProjectOptions } from "~/modules/projects/admin.server";
import { ProjectMemberRefSchema, ProjectRoleSchema, UserAdminIntentSchema, UserUpdateSchema } from "~/modules/users/schema";
import { getUser, removeProjectRole, resetPassword, setProjectRole, setUserActive, updateUser } from "~/modules/users/service.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { badRequest, requireId } from "~/utils/http.server";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";
import { PROJECT_ROLES } from "~/utils/permissions";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, "admin.users.title").map((m) => ("title" in m && data ? { title: `${data.user.name} – ${m.title}` } : m));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, "admin:users");
  const userId = requireId(params.userId);
  const [user, projects] = await Promise.all([getUser(userId), listProjectOptions()]);
  return { user, projects, isSelf: admin.id === userId };
}

const NOTICES: Record<string, MessageKey> = {
  saved: "admin.saved",
  deactivated: "admin.users.deactivated",
  activated: "admin.users.activated",
  role: "admin.users.roleSaved",
  roleRemoved: "admin.users.roleRemoved",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:users");
  const userId = requireId(params.userId);
  const values = formDataToValues(await readFormData(request, admin.locale));
  const parsed = UserAdminIntentSchema.safeParse(values);
  if (!parsed.success) badRequest();
  const done = (notice: keyof typeof NOTICES) => redirect(`/admin/users/${userId}?notice=${notice}`);
  try {
    switch (parsed.data.intent) {
      case "update":
        await updateUser(userId, parseInput(UserUpdateSchema, values), admin.id);
        return done("saved");
      case "deactivate":
        await setUserActive(userId, false, admin.id);
        return done("deactivated");
      case "activate":
        await setUserActive(userId, true, admin.id);
        return done("activated");
      case "resetPassword": {
        const { password } = await resetPassword(userId, admin.id);
        return { ok: true as const, intent: "resetPassword" as const, password };
      }
      case "setRole":
        await setProjectRole(parseInput(ProjectRoleSchema, { ...values, userId }), admin.id);
        return done("role");
      case "removeRole":
        await removeProjectRole(parseInput(ProjectMemberRefSchema, { ...values, userId }), admin.id);
        return done("roleRemoved");
    }
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function UserPage() {
  const { user, projects, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedFor = (intent: string) => (failed?.intent === intent ? failed : null);
  const reset = actionData?.ok ? actionData : null;
  const noticeKey = NOTICES[searchParams.get("notice") ?? ""];
  const notice = reset ? null : noticeKey;
  const assigned = new Set(user.memberships.map((m) => m.project.id));
  const unassigned = projects.filter((p) => !assigned.has(p.id));
  const accessErrors = [failedFor("deactivate"), failedFor("activate"), failedFor("resetPassword")].flatMap((f) => f?.formErrors ?? []);

  return (
    <>
      <p>
        <Link to="/admin/users">← {t("admin.users.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1>{user.name}</h1>
        <div>
          {user.isAdmin ? <span className="badge badge-info">{t("admin.users.badgeAdmin")}</span> : null}{" "}
          <span className={`badge ${user.active ? "badge-success" : "badge-danger"}`}>{user.active ? t("common.active") : t("common.inactive")}</span>{" "}
          {user.mustChangePassword ? <span className="badge badge-warning">{t("admin.users.badgeMustChange")}</span> : null}
        </div>
      </div>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(notice)}
        </p>
      ) : null}
      {isSelf ? <p className="alert alert-info">{t("admin.users.ownAccountHint")}</p> : null}
      <FormErrors messages={accessErrors.map((key) => t(key))} />

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title" style={{ marginTop: 0 }}>{t("admin.users.detailsTitle")}</h2>
        <dl className="facts" style={{ marginBottom: "1rem" }}>
          <dt>{t("admin.users.createdAt")}</dt>
          <dd>{formatDate(user.createdAt, locale)}</dd>
          <dt>{t("admin.users.lastLogin")}</dt>
          <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t("admin.users.neverLoggedIn")}</dd>
        </dl>
        <UserDetailsForm user={user} failed={failedFor("update")} />
      </section>

      <section className="card" aria-labelledby="roles-title">
        <h2 id="roles-title" style={{ marginTop: 0 }}>{t("admin.users.rolesTitle")}</h2>
        {user.isAdmin ? <p className="muted">{t("admin.users.rolesAdminNote")}</p> : null}
        {user.memberships.length === 0 ? (
          <p>{t("admin.users.rolesEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("admin.users.rolesTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.project")}</th>
                  <th scope="col">{t("admin.users.role")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {user.memberships.map((membership) => (
                  <tr key={membership.project.id}>
                    <td>
                      <Link to={`/admin/projects/${membership.project.id}`}>
                        <strong>{membership.project.code}</strong> {membership.project.title}
                      </Link>
                    </td>
                    <td>
                      <Form method="post" className="toolbar">
                        <input type="hidden" name="intent" value="setRole" />
                        <input type="hidden" name="projectId" value={membership.project.id} />
                        <select name="role" defaultValue={membership.role} aria-label={t("admin.users.roleIn", { project: membership.project.code })} style={{ width: "auto" }}>
                          {PROJECT_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`role.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button-secondary">
                          {t("admin.users.changeRole")}
                        </button>
                      </Form>
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeRole" />
                        <input type="hidden" name="projectId" value={membership.project.id} />
                        <button type="submit" className="button-secondary" aria-label={t("admin.users.removeRoleLabel", { project: membership.project.code })}>
                          {t("admin.users.removeRole")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("admin.users.addRoleTitle")}</h3>
        {projects.length === 0 ? (
          <p className="muted">{t("admin.users.noProjects")}</p>
        ) : unassigned.length === 0 ? (
          <p className="muted">{t("admin.users.allProjectsAssigned")}</p>
        ) : (
          <AddRoleForm key={user.memberships.length} projects={unassigned} failed={failedFor("setRole")} />
        )}
        <p className="hint muted" style={{ fontSize: "0.875rem" }}>{t("admin.roles.hint")}</p>
      </section>

      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title" style={{ marginTop: 0 }}>{t("admin.users.passwordTitle")}</h2>
        {reset ? (
          <div className="alert alert-success" role="status">
            <p style={{ margin: 0 }}>{t("admin.users.resetDone")}</p>
            <OneTimePassword password={reset.password} />
          </div>
        ) : null}
        {isSelf ? (
          <p>
            <Link to="/account/password">{t("admin.account.title")}</Link>
          </p>
        ) : (
          <Form method="post" onSubmit={(event) => (window.confirm(t("admin.users.resetConfirm")) ? undefined : event.preventDefault())}>
            <input type="hidden" name="intent" value="resetPassword" />
            <p className="muted">{t("admin.users.resetHint")}</p>
            <button type="submit" className="button-secondary">
              {t("admin.users.resetPassword")}
            </button>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title" style={{ marginTop: 0 }}>{t("admin.users.accessTitle")}</h2>
        <p>{user.active ? t("admin.users.activeText") : t("admin.users.inactiveText")}</p>
        {user.active ? (
          isSelf ? null : (
            <Form method="post" onSubmit={(event) => (window.confirm(t("admin.users.deactivateConfirm")) ? undefined : event.preventDefault())}>
              <input type="hidden" name="intent" value="deactivate" />
              <p className="muted">{t("admin.users.deactivateHint")}</p>
              <button type="submit" className="button-danger">
                {t("admin.users.deactivate")}
              </button>
            </Form>
          )
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="activate" />
            <button type="submit">{t("admin.users.activate")}</button>
          </Form>
        )}
      </section>
    </>
  );
}

type LoadedUser = ReturnType<typeof useLoaderData<typeof loader>>["user"];

function UserDetailsForm({ user, failed }: { user: LoadedUser; failed: FormFailure | null }) {
  const t = useT();
  const navigation = useNavigation();
  const echo = failed?.values;
  const values = {
    email: String(echo?.email ?? user.email),
    name: String(echo?.name ?? user.name),
    locale: String(echo?.locale ?? user.locale),
    isAdmin: echo ? echo.isAdmin === "on" : user.isAdmin,
  };
  const form = useSchemaForm(UserUpdateSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "update";
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="update" />
      {form.hasErrors() ? <p className="field-error" role="alert">{t("common.formHasErrors")}</p> : null}
      <div className="field-row">
        <FormField label={t("admin.users.name")} name="name" error={form.error("name")}>
          <input type="text" autoComplete="off" {...form.register("name")} defaultValue={values.name} />
        </FormField>
        <FormField label={t("admin.users.email")} name="email" error={form.error("email")}>
          <input type="email" autoComplete="off" spellCheck={false} {...form.register("email")} defaultValue={values.email} />
        </FormField>
      </div>
      <FormField label={t("admin.users.locale")} name="locale" error={form.error("locale")}>
        <select {...form.register("locale")} defaultValue={values.locale}>
          <option value="de">{t("admin.users.localeDe")}</option>
          <option value="en">{t("admin.users.localeEn")}</option>
        </select>
      </FormField>
      <CheckboxField label={t("admin.users.isAdmin")} name="isAdmin" hint={t("admin.users.isAdminHint")} error={form.error("isAdmin")}>
        <input type="checkbox" {...form.register("isAdmin")} defaultChecked={values.isAdmin} />
      </CheckboxField>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t("common.save")}
        </button>
      </div>
    </Form>
  );
}

const AddRoleSchema = ProjectRoleSchema.pick({ projectId: true, role: true });

function AddRoleForm({ projects, failed }: { projects: { id: string; code: string; title: string }[]; failed: FormFailure | null }) {
  const t = useT();
  const values = { projectId: String(failed?.values.projectId ?? ""), role: String(failed?.values.role ?? "") };
  const form = useSchemaForm(AddRoleSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  return (
    <Form method="post" className="field-row" style={{ alignItems: "end", maxWidth: "44rem" }} noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="setRole" />
      <FormField label={t("admin.users.project")} name="projectId" id="add-role-project" error={form.error("projectId")}>
        <select {...form.register("projectId")} defaultValue={values.projectId}>
          <option value="">{t("form.choose")}</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.code} – {project.title}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label={t("admin.users.role")} name="role" id="add-role-role" error={form.error("role")}>
        <select {...form.register("role")} defaultValue={values.role}>
          <option value="">{t("form.choose")}</option>
          {PROJECT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </FormField>
      <div className="form-actions" style={{ alignSelf: "end" }}>
        <button type="submit">{t("admin.users.addRole")}</button>
      </div>
    </Form>
  );
}
