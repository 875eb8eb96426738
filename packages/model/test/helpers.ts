/** Shared helpers of the model tests (not a test file itself: the runner only picks up *.test.ts). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, type ConfigFinding } from "../src/core/findings.ts";
import { ENVIRONMENTS_DIR, loadEnvironment } from "../src/core/load.ts";
import type { EnvironmentConfig } from "../src/core/schema.ts";

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** A fresh, mutable copy of a real environment's parsed configuration. */
export function configOf(env: EnvironmentName): EnvironmentConfig {
  return structuredClone(loadEnvironment(env).config);
}

/** The text of a real environment file. */
export function environmentText(env: EnvironmentName): string {
  return readFileSync(join(ENVIRONMENTS_DIR, `${env}.yaml`), "utf8");
}

/** Replace `from` by `to` in `text`, failing the test when `from` does not occur (a stale edit). */
export function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the text does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The findings of the ConfigError `run` throws; fails the test when it throws nothing or something else. */
export function findingsOf(run: () => unknown): readonly ConfigFinding[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.findings;
    throw error;
  }
  return assert.fail("expected a ConfigError, but nothing was thrown");
}

/** The one finding at `path`; fails with every finding listed when there is none. */
export function findingAt(findings: readonly ConfigFinding[], path: string): ConfigFinding {
  const found = findings.find((f) => f.path === path);
  assert.ok(found, `no finding at ${path}; got:\n${findings.map((f) => `  ${f.path}: ${f.message}`).join("\n")}`);
  return found;
}

/** 1-based number of the line of `text` that contains `needle` (the first such line, or the (nth+1)-th). */
export function lineContaining(text: string, needle: string, nth = 0): number {
  const numbers = text
    .split("\n")
    .map((line, index) => (line.includes(needle) ? index + 1 : 0))
    .filter((n) => n > 0);
  const line = numbers[nth];
  assert.ok(line !== undefined, `fewer than ${nth + 1} lines contain ${JSON.stringify(needle)}`);
  return line;
}
