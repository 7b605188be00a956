// Login with email + password via remix-auth's FormStrategy, rate-limited per account and per address.
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { z } from "zod";
import { db } from "~/utils/db.server";
import { recordAudit } from "~/modules/audit/service.server";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password.server";

/** Failures within the window that block further attempts. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 30, windowMs: 15 * 60 * 1000, blockMs: 15 * 60 * 1000 };

export class LoginError extends Error {
  constructor(public readonly reason: "invalid" | "throttled" | "missing_email" | "missing_password", public readonly retryAfterMinutes = 0) {
    super(reason);
  }
}

const LoginForm = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(1024),
});

async function blockedUntil(keys: string[]): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } }, select: { blockedUntil: true } });
  const now = Date.now();
  const until = rows.map((r) => r.blockedUntil?.getTime() ?? 0).filter((t) => t > now);
  return until.length ? new Date(Math.max(...until)) : null;
}

async function registerFailure(key: string, limit: number): Promise<void> {
  const now = new Date();
  const row = await db.loginThrottle.findUnique({ where: { key } });
  const inWindow = row && now.getTime() - row.windowStart.getTime() < LOGIN_LIMITS.windowMs;
  const failures = inWindow ? row.failures + 1 : 1;
  const data = {
    failures,
    windowStart: inWindow ? row.windowStart : now,
    blockedUntil: failures >= limit ? new Date(now.getTime() + LOGIN_LIMITS.blockMs) : null,
  };
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
}

export interface AuthenticatedUser {
  id: string;
}

export function createAuthenticator(clientAddress: string) {
  const authenticator = new Authenticator<AuthenticatedUser>();
  authenticator.use(
    new FormStrategy(async ({ form }) => {
      const parsed = LoginForm.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
      if (!parsed.success) throw new LoginError("invalid");
      const { email, password } = parsed.data;
      if (!email) throw new LoginError("missing_email");
      if (!password) throw new LoginError("missing_password");

      const accountKey = `account:${email}`;
      const addressKey = `address:${clientAddress}`;
      const blocked = await blockedUntil([accountKey, addressKey]);
      if (blocked) throw new LoginError("throttled", Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 60000)));

      const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
      // why: verify against a dummy hash for unknown accounts so timing does not reveal which emails exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !user.active || !valid) {
        await registerFailure(accountKey, LOGIN_LIMITS.perAccount);
        await registerFailure(addressKey, LOGIN_LIMITS.perAddress);
        await recordAudit(db, { userId: user?.id ?? null, action: "login_failed", entity: "User", entityId: user?.id ?? null });
        throw new LoginError("invalid");
      }
      await db.loginThrottle.deleteMany({ where: { key: accountKey } });
      await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await recordAudit(db, { userId: user.id, action: "login", entity: "User", entityId: user.id });
      return { id: user.id };
    }),
    "form",
  );
  return authenticator;
}
