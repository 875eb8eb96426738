#!/usr/bin/env node
// The project runs TypeScript through Node.js 24's type stripping; say so plainly on an older Node.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  process.stderr.write(
    `plugilo needs Node.js 24 or newer (this is ${process.version}). Run it through npm, which uses the ` +
      "project's own Node 24: npm run plugilo -- <command>\n",
  );
  process.exit(2);
}
await import("../src/main.ts");
