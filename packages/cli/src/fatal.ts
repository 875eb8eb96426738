/**
 * How the CLI ends on an error: one clear line per problem and a non-zero exit, never a stack trace.
 * Exit 2 for invalid configuration or usage (nothing ran), 3 for a fault in plugilo itself.
 */
import { ConfigError, type ConfigFinding, formatFinding } from "@plugilo/model";

/** Wrong usage the command line parser cannot see: an unknown stack, an unwritable output file. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT_INTERNAL = 3;

/** Prints configuration findings: a single finding stays on one line. */
export function reportConfigFindings(findings: readonly ConfigFinding[], what = "nothing was planned or deployed"): void {
  if (findings.length === 1) {
    process.stderr.write(`${formatFinding(findings[0] as ConfigFinding)} (${what})\n`);
    return;
  }
  for (const f of findings) process.stderr.write(`${formatFinding(f)}\n`);
  process.stderr.write(`invalid configuration: ${findings.length} error(s); ${what}\n`);
}

export function exitOnError(e: unknown): never {
  if (e instanceof ConfigError) {
    reportConfigFindings(e.findings);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  process.stderr.write(`plugilo: internal error: ${message} (PLUGILO_DEBUG=1 prints the stack trace)\n`);
  if (process.env.PLUGILO_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT_INTERNAL);
}
