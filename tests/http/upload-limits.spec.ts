// Oversized uploads are refused early and clearly: the participant import (20 MB) and the receipt
// import (2 MB) answer from the announced length, before reading the file, with a German message;
// any request above 25 MB is refused by the server itself; a body without a length is refused.
// Demo project FORST-2019: every request here is refused, nothing is written.
import { projectIdByCode } from "../e2e/support/db";
import { expect, test } from "../e2e/fixtures";
import { announceOversized, chunkedPost, cookieHeader } from "./support/raw-http";

const MB = 1024 * 1024;
const MULTIPART = "multipart/form-data; boundary=----hostile";

/** A multipart body with one file part of `size` bytes (valid framing, CSV-ish content). */
function multipartFile(size: number, intent: string): Buffer {
  const head = Buffer.from(
    `------hostile\r\nContent-Disposition: form-data; name="intent"\r\n\r\n${intent}\r\n------hostile\r\nContent-Disposition: form-data; name="file"; filename="gross.csv"\r\nContent-Type: text/csv\r\n\r\nparticipant_no,first_name\r\n`,
  );
  const tail = Buffer.from("\r\n------hostile--\r\n");
  return Buffer.concat([head, Buffer.alloc(size, "a"), tail]);
}

test.describe("participant import (limit 20 MB)", () => {
  test("a 21 MB upload is refused from its announced length: 413 and the German message", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const url = `/projects/${await projectIdByCode("FORST-2019")}/participants/import`;
    const answer = await announceOversized(url, await cookieHeader(lead), 21 * MB, MULTIPART);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Die Datei ist größer als 20 MB");
  });

  test("a file just above 20 MB in a small-enough request is still refused while reading (413, message)", async ({ apiAs }) => {
    test.slow();
    const lead = await apiAs("lead");
    const url = `/projects/${await projectIdByCode("FORST-2019")}/participants/import`;
    const response = await lead.post(url, { data: multipartFile(20 * MB + 16 * 1024, "upload"), headers: { "Content-Type": MULTIPART }, maxRedirects: 0 });
    expect(response.status()).toBe(413);
    expect(await response.text()).toContain("Die Datei ist größer als 20 MB");
  });

  test("a real 30 MB body is refused by the server before the app sees it (413)", async ({ apiAs }) => {
    test.slow();
    const lead = await apiAs("lead");
    const url = `/projects/${await projectIdByCode("FORST-2019")}/participants/import`;
    const response = await lead.post(url, { data: multipartFile(30 * MB, "upload"), headers: { "Content-Type": MULTIPART }, maxRedirects: 0 });
    expect(response.status()).toBe(413);
    expect(await response.text()).toContain("Die Anfrage ist zu groß");
  });
});

test.describe("receipt import (limit 2 MB)", () => {
  test("a 3 MB upload is refused from its announced length with the German message", async ({ apiAs }) => {
    const accountant = await apiAs("accountant");
    const url = `/projects/${await projectIdByCode("FORST-2019")}/finance/expenses/import`;
    const answer = await announceOversized(url, await cookieHeader(accountant), 3 * MB, MULTIPART);
    expect([400, 413]).toContain(answer.status);
    expect(answer.body).toContain("Die Datei ist größer als 2 MB.");
  });
});

test("a body without a length (chunked) is refused: 411", async ({ apiAs }) => {
  const lead = await apiAs("lead");
  const url = `/projects/${await projectIdByCode("FORST-2019")}/participants/import`;
  const answer = await chunkedPost(url, await cookieHeader(lead), MULTIPART);
  expect(answer.status).toBe(411);
  expect(answer.body).toContain("Länge");
});
