// Uploaded participant files between preview and confirm. The server keeps the file itself (never
// trusting a plan sent back by the browser) under the data folder, keyed by a random token and bound
// to the uploading user and project; it expires after 30 minutes and is deleted once applied or
// cancelled. Applying re-parses and re-plans it against the data as they are then.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "~/utils/env.server";

export const UPLOAD_TTL_MS = 30 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

interface UploadMeta {
  userId: string;
  projectId: string;
  fileName: string;
  createdAt: number;
}

export interface StoredUpload extends UploadMeta {
  token: string;
  data: Uint8Array;
}

function uploadDir(): string {
  return path.join(getEnv().dataDir, "import-uploads");
}

const files = (token: string) => ({
  meta: path.join(uploadDir(), `${token}.json`),
  data: path.join(uploadDir(), `${token}.bin`),
});

/** Deletes uploads older than the time limit (called on every store and load: no scheduler needed). */
async function sweep(now: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(uploadDir());
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(uploadDir(), name);
      try {
        if ((await stat(file)).mtimeMs + UPLOAD_TTL_MS < now) await rm(file, { force: true });
      } catch {
        // Removed meanwhile by another request.
      }
    }),
  );
}

/** Keeps an uploaded file for the confirm step; returns the token that names it. */
export async function storeUpload(upload: Omit<UploadMeta, "createdAt"> & { data: Uint8Array }, now = Date.now()): Promise<string> {
  await sweep(now);
  await mkdir(uploadDir(), { recursive: true, mode: 0o700 });
  const token = randomBytes(16).toString("base64url");
  const { meta, data } = files(token);
  await writeFile(data, upload.data, { mode: 0o600 });
  const stored: UploadMeta = { userId: upload.userId, projectId: upload.projectId, fileName: upload.fileName, createdAt: now };
  await writeFile(meta, JSON.stringify(stored), { mode: 0o600 });
  return token;
}

/** The upload named by `token` if it belongs to this user and project and has not expired; else null. */
export async function loadUpload(token: string | null | undefined, owner: { userId: string; projectId: string }, now = Date.now()): Promise<StoredUpload | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  await sweep(now);
  const { meta, data } = files(token);
  try {
    const parsed = JSON.parse(await readFile(meta, "utf8")) as UploadMeta;
    if (parsed.userId !== owner.userId || parsed.projectId !== owner.projectId) return null;
    if (parsed.createdAt + UPLOAD_TTL_MS < now) {
      await discardUpload(token);
      return null;
    }
    return { ...parsed, token, data: new Uint8Array(await readFile(data)) };
  } catch {
    return null;
  }
}

/** Deletes an upload (after applying or cancelling). */
export async function discardUpload(token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  const { meta, data } = files(token);
  await Promise.all([rm(meta, { force: true }), rm(data, { force: true })]);
}
