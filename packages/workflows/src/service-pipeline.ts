/**
 * The golden path's pipeline additions to the service workflow: change detection (only a changed service
 * builds), migrations against a throwaway PostgreSQL, Playwright API and browser tests, the k6 smoke and
 * performance test, AI review on pull requests. Their inputs and secrets, and the gate that makes the
 * existing build and scan jobs wait for the change detection.
 */
import { aiReviewJob } from "./ai-review-job.ts";
import { CHANGES_JOB, changeDetectionJob, SERVICE_CHANGED } from "./change-detection-job.ts";
import { e2eJob } from "./e2e-job.ts";
import type { Toolchain } from "./infrastructure-workflow.ts";
import { k6Job } from "./k6-job.ts";
import { migrationCheckJob } from "./migration-check-job.ts";
import type { Job } from "./workflow-types.ts";

export const SERVICE_PIPELINE_INPUTS = {
  "service-path": {
    type: "string",
    default: ".",
    description: "The service's folder (its package.json): '.' for a repository of one service, services/<name> in a monorepo.",
  },
  "migration-check-script": {
    type: "string",
    default: "migrate:check",
    description: "npm script: the migrations against a throwaway PostgreSQL, twice.",
  },
  "e2e-script": { type: "string", default: "e2e", description: "npm script: the Playwright tests against the running service." },
  "serve-script": {
    type: "string",
    default: "serve:throwaway",
    description: "npm script: serves on throwaway servers and writes its URL to the file given as argument.",
  },
  "k6-script": { type: "string", default: "k6/smoke.js", description: "k6 script, relative to service-path." },
} as const;

export const SERVICE_PIPELINE_SECRETS = {
  ANTHROPIC_API_KEY: { required: false, description: "Anthropic API key for the AI review; without it the review is skipped." },
} as const;

/** The new jobs, and the existing ones (by name) gated on the change detection. */
export function addServicePipeline(jobs: Record<string, Job>, toolchain: Toolchain, gated: readonly string[]): void {
  const gate = { needs: [CHANGES_JOB], if: SERVICE_CHANGED };
  for (const name of gated) {
    const job = jobs[name];
    if (!job) throw new Error(`service pipeline: no job ${name} to gate`);
    job.needs = [CHANGES_JOB, ...(job.needs ?? [])];
    job.if = job.if ? `${SERVICE_CHANGED} && ${job.if}` : SERVICE_CHANGED;
  }
  Object.assign(jobs, {
    [CHANGES_JOB]: changeDetectionJob(),
    migrations: migrationCheckJob(toolchain, gate),
    e2e: e2eJob(toolchain, gate),
    k6: k6Job(toolchain, gate),
    "ai-review": aiReviewJob(),
  });
}
