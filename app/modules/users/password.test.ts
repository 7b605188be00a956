import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong or malformed one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });

  it("runs against this file's own migrated database", async () => {
    const user = await db.user.create({ data: { email: "hash-test@example.org", name: "Hash Test", passwordHash: await hashPassword("0123456789") } });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });
});
