/**
 * Turns the schema's issues into findings a person can act on: a missing field says "is required" at its
 * parent's line, an unknown key names itself, a number out of range says whose limit it is.
 */
import type { z } from "zod";
import { formatPath } from "./findings.ts";
import { limitSourceOf } from "./limit-sources.ts";

export interface SchemaProblem {
  /** The field the problem is about. */
  path: PropertyKey[];
  /** The field whose line the finding points at: the parent for a missing field. */
  linePath: PropertyKey[] | undefined;
  message: string;
  source?: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}

export function schemaProblems(issue: z.core.$ZodIssue, raw: unknown): SchemaProblem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...path, key], linePath: [...path, key], message: `unknown field "${key}"` }));
  }
  if (issue.code === "invalid_type" && path.length > 0 && !valueAt(raw, path).found) {
    // The field is absent: its parent's line is where it belongs; a top-level field has no such line.
    const parent = path.slice(0, -1);
    return [{ path, linePath: parent.length ? parent : undefined, message: `is required (${issue.expected})` }];
  }
  if (issue.code === "too_big" || issue.code === "too_small") {
    const limit = limitSourceOf(formatPath(path));
    const custom = !/^Too (big|small)/.test(issue.message);
    if (!limit && custom && issue.message.startsWith("must ")) return [{ path, linePath: path, message: issue.message }];
    const reason = limit?.reason ?? (custom ? issue.message : "plugilo's own bound (packages/model/src/<layer>/schema.ts)");
    const message = `${boundOf(issue)}: ${reason}`;
    return [{ path, linePath: path, message, ...(limit?.source ? { source: limit.source } : {}) }];
  }
  return [{ path, linePath: path, message: issue.message }];
}

function boundOf(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === "too_big";
  const limit = big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum;
  const inclusive = issue.inclusive !== false;
  const word = big ? (inclusive ? "at most" : "less than") : inclusive ? "at least" : "more than";
  const unit = issue.origin === "array" ? " entries" : issue.origin === "string" ? " characters" : "";
  return `must be ${word} ${String(limit)}${unit}`;
}
