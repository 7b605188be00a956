import { describe, expect, it } from "vitest";
import { readFormData, validationFailure } from "./form.server";
import { ValidationError } from "./validation";

/** What a thrown `data(...)` carries: status and body. */
async function thrown(run: () => unknown): Promise<{ status: number; data: unknown }> {
  try {
    await run();
  } catch (error) {
    const value = error as { init?: { status?: number }; data?: unknown };
    return { status: value.init?.status ?? 0, data: value.data };
  }
  throw new Error("expected a thrown answer");
}

const post = (body: BodyInit | null, contentType?: string) =>
  new Request("http://app.test/x", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });

describe("readFormData", () => {
  it("reads url-encoded and multipart forms", async () => {
    expect((await readFormData(post("a=1&a=2&b=%C3%A4", "application/x-www-form-urlencoded"))).getAll("a")).toEqual(["1", "2"]);
    const multipart = new FormData();
    multipart.append("file", new Blob(["x"]), "a.csv");
    expect((await readFormData(new Request("http://app.test/x", { method: "POST", body: multipart }))).get("file")).toBeInstanceOf(File);
  });

  it.each([
    ["JSON", '{"a":1}', "application/json"],
    ["text", "a=1", "text/plain"],
    ["no content type", "a=1", undefined],
    ["broken multipart", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "multipart/form-data; boundary=xyz"],
    ["multipart without boundary", "--x", "multipart/form-data"],
  ])("answers 400 with a German message for %s", async (_label, body, contentType) => {
    const answer = await thrown(() => readFormData(post(body, contentType)));
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ message: expect.stringContaining("Das Formular konnte nicht gelesen werden") });
  });

  it("answers in the user's language", async () => {
    const answer = await thrown(() => readFormData(post("{}", "application/json"), "en"));
    expect(answer.data).toEqual({ message: expect.stringContaining("The form could not be read") });
  });

  it("drops NUL characters (PostgreSQL text cannot hold them) and keeps everything else", async () => {
    const form = await readFormData(post("name=A%00B&note=%01%E2%80%AE", "application/x-www-form-urlencoded"));
    expect(form.get("name")).toBe("AB");
    expect(form.get("note")).toBe("\u0001\u202E");
  });
});

describe("validationFailure", () => {
  it("answers 400 with field errors and the typed values", async () => {
    const response = validationFailure(new ValidationError({ name: ["validation.required"] }), { intent: "update", name: "" });
    expect(response.init?.status).toBe(400);
    expect(response.data).toMatchObject({ ok: false, intent: "update", fieldErrors: { name: ["validation.required"] } });
  });

  it.each(["intent", "version"])("turns an error on %s (sent by the page itself) into a plain 400", async (field) => {
    const answer = await thrown(() => validationFailure(new ValidationError({ [field]: ["validation.invalid"] }), { intent: "x" }));
    expect(answer.status).toBe(400);
  });
});
