import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProjectNav } from "~/components/project-nav";
import { can, PERMISSIONS, type Permission } from "~/utils/permissions";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project, role } = await requirePermission(request, params.projectId, "project:read");
  const allowed = Object.fromEntries(
    (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [permission, can({ isAdmin: user.isAdmin, role }, permission)]),
  ) as Record<Permission, boolean>;
  return { project, role, allowed };
}

export default function ProjectLayout() {
  const { project, allowed } = useLoaderData<typeof loader>();
  return (
    <>
      <ProjectNav projectId={project.id} allowed={allowed} />
      <div className="project-content">
        <Outlet />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
