// One error view for every route: expected failures (thrown responses) say what happened in the
// user's language; unexpected errors show a generic message with an id to quote.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/i18n";

function errorId(error: unknown): string {
  const text = error instanceof Error ? `${error.name}:${error.message}` : String(error);
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36).toUpperCase();
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.title");
  let message: string;
  if (isRouteErrorResponse(error)) {
    title = `${error.status}`;
    if (error.status === 404) message = t("error.notFound");
    else if (error.status === 403) message = t("error.forbidden");
    else if (error.status === 409) message = t("error.conflict");
    else if (error.status === 400 || error.status === 413 || error.status === 422) {
      const detail = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : "";
      message = detail && !/^[A-Z][a-z]+ ?[a-z]*$/.test(detail) ? detail : t("error.badRequest");
    } else message = t("error.title");
  } else {
    message = t("error.unexpected", { id: errorId(error) });
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
