// A generated password, shown exactly once right after it was made (never stored in clear, never in a URL).
import { useT } from "~/utils/i18n";

export function OneTimePassword({ password }: { password: string }) {
  const t = useT();
  return (
    <>
      <p style={{ margin: "0.5rem 0 0" }}>
        <strong>{t("admin.users.generatedPassword")}:</strong>{" "}
        <code
          data-testid="one-time-password"
          style={{ fontSize: "1.15rem", userSelect: "all", background: "#fff", padding: "0.1rem 0.4rem", borderRadius: "4px", color: "#1b1f24" }}
        >
          {password}
        </code>
      </p>
      <p style={{ margin: "0.25rem 0 0" }}>{t("admin.users.generatedPasswordHint")}</p>
    </>
  );
}
