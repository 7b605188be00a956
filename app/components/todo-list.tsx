// "Ihre Aufgaben" on the home page: per project where the user holds a role, what is due — each item
// with its count, a link to the list it is about, and its urgency in words (not colour alone).
import { Link } from "@remix-run/react";
import type { ProjectTodos, TodoSeverity } from "~/modules/todos/service.server";
import { useT, type MessageKey } from "~/utils/i18n";

const BADGE: Record<TodoSeverity, string> = { danger: "badge badge-danger", warning: "badge badge-warning", info: "badge badge-info" };

export function TodoList({ groups }: { groups: ProjectTodos[] }) {
  const t = useT();
  return (
    <section aria-labelledby="todos-title" className="todo-list">
      <h2 id="todos-title">{t("todos.title")}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t("todos.empty")}</p>
      ) : (
        <div className="card-grid">
          {groups.map((group) => {
            const headingId = `todos-${group.project.id}`;
            return (
              <div key={group.project.id} className="card" aria-labelledby={headingId} role="group">
                <h3 id={headingId}>
                  {t("todos.projectCaption", { code: group.project.code, title: group.project.title, role: t(`role.${group.role}` as MessageKey) })}
                </h3>
                <ul style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: "0.5rem" }}>
                  {group.items.map((item) => (
                    <li key={item.kind} data-todo={item.kind}>
                      <span className={BADGE[item.severity]}>{t(`todos.severity.${item.severity}` as MessageKey)}</span>{" "}
                      <Link to={item.href}>
                        {t(`todos.kind.${item.kind}` as MessageKey)}: <strong>{item.count}</strong>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
