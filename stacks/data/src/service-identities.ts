/**
 * Every service's identity of the environment, federated with the clusters whose stacks this one references.
 * Returns service -> client ID and object ID (the stack's `serviceIdentities` output).
 */
import { type EnvironmentModel, resolveServiceIdentities } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { PostgresServiceRole } from "./postgres-service-role.ts";
import { ServiceIdentity } from "./service-identity.ts";

/** The cluster stacks' project (stacks/cluster/Pulumi.yaml). */
const CLUSTER_PROJECT = "plugilo-cluster";
/**
 * The team's state lives in Azure Blob Storage (README): a DIY backend, whose stacks all belong to the
 * organization "organization". https://www.pulumi.com/docs/iac/concepts/state-and-backends/
 */
const ORGANIZATION = "organization";

export function serviceIdentities(
  model: EnvironmentModel,
  tags: Record<string, string>,
  redisDatabases: pulumi.Resource[],
  postgres: pulumi.Resource[],
  opts: pulumi.ComponentResourceOptions,
): Record<string, { clientId: pulumi.Output<string>; objectId: pulumi.Output<string> }> {
  const references = new Map<string, pulumi.StackReference>();
  const issuerOf = (stack: string) => {
    let ref = references.get(stack);
    if (!ref) {
      ref = new pulumi.StackReference(`${ORGANIZATION}/${CLUSTER_PROJECT}/${stack}`);
      references.set(stack, ref);
    }
    return ref.requireOutput("oidcIssuerUrl") as pulumi.Output<string>;
  };
  return Object.fromEntries(
    resolveServiceIdentities(model).map((identity) => {
      const s = new ServiceIdentity(`svc-${identity.service}`, { identity, tags, issuerOf, dependsOn: redisDatabases }, opts);
      const pg = model.data.postgresql;
      const admin = pg?.administrators.find((a) => a.principalType === "Group") ?? pg?.administrators[0];
      if (identity.postgres && pg) {
        if (!admin)
          throw new Error(`service ${identity.service}: the PostgreSQL server of ${model.name} has no Entra administrator`);
        new PostgresServiceRole(
          `svc-${identity.service}-pg`,
          { host: pg.primary.fqdn, adminUser: admin.principalName, ...identity.postgres, objectId: s.identity.principalId },
          { ...opts, dependsOn: postgres },
        );
      }
      return [identity.service, { clientId: s.identity.clientId, objectId: s.identity.principalId }];
    }),
  );
}
