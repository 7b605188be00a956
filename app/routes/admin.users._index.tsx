import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { OneTimePassword } from "~/components/admin/one-time-password";
import { Pagination } from "~/components/admin/pagination";
import { CheckboxField, FormErrors, FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { PASSWORD_MIN_LENGTH, UserCreateSchema, UserListQuerySchema } from "~/modules/users/schema";
import { createUser, listUsers } from "~/modules/users/service.server";
import { formatDateTime } from "~/utils/format";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { useLocale, useT } from "~/utils/i18n";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:users");
  const url = new URL(request.url);
  const query = UserListQuerySchema.parse({ search: url.searchParams.get("search") ?? "", page: url.searchParams.get("page") ?? "1" });
  return { list: await listUsers(query) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:users");
  const values = formDataToValues(await readFormData(request, admin.locale));
  try {
    const { user, generatedPassword } = await createUser(parseInput(UserCreateSchema, values), admin.id);
    return { ok: true as const, created: { id: user.id, name: user.name }, generatedPassword };
  } catch (error) {
    return validationFailure(error, values, ["password"]);
  }
}

export default function UsersPage() {
  const { list } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const failed = actionData && !actionData.ok ? actionData : null;
  const created = actionData?.ok ? actionData : null;
  return (
    <>
      <div className="page-header">
        <h1>{t("admin.users.title")}</h1>
        <a href="#create-user" className="button button-secondary">
          {t("admin.users.createTitle")}
        </a>
      </div>
      <p className="muted">{t("admin.users.intro")}</p>

      {created ? (
        <div className="alert alert-success" role="status">
          <p style={{ margin: 0 }}>
            {t("admin.users.created", { name: created.created.name })}{" "}
            <Link to={`/admin/users/${created.created.id}`}>{t("admin.users.openUser", { name: created.created.name })}</Link>
          </p>
          {created.generatedPassword ? <OneTimePassword password={created.generatedPassword} /> : null}
        </div>
      ) : null}

      <Form method="get" role="search" className="toolbar" style={{ marginBottom: "1rem" }}>
        <div className="field">
          <label htmlFor="user-search">{t("admin.users.searchLabel")}</label>
          <input id="user-search" name="search" type="search" defaultValue={list.search} />
        </div>
        <button type="submit">{t("common.search")}</button>
        {list.search ? (
          <Link to="/admin/users" className="button button-secondary">
            {t("common.reset")}
          </Link>
        ) : null}
      </Form>
      {list.search ? <p role="status">{t("admin.users.searchResults", { count: list.total, search: list.search })}</p> : null}

      {list.users.length === 0 ? (
        <p className="alert alert-info">{t("admin.users.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("admin.users.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("admin.users.colRights")}</th>
                <th scope="col" className="num">{t("admin.users.colProjects")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("admin.users.colLastLogin")}</th>
              </tr>
            </thead>
            <tbody>
              {list.users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>{user.isAdmin ? <span className="badge badge-info">{t("admin.users.badgeAdmin")}</span> : t("admin.users.rightsUser")}</td>
                  <td className="num">{user.projectCount}</td>
                  <td>
                    <span className={`badge ${user.active ? "badge-success" : "badge-danger"}`}>{user.active ? t("common.active") : t("common.inactive")}</span>{" "}
                    {user.mustChangePassword ? <span className="badge badge-warning">{t("admin.users.badgeMustChange")}</span> : null}
                  </td>
                  <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t("admin.users.neverLoggedIn")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} />

      <section className="card" style={{ marginTop: "2rem" }} aria-labelledby="create-user">
        <h2 id="create-user" style={{ marginTop: 0 }} tabIndex={-1}>
          {t("admin.users.createTitle")}
        </h2>
        <CreateUserForm key={created?.created.id ?? "new"} failed={failed} />
      </section>
    </>
  );
}

function CreateUserForm({ failed }: { failed: FormFailure | null }) {
  const t = useT();
  const navigation = useNavigation();
  const echo = failed?.values;
  const values = {
    email: String(echo?.email ?? ""),
    name: String(echo?.name ?? ""),
    password: "",
    locale: String(echo?.locale ?? "de"),
    isAdmin: echo ? echo.isAdmin === "on" : false,
  };
  const form = useSchemaForm(UserCreateSchema, { defaultValues: values, serverErrors: failed?.fieldErrors, errorParams: { min: PASSWORD_MIN_LENGTH } });
  const busy = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  return (
    <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
      <FormErrors messages={(failed?.formErrors ?? []).map((key) => t(key))} />
      {form.hasErrors() ? <p className="field-error" role="alert">{t("common.formHasErrors")}</p> : null}
      <div className="field-row">
        <FormField label={t("admin.users.name")} name="name" error={form.error("name")}>
          <input type="text" autoComplete="off" {...form.register("name")} defaultValue={values.name} />
        </FormField>
        <FormField label={t("admin.users.email")} name="email" error={form.error("email")}>
          <input type="email" autoComplete="off" spellCheck={false} {...form.register("email")} defaultValue={values.email} />
        </FormField>
      </div>
      <FormField label={t("admin.users.password")} name="password" optional error={form.error("password")} hint={t("admin.users.passwordHint", { min: PASSWORD_MIN_LENGTH })}>
        <input type="password" autoComplete="new-password" {...form.register("password")} defaultValue="" />
      </FormField>
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
          {t("admin.users.createSubmit")}
        </button>
      </div>
    </Form>
  );
}
