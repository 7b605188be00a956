import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { pageTitle } from "~/components/admin/meta";
import { PROJECT_LIST_FIELDS, ProjectForm } from "~/components/admin/project-form";
import { FormField, useSchemaForm, type FormFailure } from "~/components/form-field";
import { listAreaOptions } from "~/modules/areas/service.server";
import { listActionFieldOptions } from "~/modules/projects/action-fields.server";
import { getProjectForAdmin, updateProject } from "~/modules/projects/admin.server";
import { ProjectAdminIntentSchema, ProjectInputSchema } from "~/modules/projects/schema";
import { ProjectMemberRefSchema, ProjectRoleSchema } from "~/modules/users/schema";
import { listUserOptions, removeProjectRole, setProjectRole } from "~/modules/users/service.server";
import { formDataToValues, parseInput } from "~/utils/form-values";
import { readFormData, validationFailure } from "~/utils/form.server";
import { badRequest, requireId } from "~/utils/http.server";
import { useT, type MessageKey } from "~/utils/i18n";
import { PROJECT_ROLES } from "~/utils/permissions";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "admin.projects.editTitle", { code: data?.project.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request, "admin:projects");
  const project = await getProjectForAdmin(requireId(params.projectId));
  const [areas, actionFields, users] = await Promise.all([listAreaOptions(), listActionFieldOptions(project.actionFieldIds), listUserOptions()]);
  return { project, options: { areas, actionFields }, users };
}

const NOTICES: Record<string, MessageKey> = {
  created: "admin.projects.created",
  saved: "admin.saved",
  member: "admin.projects.memberSaved",
  memberRemoved: "admin.projects.memberRemoved",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "admin:projects");
  const projectId = requireId(params.projectId);
  const values = formDataToValues(await readFormData(request, admin.locale), PROJECT_LIST_FIELDS);
  const parsed = ProjectAdminIntentSchema.safeParse(values);
  if (!parsed.success) badRequest();
  const done = (notice: keyof typeof NOTICES) => redirect(`/admin/projects/${projectId}?notice=${notice}`);
  try {
    switch (parsed.data.intent) {
      case "update":
        await updateProject(projectId, parseInput(ProjectInputSchema, values), admin.id);
        return done("saved");
      case "addMember":
      case "changeRole":
        await setProjectRole(parseInput(ProjectRoleSchema, { ...values, projectId }), admin.id);
        return done("member");
      case "removeMember":
        await removeProjectRole(parseInput(ProjectMemberRefSchema, { ...values, projectId }), admin.id);
        return done("memberRemoved");
    }
  } catch (error) {
    return validationFailure(error, values);
  }
}

export default function AdminProjectPage() {
  const { project, options, users } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() ?? null;
  const [searchParams] = useSearchParams();
  const t = useT();
  const noticeKey = failed ? null : NOTICES[searchParams.get("notice") ?? ""];
  const memberIds = new Set(project.members.map((m) => m.id));
  const candidates = users.filter((u) => !memberIds.has(u.id));
  return (
    <>
      <p>
        <Link to="/admin/projects">← {t("admin.projects.backToList")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("admin.projects.editTitle", { code: project.code })}</h1>
        <Link to={`/projects/${project.id}`} className="button button-secondary">
          {t("admin.projects.openProject")}
        </Link>
      </div>
      {noticeKey ? (
        <p className="alert alert-success" role="status">
          {t(noticeKey)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title" style={{ marginTop: 0 }}>{t("admin.projects.membersTitle")}</h2>
        {project.members.length === 0 ? (
          <p>{t("admin.projects.membersEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("admin.projects.membersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.projects.member")}</th>
                  <th scope="col">{t("admin.users.role")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {project.members.map((member) => (
                  <tr key={member.id}>
                    <td>
                      <Link to={`/admin/users/${member.id}`}>{member.name}</Link>
                      <div className="muted" style={{ fontSize: "0.875rem" }}>
                        {member.email}
                      </div>
                      {member.active ? null : <span className="badge badge-danger">{t("common.inactive")}</span>}
                    </td>
                    <td>
                      <Form method="post" className="toolbar">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="userId" value={member.id} />
                        <select name="role" defaultValue={member.role} aria-label={t("admin.projects.roleOf", { name: member.name })} style={{ width: "auto" }}>
                          {PROJECT_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`role.${role}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button-secondary">
                          {t("admin.projects.changeRole")}
                        </button>
                      </Form>
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="userId" value={member.id} />
                        <button type="submit" className="button-secondary" aria-label={t("admin.projects.removeMemberLabel", { name: member.name })}>
                          {t("admin.projects.removeMember")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t("admin.projects.addMemberTitle")}</h3>
        {candidates.length === 0 ? (
          <p className="muted">{t("admin.projects.allUsersAssigned")}</p>
        ) : (
          <AddMemberForm key={project.members.length} users={candidates} failed={failed?.intent === "addMember" ? failed : null} />
        )}
        <p className="muted" style={{ fontSize: "0.875rem" }}>
          {t("admin.roles.hint")}
        </p>
      </section>

      <section className="card" aria-labelledby="project-form-title">
        <h2 id="project-form-title" style={{ marginTop: 0 }}>{t("admin.projects.formTitle")}</h2>
        <ProjectForm
          key={new Date(project.updatedAt).getTime()}
          project={project}
          options={options}
          failed={failed?.intent === "update" ? failed : null}
          submitLabel={t("common.save")}
        />
      </section>
    </>
  );
}

const AddMemberSchema = ProjectRoleSchema.pick({ userId: true, role: true });

function AddMemberForm({ users, failed }: { users: { id: string; name: string; email: string }[]; failed: FormFailure | null }) {
  const t = useT();
  const values = { userId: String(failed?.values.userId ?? ""), role: String(failed?.values.role ?? "") };
  const form = useSchemaForm(AddMemberSchema, { defaultValues: values, serverErrors: failed?.fieldErrors });
  return (
    <Form method="post" className="field-row" style={{ alignItems: "end", maxWidth: "44rem" }} noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="addMember" />
      <FormField label={t("admin.projects.member")} name="userId" id="add-member-user" error={form.error("userId")}>
        <select {...form.register("userId")} defaultValue={values.userId}>
          <option value="">{t("form.choose")}</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
      </FormField>
      <FormField label={t("admin.users.role")} name="role" id="add-member-role" error={form.error("role")}>
        <select {...form.register("role")} defaultValue={values.role}>
          <option value="">{t("form.choose")}</option>
          {PROJECT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </FormField>
      <div className="form-actions">
        <button type="submit">{t("admin.projects.addMember")}</button>
      </div>
    </Form>
  );
}
