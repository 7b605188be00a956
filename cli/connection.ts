// Opens the database before a command's first query, so connection problems surface as one clear
// error before any work starts.
import { getDbHandle, prepareConnection } from "~/utils/db.server";

export async function openDatabase(): Promise<void> {
  await prepareConnection(getDbHandle());
}
