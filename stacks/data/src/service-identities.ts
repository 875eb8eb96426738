/**
 * Every service's identity of the environment, federated with the clusters whose stacks this one references.
 * Returns service -> client ID and object ID (the stack's `serviceIdentities` output).
 */
import type { PostgresModel, ServiceIdentityModel } from "@plugilo/model";
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

export interface ServiceIdentitiesArgs {
  /** The environment's name, for the error when PostgreSQL has no Entra administrator. */
  readonly environment: string;
  /** Every service's identity, as the model resolves them (resolveServiceIdentities). */
  readonly identities: readonly ServiceIdentityModel[];
  /** The PostgreSQL server whose roles the services with a database get; undefined when there is none. */
  readonly postgresql: Pick<PostgresModel, "administrators" | "primary"> | undefined;
  readonly tags: Record<string, string>;
  /** The Redis databases: the identities' access policy assignments need them. */
  readonly redisDatabases: pulumi.Resource[];
  /** The PostgreSQL servers: the roles are created on them. */
  readonly postgres: pulumi.Resource[];
}

export function serviceIdentities(
  args: ServiceIdentitiesArgs,
  opts: pulumi.ComponentResourceOptions,
): Record<string, { clientId: pulumi.Output<string>; objectId: pulumi.Output<string> }> {
  const { tags, redisDatabases, postgres } = args;
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
    args.identities.map((identity) => {
      const s = new ServiceIdentity(`svc-${identity.service}`, { identity, tags, issuerOf, dependsOn: redisDatabases }, opts);
      const pg = args.postgresql;
      const admin = pg?.administrators.find((a) => a.principalType === "Group") ?? pg?.administrators[0];
      if (identity.postgres && pg) {
        if (!admin)
          throw new Error(`service ${identity.service}: the PostgreSQL server of ${args.environment} has no Entra administrator`);
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
