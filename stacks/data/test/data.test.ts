/**
 * The data layer as the plan records it, for prod, staging and dev (each planned once, data and hub stacks
 * only): public access off, a private endpoint and its DNS registration for every data service, HA and
 * backup settings, the PostgreSQL replicas and their regions, the Cosmos DB locations, the Redis mode, the
 * Elastic Cloud deployment behind Private Link, the protect flags, the firewall's east-west rules; and the
 * validation of the Redis choice and of the PostgreSQL HA mode per region (accepted and rejected cases).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import {
  ConfigError,
  type ConfigFinding,
  cidrsWithout,
  containsAddress,
  type EnvironmentConfig,
  type EnvironmentModel,
  loadModel,
  overlaps,
  parseEnvironment,
  resolveConfig,
} from "@plugilo/model";
import { hasErrors, type PlanResult, planEnvironment } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

interface Planned {
  model: EnvironmentModel;
  plan: PlanResult;
}
const envs: Record<string, Planned> = {};

before(async () => {
  for (const env of ["prod", "staging", "dev"]) {
    const model = loadModel(env);
    envs[env] = { model, plan: await planEnvironment(model, { only: ["hub", "data"] }) };
  }
});

const get = (env: string) => envs[env] as Planned;
const of = (p: PlanResult, type: string) => p.resources.filter((r) => r.type === type && r.stack !== "hub");
const inHub = (p: PlanResult, type: string) => p.resources.filter((r) => r.type === type && r.stack === "hub");
const named = (p: PlanResult, type: string, name: string) => {
  const found = of(p, type).filter((r) => r.name === name);
  assert.equal(found.length, 1, `${type} ${name}: ${found.length} matches`);
  return found[0] as PlannedResource;
};
const AN = "azure-native:";

for (const env of ["prod", "staging", "dev"]) {
  describe(`data layer (${env})`, () => {
    it("plans the hub and data stacks with no error findings", () => {
      const { plan } = get(env);
      assert.equal(hasErrors(plan), false, JSON.stringify(plan.findings.filter((f) => f.severity === "error")));
    });

    it("gives every data service a private endpoint in a data private endpoint subnet, registered in the hub's zone", () => {
      const { model, plan } = get(env);
      const endpoints = of(plan, `${AN}network:PrivateEndpoint`).filter((r) => r.stack === "data");
      assert.equal(endpoints.length, model.data.privateEndpoints.length);
      const zoneGroups = of(plan, `${AN}network:PrivateDnsZoneGroup`);
      const hubZones = new Set(inHub(plan, `${AN}privatedns:PrivateZone`).map((z) => z.inputs.privateZoneName));
      for (const pe of model.data.privateEndpoints) {
        const r = named(plan, `${AN}network:PrivateEndpoint`, pe.name);
        const subnetId = (r.inputs.subnet as { id: string }).id;
        assert.equal(subnetId, pe.subnetId);
        const subnet = model.vnets.flatMap((v) => v.subnets).find((s) => s.id === subnetId);
        assert.equal(subnet?.kind, "dataPrivateEndpoints");
        assert.ok(hubZones.has(pe.privateDnsZone.name), `the hub has no zone ${pe.privateDnsZone.name}`);
        if (pe.dnsRegistration === "zoneGroup") {
          const group = zoneGroups.find((g) => g.inputs.privateEndpointName === pe.name);
          assert.ok(group, `${pe.name} has no DNS zone group`);
          const configs = group.inputs.privateDnsZoneConfigs as { privateDnsZoneId: string }[];
          assert.deepEqual(
            configs.map((c) => c.privateDnsZoneId),
            [pe.privateDnsZone.id],
          );
          const connections = r.inputs.privateLinkServiceConnections as { groupIds: string[] }[];
          assert.deepEqual(connections[0]?.groupIds, [pe.groupId]);
        }
      }
    });

    it("turns public network access off on every data service and shared keys off on storage", () => {
      const { plan } = get(env);
      for (const server of of(plan, `${AN}dbforpostgresql:Server`)) {
        assert.equal((server.inputs.network as { publicNetworkAccess: string }).publicNetworkAccess, "Disabled", server.name);
      }
      for (const type of ["cosmosdb:DatabaseAccount", "redisenterprise:RedisEnterprise", "storage:StorageAccount"]) {
        for (const r of of(plan, `${AN}${type}`)) assert.equal(r.inputs.publicNetworkAccess, "Disabled", r.name);
      }
      const storage = of(plan, `${AN}storage:StorageAccount`);
      assert.equal(storage.length, 1);
      assert.equal(storage[0]?.inputs.allowSharedKeyAccess, false);
      assert.equal(storage[0]?.inputs.allowBlobPublicAccess, false);
      const blob = of(plan, `${AN}storage:BlobServiceProperties`)[0];
      assert.equal(blob?.inputs.isVersioningEnabled, true);
      assert.ok(blob);
      assert.equal((blob.inputs.deleteRetentionPolicy as { enabled: boolean }).enabled, true);
      assert.equal((blob.inputs.containerDeleteRetentionPolicy as { enabled: boolean }).enabled, true);
    });

    it("protects every stateful resource in staging and prod, and none in dev", () => {
      const { model, plan } = get(env);
      assert.equal(model.data.protect, env !== "dev");
      const stateful = [
        "dbforpostgresql:Server",
        "dbforpostgresql:Database",
        "cosmosdb:DatabaseAccount",
        "cosmosdb:MongoDBResourceMongoDBDatabase",
        "cosmosdb:MongoDBResourceMongoDBCollection",
        "redisenterprise:RedisEnterprise",
        "redisenterprise:Database",
        "storage:StorageAccount",
        "storage:BlobContainer",
      ].flatMap((t) => of(plan, `${AN}${t}`));
      const elastic = of(plan, "ec:index/deployment:Deployment");
      assert.ok(stateful.length >= (env === "dev" ? 3 : 15), `${stateful.length} stateful resources`);
      for (const r of [...stateful, ...elastic]) assert.equal(r.protect, env !== "dev", `${r.type} ${r.name}`);
    });

    it("opens the data ports from the clusters' node subnets to the data private endpoint subnets in both firewalls, SNATed", () => {
      const { model, plan } = get(env);
      const groups = inHub(plan, `${AN}network:FirewallPolicyRuleCollectionGroup`).filter(
        (g) => g.inputs.ruleCollectionGroupName === "rcg-data-access",
      );
      assert.equal(groups.length, model.hubs.length);
      const nodes = model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "aksNodes").map((s) => s.cidr));
      const peSubnets = model.vnets.flatMap((v) => v.subnets.filter((s) => s.kind === "dataPrivateEndpoints").map((s) => s.cidr));
      // Managed Redis with the OSS clustering policy: 10000 and the shard ports 8500-8599 (learn.microsoft.com/azure/redis/architecture).
      const expectedPorts = env === "dev" ? ["443"] : ["5432", "6432", "10255", "10000", "8500-8599", "443", "9243"];
      for (const group of groups) {
        const rules = (group.inputs.ruleCollections as { rules: Record<string, string[]>[] }[]).flatMap((c) => c.rules);
        assert.deepEqual(rules.flatMap((r) => r.destinationPorts).sort(), [...expectedPorts].sort());
        for (const rule of rules) {
          assert.deepEqual(rule.sourceAddresses, nodes);
          assert.deepEqual(rule.destinationAddresses, peSubnets);
          assert.deepEqual(rule.ipProtocols, ["TCP"]);
        }
      }
      // Each firewall SNATs traffic to its region's data private endpoints (return traffic ignores UDRs).
      for (const hub of model.hubs) {
        const policy = inHub(plan, `${AN}network:FirewallPolicy`).find(
          (p) => p.inputs.firewallPolicyName === hub.firewallPolicyName,
        );
        assert.ok(policy);
        const privateRanges = (policy.inputs.snat as { privateRanges: string[] }).privateRanges;
        const own = model.vnets
          .find((v) => v.kind === "data" && v.region === hub.region)
          ?.subnets.find((s) => s.kind === "dataPrivateEndpoints");
        assert.ok(own);
        assert.ok(!privateRanges.some((r) => overlaps(r, own.cidr)), `${hub.region} does not SNAT to ${own.cidr}`);
        const clusterNodes = nodes[0] as string;
        assert.ok(privateRanges.some((r) => containsAddress(r, clusterNodes.split("/")[0] as string)));
      }
    });
  });
}

describe("PostgreSQL Flexible Server", () => {
  it("prod: version 17, zone-redundant HA with the standby in another zone, geo-redundant backup of 35 days", () => {
    const { model, plan } = get("prod");
    const pg = model.data.postgresql;
    assert.ok(pg);
    const primary = named(plan, `${AN}dbforpostgresql:Server`, pg.primary.name);
    assert.equal(primary.inputs.version, "17");
    assert.equal(primary.inputs.location, "germanywestcentral");
    assert.deepEqual(primary.inputs.highAvailability, { mode: "ZoneRedundant", standbyAvailabilityZone: "2" });
    assert.equal(primary.inputs.availabilityZone, "1");
    assert.deepEqual(primary.inputs.backup, { backupRetentionDays: 35, geoRedundantBackup: "Enabled" });
  });

  it("prod: Microsoft Entra ID only, with the configured administrator group", () => {
    const { model, plan } = get("prod");
    const pg = model.data.postgresql;
    assert.ok(pg);
    const primary = named(plan, `${AN}dbforpostgresql:Server`, pg.primary.name);
    assert.deepEqual(primary.inputs.authConfig, {
      activeDirectoryAuth: "Enabled",
      passwordAuth: "Disabled",
      tenantId: model.tenantId,
    });
    assert.equal(primary.inputs.administratorLoginPassword, undefined);
    const admins = of(plan, `${AN}dbforpostgresql:AdministratorsMicrosoftEntra`);
    assert.deepEqual(
      admins.map((a) => [a.inputs.principalName, a.inputs.principalType]),
      [["pg-admins-prod", "Group"]],
    );
  });

  it("prod: a read replica in the same region (third zone) and one in germanynorth, both replicating the primary", () => {
    const { model, plan } = get("prod");
    const pg = model.data.postgresql;
    assert.ok(pg);
    const replicas = of(plan, `${AN}dbforpostgresql:Server`).filter((s) => s.inputs.createMode === "Replica");
    assert.deepEqual(replicas.map((r) => r.inputs.location).sort(), ["germanynorth", "germanywestcentral"]);
    for (const r of replicas) assert.equal(r.inputs.sourceServerResourceId, pg.primary.id);
    const same = replicas.find((r) => r.inputs.location === "germanywestcentral");
    assert.equal(same?.inputs.availabilityZone, "3");
    // Germany North has no zones: nothing there may ask for one (the SDK sends "" for "no preference").
    const north = replicas.find((r) => r.inputs.location === "germanynorth");
    assert.ok(!north?.inputs.availabilityZone);
    assert.equal(north?.inputs.highAvailability, undefined);
    assert.equal(pg.failoverHighAvailabilityMode, "SameZone");
  });

  it("prod: the virtual endpoints name the germanynorth replica, so the writer follows a promotion", () => {
    const { model, plan } = get("prod");
    const pg = model.data.postgresql;
    assert.ok(pg?.virtualEndpoint);
    const ve = named(plan, `${AN}dbforpostgresql:VirtualEndpoint`, pg.virtualEndpoint.name);
    assert.equal(ve.inputs.endpointType, "ReadWrite");
    const geo = pg.replicas.find((r) => r.region === "germanynorth");
    assert.deepEqual(ve.inputs.members, [geo?.name]);
    assert.equal(model.data.pgbouncer?.host, pg.virtualEndpoint.writerHost);
  });

  it("prod: server parameters (connection limit, pg_stat_statements) and one database per service", () => {
    const { model, plan } = get("prod");
    const params = Object.fromEntries(
      of(plan, `${AN}dbforpostgresql:Configuration`).map((c) => [c.inputs.configurationName, c.inputs.value]),
    );
    assert.equal(params.max_connections, "1000");
    assert.match(String(params["azure.extensions"]), /PG_STAT_STATEMENTS/);
    assert.equal(params["pg_stat_statements.track"], "all");
    assert.deepEqual(
      of(plan, `${AN}dbforpostgresql:Database`).map((d) => d.inputs.databaseName),
      model.config.data.postgresql.databases,
    );
  });

  it("staging: same-zone HA (the standby beside the primary) and only the germanynorth replica", () => {
    const { plan } = get("staging");
    const servers = of(plan, `${AN}dbforpostgresql:Server`);
    const primary = servers.find((s) => s.inputs.createMode === "Create");
    assert.deepEqual(primary?.inputs.highAvailability, { mode: "SameZone", standbyAvailabilityZone: "1" });
    assert.deepEqual(
      servers.filter((s) => s.inputs.createMode === "Replica").map((s) => s.inputs.location),
      ["germanynorth"],
    );
  });

  it("has a diagnostic setting on every server", () => {
    const { plan } = get("prod");
    const settings = of(plan, `${AN}monitor:DiagnosticSetting`).map((d) => String(d.inputs.resourceUri));
    for (const server of of(plan, `${AN}dbforpostgresql:Server`)) {
      assert.ok(
        settings.some((uri) => uri.endsWith(`/flexibleServers/${server.inputs.serverName}`)),
        server.name,
      );
    }
  });
});

describe("Cosmos DB for MongoDB", () => {
  it("germanywestcentral priority 0 zone-redundant, germanynorth priority 1 without zones; bounded staleness 300 s; service-managed failover", () => {
    const { model, plan } = get("prod");
    const account = of(plan, `${AN}cosmosdb:DatabaseAccount`)[0];
    assert.ok(account);
    assert.deepEqual(account.inputs.locations, [
      { locationName: "germanywestcentral", failoverPriority: 0, isZoneRedundant: true },
      { locationName: "germanynorth", failoverPriority: 1, isZoneRedundant: false },
    ]);
    // Bounded Staleness with T = 300 s and the multi-region minimum K = 100,000 (learn.microsoft.com/azure/cosmos-db/consistency-levels).
    assert.deepEqual(account.inputs.consistencyPolicy, {
      defaultConsistencyLevel: "BoundedStaleness",
      maxIntervalInSeconds: 300,
      maxStalenessPrefix: 100000,
    });
    assert.equal(account.inputs.enableAutomaticFailover, true);
    assert.equal(account.inputs.enableMultipleWriteLocations, false);
    assert.equal(account.inputs.kind, "MongoDB");
    assert.match(model.data.cosmos?.failoverCommand ?? "", /failover-priority-change .* germanynorth=0 germanywestcentral=1$/);
    assert.match(
      model.data.cosmos?.outageFailoverCommand ?? "",
      /\/offlineRegion\?api-version=.* --body '\{"region":"Germany West Central"\}'$/,
    );
  });

  it("continuous backup (point-in-time restore); a private endpoint in each region", () => {
    const { model, plan } = get("prod");
    const account = of(plan, `${AN}cosmosdb:DatabaseAccount`)[0];
    assert.deepEqual(account?.inputs.backupPolicy, {
      type: "Continuous",
      continuousModeProperties: { tier: "Continuous30Days" },
    });
    assert.deepEqual(
      model.data.cosmos?.privateEndpoints.map((p) => p.region),
      ["germanywestcentral", "germanynorth"],
    );
  });

  it("collections from the configuration: hashed shard key user_id or tenant_id, autoscale maximum throughput", () => {
    const { model, plan } = get("prod");
    const collections = of(plan, `${AN}cosmosdb:MongoDBResourceMongoDBCollection`);
    const configured = model.config.data.cosmos.databases.flatMap((d) => d.collections);
    assert.equal(collections.length, configured.length);
    for (const c of configured) {
      const r = collections.find((x) => x.inputs.collectionName === c.name);
      assert.ok(r, c.name);
      assert.deepEqual((r.inputs.resource as { shardKey: Record<string, string> }).shardKey, { [c.shardKey]: "Hash" });
      assert.ok(["user_id", "tenant_id"].includes(c.shardKey));
      assert.deepEqual(r.inputs.options, { autoscaleSettings: { maxThroughput: c.maxThroughput } });
    }
  });
});

describe("Azure Managed Redis", () => {
  it("prod: active geo-replication, a cache in each region in one group, no persistence, HA, TLS only", () => {
    const { model, plan } = get("prod");
    const redis = model.data.redis;
    assert.equal(redis?.mode, "active-geo-replication");
    const clusters = of(plan, `${AN}redisenterprise:RedisEnterprise`);
    assert.deepEqual(
      clusters.map((c) => c.inputs.location),
      ["germanywestcentral", "germanynorth"],
    );
    for (const c of clusters) {
      assert.equal(c.inputs.highAvailability, "Enabled");
      assert.equal(c.inputs.minimumTlsVersion, "1.2");
      // Azure rejects explicit zones for these SKUs; HA in a zoned region is zone-redundant by itself.
      assert.equal(c.inputs.zones, undefined);
    }
    assert.deepEqual(
      redis?.caches.map((c) => c.zoneRedundant),
      [true, false],
    );
    const databases = of(plan, `${AN}redisenterprise:Database`);
    const ids = redis?.caches.map((c) => ({ id: c.databaseId }));
    for (const db of databases) {
      assert.equal(db.inputs.clientProtocol, "Encrypted");
      assert.equal(db.inputs.clusteringPolicy, "OSSCluster");
      assert.equal(db.inputs.persistence, undefined);
      assert.deepEqual(db.inputs.geoReplication, { groupNickname: redis?.geoReplicationGroup, linkedDatabases: ids });
    }
  });

  it("staging: persistence (AOF every second) on a single cache, no geo-replication", () => {
    const { model, plan } = get("staging");
    assert.equal(model.data.redis?.mode, "persistence");
    const databases = of(plan, `${AN}redisenterprise:Database`);
    assert.equal(databases.length, 1);
    assert.deepEqual(databases[0]?.inputs.persistence, { aofEnabled: true, aofFrequency: "1s", rdbEnabled: false });
    assert.equal(databases[0]?.inputs.geoReplication, undefined);
  });
});

describe("Elastic Cloud", () => {
  it("an autoscaling deployment in azure-germanywestcentral, admitting only its Azure private endpoint", () => {
    const { model, plan } = get("prod");
    const e = model.data.elastic;
    assert.ok(e);
    const deployments = plan.resources.filter((r) => r.type === "ec:index/deployment:Deployment");
    assert.equal(deployments.length, 1);
    const d = deployments[0] as PlannedResource;
    assert.equal(d.inputs.region, "azure-germanywestcentral");
    const es = d.inputs.elasticsearch as { autoscale: boolean; hot: { autoscaling: { maxSize: string } }; warm: unknown };
    assert.equal(es.autoscale, true);
    assert.equal(es.hot.autoscaling.maxSize, "128g");
    assert.ok(es.warm);
    const filter = plan.resources.find((r) => r.type === "ec:index/deploymentTrafficFilter:DeploymentTrafficFilter");
    assert.ok(filter);
    assert.equal(filter.inputs.type, "azure_private_endpoint");
    const rules = filter.inputs.rules as { azureEndpointName: string; azureEndpointGuid: string }[];
    assert.equal(rules[0]?.azureEndpointName, e.privateEndpoint.name);
    assert.match(rules[0]?.azureEndpointGuid ?? "", /^[0-9a-f-]{36}$/);
    assert.equal((d.inputs.trafficFilters as string[]).length, 1);
    // Both ec resources go through one explicit provider, pinned.
    const provider = plan.resources.find((r) => r.type === "pulumi:providers:ec");
    assert.ok(provider);
    assert.equal(d.provider, provider.urn);
  });

  it("the private endpoint asks Elastic's service by alias; the * record of Elastic's zone points at its address", () => {
    const { model, plan } = get("prod");
    const e = model.data.elastic;
    assert.ok(e);
    const pe = named(plan, `${AN}network:PrivateEndpoint`, e.privateEndpoint.name);
    const manual = pe.inputs.manualPrivateLinkServiceConnections as { privateLinkServiceId: string }[];
    assert.match(manual[0]?.privateLinkServiceId ?? "", /\.germanywestcentral\.azure\.privatelinkservice$/);
    const record = of(plan, `${AN}privatedns:PrivateRecordSet`)[0];
    assert.equal(record?.inputs.privateZoneName, "privatelink.germanywestcentral.azure.elastic-cloud.com");
    assert.equal(record?.inputs.relativeRecordSetName, "*");
    assert.ok(record);
    const ip = (record.inputs.aRecords as { ipv4Address: string }[])[0]?.ipv4Address ?? "";
    assert.ok(containsAddress(e.privateEndpoint.subnetCidr, ip), ip);
    // The record lives in the hub's zone, so it is written with the Hub subscription's provider.
    const provider = plan.resources.find((r) => r.urn === record?.provider);
    assert.equal(provider?.inputs.subscriptionId, model.subscriptions.hub);
  });

  it("writes the Private Link URL and the credentials Elastic generates into the environment's Key Vault, as secrets", () => {
    const { model, plan } = get("prod");
    const e = model.data.elastic;
    assert.ok(e);
    const secrets = of(plan, `${AN}keyvault:Secret`);
    assert.deepEqual(secrets.map((s) => s.inputs.secretName).sort(), Object.values(e.keyVaultSecrets).sort());
    for (const secret of secrets) {
      assert.equal(secret.inputs.vaultName, model.keyVault.name);
      assert.equal(secret.inputs.resourceGroupName, model.keyVault.resourceGroup);
      assert.equal(secret.inputs.properties, "[secret]", "the value is a secret in the state and the plan");
      assert.ok((secret.inputs.tags as Record<string, string>).environment, "tagged");
      // A management-plane write, with the provider of the Key Vault's subscription.
      const provider = plan.resources.find((r) => r.urn === secret.provider);
      assert.equal(provider?.inputs.subscriptionId, model.keyVault.subscriptionId);
    }
    // The URL is https://<alias>.es.<Elastic's Private Link zone>, what the ILM job calls from the clusters.
    const endpoint = (plan.outputs.data?.elastic as { endpoint?: string } | undefined)?.endpoint ?? "";
    assert.match(
      endpoint,
      /^https:\/\/es-plugilo-data-prod-[0-9a-f]{6}\.es\.privatelink\.germanywestcentral\.azure\.elastic-cloud\.com$/,
    );
    assert.deepEqual(model.data.elasticIlm?.target, {
      kind: "elastic-cloud",
      deploymentName: e.deploymentName,
      keyVaultSecrets: e.keyVaultSecrets,
    });
  });

  it("dev writes no Elastic secrets (ECK keeps its own)", () => {
    assert.equal(of(get("dev").plan, `${AN}keyvault:Secret`).length, 0);
  });

  it("keeps the index lifecycle policies (hot -> warm -> delete) as code", () => {
    const { model } = get("prod");
    const logs = model.data.elastic?.ilmPolicies.find((p) => p.name === "logs");
    assert.ok(logs);
    const phases = (logs.policy.policy as { phases: Record<string, { min_age: string }> }).phases;
    assert.deepEqual(Object.keys(phases), ["hot", "warm", "delete"]);
    assert.equal(phases.warm?.min_age, "7d");
    assert.equal(phases.delete?.min_age, "30d");
  });
});

describe("dev: no managed databases, operators in the clusters", () => {
  it("creates no managed database in Azure, only the storage account", () => {
    const { plan } = get("dev");
    for (const type of ["dbforpostgresql:Server", "cosmosdb:DatabaseAccount", "redisenterprise:RedisEnterprise"]) {
      assert.equal(of(plan, `${AN}${type}`).length, 0, type);
    }
    assert.equal(plan.resources.filter((r) => r.type.startsWith("ec:")).length, 0);
    assert.equal(of(plan, `${AN}storage:StorageAccount`).length, 1);
  });

  it("declares CloudNativePG, MCK, the OT-Container-Kit redis-operator and ECK with an instance in every cluster", () => {
    const { model } = get("dev");
    const inCluster = model.data.inCluster;
    assert.ok(inCluster);
    assert.deepEqual(
      inCluster.operators.map((o) => [o.engine, o.helm.chart]),
      [
        ["postgresql", "cloudnative-pg"],
        ["mongodb", "mongodb-kubernetes"],
        ["redis", "redis-operator"],
        ["elasticsearch", "eck-operator"],
      ],
    );
    for (const o of inCluster.operators) assert.match(o.adr, /^docs\/adr\/004\d-/);
    for (const i of inCluster.instances)
      assert.deepEqual(
        i.clusters,
        model.clusters.map((c) => c.name),
      );
    assert.equal(model.data.pgbouncer, undefined);
  });

  it("dev declares where the ILM policies go: each cluster's ECK instance", () => {
    const { model } = get("dev");
    const ilm = model.data.elasticIlm;
    assert.ok(ilm && ilm.target.kind === "eck");
    assert.equal(ilm.target.instance, "elasticsearch");
    assert.deepEqual(
      ilm.clusters,
      model.clusters.map((c) => c.name),
    );
  });
});

describe("PgBouncer: the server's built-in one (docs/adr/0060)", () => {
  for (const env of ["staging", "prod"]) {
    it(`${env}: services connect to port 6432 of the writer endpoint with their own Entra token; nothing on AKS`, () => {
      const { model } = get(env);
      const b = model.data.pgbouncer;
      const pg = model.data.postgresql;
      assert.ok(b && pg);
      assert.equal(b.kind, "built-in");
      assert.equal(b.host, pg.virtualEndpoint?.writerHost ?? pg.primary.fqdn);
      assert.equal(b.port, 6432);
      assert.equal(b.sslMode, "verify-full");
      assert.equal(b.auth, "entra-id-per-service");
      assert.equal(pg.auth.password, false, "no password anywhere: Entra ID only");
      assert.deepEqual(b.databases, pg.databases);
      assert.deepEqual(
        b.clientConfig.clusters,
        model.clusters.map((c) => c.name),
      );
      assert.ok(!("image" in b) && !("replicas" in b), "no PgBouncer deployment on AKS");
      // The firewall already opens 6432 from every cluster to the data private endpoints.
      const rule = model.data.accessRules.find((r) => r.name === "clusters-to-postgresql");
      assert.ok(rule?.destinationPorts.includes("6432"));
    });

    it(`${env}: pgbouncer.enabled and its sizes on the primary and on every replica (a promoted replica pools too)`, () => {
      const { model, plan } = get(env);
      const pg = model.data.postgresql;
      const b = model.data.pgbouncer;
      assert.ok(pg && b);
      assert.deepEqual(b.serverParameters, {
        "pgbouncer.enabled": "true",
        "pgbouncer.pool_mode": model.config.data.postgresql.pgbouncer.poolMode,
        "pgbouncer.default_pool_size": String(model.config.data.postgresql.pgbouncer.defaultPoolSize),
        "pgbouncer.max_client_conn": String(model.config.data.postgresql.pgbouncer.maxClientConnections),
        "pgbouncer.ignore_startup_parameters": "extra_float_digits",
      });
      const configs: PlannedResource[] = of(plan, `${AN}dbforpostgresql:Configuration`);
      const expected: [string, string][] = Object.entries(b.serverParameters);
      const servers: string[] = [pg.primary, ...pg.replicas].map((x) => x.name);
      for (const server of servers) {
        for (const [parameter, value] of expected) {
          const c = configs.find((x: PlannedResource) => x.name === `${server}-${parameter}`);
          assert.equal(c?.inputs.serverName, server, `${server} ${parameter}`);
          assert.equal(c?.inputs.configurationName, parameter);
          assert.equal(c?.inputs.value, value);
        }
      }
      assert.equal(configs.find((c) => c.name === `${pg.primary.name}-require_secure_transport`)?.inputs.value, "on");
    });
  }
});

describe("validation", () => {
  const prodText = readFileSync(new URL("../../../environments/prod.yaml", import.meta.url), "utf8");
  const withData = (mutate: (c: EnvironmentConfig) => void): ConfigFinding[] => {
    const config = parseEnvironment(prodText, "prod.yaml");
    mutate(config);
    try {
      resolveConfig(config, "prod.yaml");
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return [...e.findings];
      throw e;
    }
  };
  const paths = (f: ConfigFinding[]) => f.filter((x) => x.severity === "error").map((x) => x.path);

  it("accepts geo-replication alone and persistence alone", () => {
    assert.deepEqual(paths(withData(() => {})), []);
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.redis.geoReplication = false;
          c.data.redis.persistence = { aof: false, aofFrequency: "1s", rdb: true, rdbFrequency: "1h" };
        }),
      ),
      [],
    );
  });

  it("rejects active geo-replication with persistence, naming the field", () => {
    const findings = withData((c) => {
      c.data.redis.persistence = { aof: true, aofFrequency: "1s", rdb: false, rdbFrequency: "6h" };
    });
    assert.deepEqual(paths(findings), ["data.redis.persistence"]);
    assert.match(findings[0]?.message ?? "", /geoReplication/);
  });

  it("rejects geo-replication without HA or on Balanced_B1, and AOF with RDB", () => {
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.redis.highAvailability = false;
        }),
      ),
      ["data.redis.highAvailability"],
    );
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.redis.sku = "Balanced_B1";
        }),
      ),
      ["data.redis.sku"],
    );
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.redis.geoReplication = false;
          c.data.redis.persistence = { aof: true, aofFrequency: "1s", rdb: true, rdbFrequency: "6h" };
        }),
      ),
      ["data.redis.persistence.rdb"],
    );
  });

  it("PostgreSQL HA per region: ZoneRedundant and SameZone in germanywestcentral; only SameZone in germanynorth", () => {
    const inRegion = (primary: "germanywestcentral" | "germanynorth", haMode: "ZoneRedundant" | "SameZone" | "Disabled") =>
      paths(
        withData((c) => {
          c.regions =
            primary === "germanynorth" ? { primary, secondary: "germanywestcentral" } : { primary, secondary: "germanynorth" };
          c.data.postgresql.haMode = haMode;
        }),
      ).filter((p) => p.startsWith("data."));
    assert.deepEqual(inRegion("germanywestcentral", "ZoneRedundant"), []);
    assert.deepEqual(inRegion("germanywestcentral", "SameZone"), []);
    assert.deepEqual(inRegion("germanynorth", "SameZone"), []);
    assert.deepEqual(inRegion("germanynorth", "Disabled"), []);
    assert.deepEqual(inRegion("germanynorth", "ZoneRedundant"), ["data.postgresql.haMode"]);
  });

  it("rejects HA on Burstable and password authentication off without an Entra administrator", () => {
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.postgresql.sku = { name: "Standard_B2s", tier: "Burstable" };
        }),
      ),
      ["data.postgresql.sku.tier"],
    );
    assert.deepEqual(
      paths(
        withData((c) => {
          c.data.postgresql.administrators = [];
        }),
      ),
      ["data.postgresql.administrators"],
    );
  });

  it("rejects Burstable without HA or replicas too: it has no built-in PgBouncer, the services' pooler", () => {
    const findings = withData((c) => {
      c.data.postgresql.sku = { name: "Standard_B2s", tier: "Burstable" };
      c.data.postgresql.haMode = "Disabled";
      c.data.postgresql.readReplicas = { sameRegion: false, secondaryRegion: false };
    });
    assert.deepEqual(paths(findings), ["data.postgresql.sku.tier"]);
    assert.match(findings[0]?.message ?? "", /built-in PgBouncer/);
  });

  it("rejects two ILM policies with one name, in every mode", () => {
    const findings = withData((c) => {
      c.data.mode = "in-cluster";
      const [first] = c.data.elastic.ilmPolicies;
      assert.ok(first);
      c.data.elastic.ilmPolicies = [first, { ...first, warmAfter: "2d" }];
    });
    assert.ok(paths(findings).includes("data.elastic.ilmPolicies[1].name"), JSON.stringify(findings));
  });

  it("cuts holes out of ranges as aligned CIDRs", () => {
    assert.deepEqual(cidrsWithout(["10.0.0.0/24"], ["10.0.0.0/26"]), ["10.0.0.64/26", "10.0.0.128/25"]);
    assert.deepEqual(cidrsWithout(["10.0.0.0/24"], ["10.1.0.0/24"]), ["10.0.0.0/24"]);
    assert.deepEqual(cidrsWithout(["10.0.0.0/24"], ["10.0.0.0/16"]), []);
  });
});
