// The buttons under a list's filter form: apply, and "reset" once a filter is active.
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function FilterActions({ filtered, submitLabel }: { filtered: boolean; submitLabel: string }) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit">{submitLabel}</button>
      {filtered ? (
        <Link to="." className="button button-secondary">
          {t("common.reset")}
        </Link>
      ) : null}
    </div>
  );
}
