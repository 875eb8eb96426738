/** Validation findings: every one names the file, the field path and the reason. */

export type Severity = "error" | "warning";

export interface ConfigFinding {
  severity: Severity;
  file: string;
  /** Field path in the file, for example clusters[1].region. Empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line of the field in the file, when known. */
  line?: number;
  /** A link to the documentation the rule comes from, when the rule has one. */
  source?: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function formatFinding(f: ConfigFinding): string {
  const where = `${f.file}${f.line ? `:${f.line}` : ""}`;
  const field = f.path === "" ? "" : ` ${f.path}:`;
  return `${f.severity}: ${where}:${field} ${f.message}${f.source ? ` (see ${f.source})` : ""}`;
}

/** Thrown when a configuration cannot be turned into a model. Carries every error found, not just the first. */
export class ConfigError extends Error {
  readonly findings: readonly ConfigFinding[];
  constructor(findings: readonly ConfigFinding[]) {
    super(findings.map(formatFinding).join("\n"));
    this.name = "ConfigError";
    this.findings = findings;
  }
}
