// Previous / next links for a paged list, keeping the other query parameters (e.g. the search).
import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const t = useT();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const href = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("common.page", { page, pages: pageCount })}>
      {page > 1 ? <Link to={href(page - 1)} rel="prev">{t("common.previous")}</Link> : null}
      <span>{t("common.page", { page, pages: pageCount })}</span>
      {page < pageCount ? <Link to={href(page + 1)} rel="next">{t("common.next")}</Link> : null}
    </nav>
  );
}
