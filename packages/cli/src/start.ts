/**
 * The command's entry (`npm run plugilo`, bin/plugilo.js): Node's module compile cache is enabled before the
 * CLI's modules are even parsed, so they too are read compiled from the cache (main.ts, imported statically,
 * would be parsed before any of its code ran).
 */
import { enableCompileCache } from "node:module";

enableCompileCache?.();
const { run } = await import("./main.ts");
await run(process.argv.slice(2));
