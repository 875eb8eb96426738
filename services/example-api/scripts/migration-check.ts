/**
 * The pipeline's migration check: the image's own `migrate` command against a throwaway PostgreSQL server,
 * twice. The first run must apply every migration to the empty database, the second must apply none.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startPostgres } from "../test/servers.ts";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const db = await startPostgres();
try {
  const run = () =>
    execFileSync(process.execPath, [main, "migrate"], {
      env: { ...process.env, ...db.env, LOG_LEVEL: "info" },
      encoding: "utf8",
    });
  const first = run();
  const second = run();
  const applied = (out: string) => (JSON.parse(out.trim().split("\n").pop() ?? "{}").applied ?? []) as string[];
  console.log(`first run applied: ${applied(first).join(", ") || "nothing"}`);
  console.log(`second run applied: ${applied(second).join(", ") || "nothing"}`);
  if (!applied(first).length) throw new Error("the first run on an empty database applied no migration");
  if (applied(second).length) throw new Error("the second run applied migrations again: not idempotent");
} finally {
  await db.stop();
}
