/**
 * Steps the service pipeline's test jobs share: the service's checkout, Node.js, its dependencies, and
 * the PostgreSQL and Redis server binaries its throwaway-server scripts start (GitHub-hosted Ubuntu).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import type { Toolchain } from "./infrastructure-workflow.ts";
import type { Step } from "./workflow-types.ts";

/** Where the service's package.json is (the repository root, or services/<name> in a monorepo). */
export const SERVICE_PATH = "${{ inputs.service-path }}";

export function serviceSetupSteps(toolchain: Toolchain, servers: boolean): Step[] {
  return [
    { name: "Check out", uses: uses("checkout"), with: { "persist-credentials": false } },
    { name: `Node.js ${toolchain.node}`, uses: uses("setupNode"), with: { "node-version": toolchain.node, cache: "npm" } },
    { name: "Install", run: "npm ci --no-audit --no-fund" },
    ...(servers
      ? [
          {
            name: "PostgreSQL and Redis server binaries (the tests start their own servers on loopback)",
            run: "sudo apt-get update && sudo apt-get install -y postgresql redis-server",
          },
        ]
      : []),
  ];
}
