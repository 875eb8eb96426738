#!/usr/bin/env node
// The installed `plugilo` binary. The project runs TypeScript through Node.js 24's type stripping: on an older
// Node this re-runs itself with the project's own Node 24 (the `node` devDependency) when it is installed,
// and otherwise says so and exits 2. Plain JavaScript, so that any Node can read it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  const self = fileURLToPath(import.meta.url);
  let projectNode;
  try {
    // The `node` package ships the binary as bin/node next to its package.json.
    const pkg = createRequire(self).resolve("node/package.json");
    const candidate = join(dirname(pkg), "bin", "node");
    if (existsSync(candidate)) projectNode = candidate;
  } catch {
    // not installed: fall through to the message below
  }
  if (!projectNode) {
    process.stderr.write(
      `plugilo needs Node.js 24 or newer (this is ${process.version}) and the project's own Node 24 is not ` +
        "installed: run npm ci in the repository, then npx plugilo <command>\n",
    );
    process.exit(2);
  }
  const child = spawnSync(projectNode, [self, ...process.argv.slice(2)], { stdio: "inherit" });
  if (child.error) {
    process.stderr.write(`plugilo: cannot start ${projectNode}: ${child.error.message}\n`);
    process.exit(2);
  }
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 2);
}
await import("../src/start.ts");
