/**
 * A service's own identity IDs are values Azure invents when the data stack creates the identity: they are
 * committed into the service's spec after the data stack's first `pulumi up`, never invented here. Until then
 * the spec carries the all-zero GUID, the ServiceAccount's client ID matches no identity, and the pods cannot
 * get a token (no database, no Redis). This check says so plainly, with the command that reads the real IDs.
 */
import type { ConfigFinding, EnvironmentModel } from "@plugilo/model";
import { SERVICES } from "./index.ts";

const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

/** The command that prints the IDs (the data stack's `serviceIdentities` output: service -> clientId, objectId). */
export function serviceIdentitiesCommand(environment: string): string {
  return `pulumi stack output serviceIdentities --stack ${environment} --cwd stacks/data --json`;
}

export function identityPlaceholderWarnings(model: EnvironmentModel): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  for (const service of SERVICES) {
    const spec = service(model);
    const zeroClientId = spec.workloadIdentity?.clientId === ZERO_GUID;
    // With Entra ID the Redis user is the identity's object ID.
    const zeroObjectId = spec.config?.REDIS_USER === ZERO_GUID;
    if (!zeroClientId && !zeroObjectId) continue;
    const which = [zeroClientId ? "client ID" : "", zeroObjectId ? "object ID" : ""].filter(Boolean).join(" and ");
    findings.push({
      severity: "warning",
      file: `packages/gitops/src/services/${spec.name}.ts`,
      path: `IDENTITY_IDS.${model.name}`,
      message:
        `service ${spec.name} renders the all-zero placeholder as its identity's ${which} in ${model.name}: its pods cannot ` +
        `get a token for PostgreSQL and Redis until the real IDs are committed there. After the data stack's first ` +
        `deployment, read them with \`${serviceIdentitiesCommand(model.name)}\` and set IDENTITY_IDS.${model.name} to ` +
        `${spec.name}'s clientId and objectId, then render`,
    });
  }
  return findings;
}
