/**
 * One clear finding per broken YAML file: the first parser error (the later ones are its echoes), the key a
 * duplicate names, and alias expansion bounded so that an alias bomb is a finding, not a hang or a crash.
 */
import type { Document, LineCounter, YAMLError } from "yaml";
import type { ConfigFinding } from "./findings.ts";

/** Aliases a document may expand; the yaml library's own default (100) guards against exponential blow-up. */
export const MAX_ALIAS_COUNT = 100;

export function yamlSyntaxFinding(errors: readonly YAMLError[], text: string, lines: LineCounter, file: string): ConfigFinding {
  const e = errors[0] as YAMLError;
  const line = e.linePos?.[0]?.line ?? (e.pos[0] >= 0 ? lines.linePos(e.pos[0]).line : undefined);
  let message = e.message.split("\n")[0] ?? "";
  if (e.code === "DUPLICATE_KEY") {
    // The error marks where the repeated key starts; the key runs to its colon.
    const key = (/^[^:,{}\n]+/.exec(text.slice(e.pos[0]))?.[0] ?? "").trim().replace(/^["']|["']$/g, "");
    message = `duplicate key "${key}": a mapping names each key once`;
  }
  const more = errors.length > 1 ? " (fix this first: the parser's other complaints follow from it)" : "";
  return {
    severity: "error",
    file,
    path: "",
    ...(line !== undefined ? { line } : {}),
    message: `YAML syntax: ${message}${more}`,
  };
}

/** The document as plain data, or a finding when alias expansion exceeds the bound. */
export function yamlToData(doc: Document, file: string): { data: unknown } | { finding: ConfigFinding } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return {
        finding: {
          severity: "error",
          file,
          path: "",
          message: `YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias expansions): refusing to expand it`,
        },
      };
    }
    throw e;
  }
}
