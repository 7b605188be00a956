// Login rate limit per account: after repeated wrong passwords even the right one is refused for a
// while, with the throttle message. Uses a user created for this test only (biwaq user create), so
// the demo logins of the other tests are never blocked.
import { createTestUser } from "../e2e/support/cli";
import { expect, test } from "../e2e/fixtures";

// The CLI call and the deliberately slow password checks take a while on a busy machine.
test.slow();

test("6 wrong passwords, then the right one is refused with the throttle message", async ({ newSession }) => {
  const user = createTestUser("ratelimit");
  const api = await newSession("anonymous");
  const attempt = (password: string) => api.post("/login", { form: { email: user.email, password }, maxRedirects: 0 });

  for (let i = 1; i <= 6; i++) {
    const response = await attempt(`wrong-password-${i}`);
    expect([401, 429], `attempt ${i}`).toContain(response.status());
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
  const seventh = await attempt(user.password);
  expect(seventh.status()).toBe(429);
  expect(seventh.headers()["set-cookie"]).toBeUndefined();
  expect(await seventh.text()).toContain("Zu viele fehlgeschlagene Anmeldeversuche");
  const home = await api.get("/", { maxRedirects: 0 });
  expect(home.headers().location).toMatch(/^\/login/);
});

test("a correct password before the limit still signs in (and resets the count)", async ({ newSession }) => {
  const user = createTestUser("ratelimit-ok");
  const api = await newSession("anonymous");
  const attempt = (password: string) => api.post("/login", { form: { email: user.email, password }, maxRedirects: 0 });
  for (let i = 1; i <= 3; i++) expect((await attempt(`wrong-${i}`)).status()).toBe(401);
  const ok = await attempt(user.password);
  expect(ok.status()).toBe(302);
  expect(ok.headers().location).toBe("/");
});
