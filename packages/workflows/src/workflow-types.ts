/** The small part of the GitHub Actions workflow syntax the generators write (checked by GitHub's parser in the tests). */
export type Step = {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
  shell?: string;
  "continue-on-error"?: boolean;
  "working-directory"?: string;
};

export type Job = {
  name: string;
  needs?: string[];
  if?: string;
  "runs-on": string;
  environment?: string | { name: string; url?: string; deployment?: boolean };
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  permissions?: Record<string, "read" | "write" | "none">;
  "timeout-minutes"?: number;
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  strategy?: { "fail-fast"?: boolean; "max-parallel"?: number; matrix: Record<string, unknown> };
  steps: Step[];
};

export type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, "read" | "write" | "none">;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};
