/**
 * The security, reliability and cost guardrails (BRIEF section 1): no-public-network-access,
 * tls-minimum-version, protect-stateful-in-production and no-premium-in-dev, each with a passing and a
 * violating fixture, and against the real plans of dev, staging and prod (each planned once, in before()).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlanResult, planEnvironment } from "@plugilo/plan";
import {
  evaluate,
  noPremiumInDev,
  noPublicNetworkAccess,
  type PlannedResource,
  type PolicyRule,
  protectStatefulInProduction,
  tlsMinimumVersion,
  tlsVersion,
} from "@plugilo/policy";

const dev = loadModel("dev");
const prod = loadModel("prod");

function resource(type: string, inputs: Record<string, unknown>, protect = false): PlannedResource {
  return { stack: "test", urn: `urn:pulumi:prod::test::${type}::r`, type, name: "r", parent: null, protect, inputs };
}
const generic = (namespace: string, type: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  resource("azure-native:resources:Resource", {
    apiVersion: "2025-01-01",
    resourceProviderNamespace: namespace,
    resourceType: type,
    parentResourcePath: "",
    properties,
    ...extra,
  });

const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
const planned = new Map<string, { model: EnvironmentModel; plan: PlanResult }>();
before(async () => {
  for (const env of ENVIRONMENTS) {
    const model = loadModel(env);
    planned.set(env, { model, plan: await planEnvironment(model) });
  }
});

/** No error finding of `rule` in any real plan. */
function cleanOnRealPlans(rule: PolicyRule) {
  it("finds no error in the real plans of dev, staging and prod", () => {
    for (const env of ENVIRONMENTS) {
      const { model, plan } = planned.get(env) as { model: EnvironmentModel; plan: PlanResult };
      const errors = evaluate(plan.resources, model, [rule]).filter((f) => f.severity === "error");
      assert.deepEqual(errors, [], env);
      assert.deepEqual(
        plan.findings.filter((f) => f.rule === rule.name && f.severity === "error"),
        [],
        `${env}: the plan applies ${rule.name}`,
      );
    }
  });
}

describe("no-public-network-access", () => {
  it("passes Disabled in every shape the stacks send: top level, Key Vault properties, PostgreSQL network, generic body", () => {
    for (const r of [
      resource("azure-native:containerregistry:Registry", { publicNetworkAccess: "Disabled" }),
      resource("azure-native:keyvault:Vault", { properties: { publicNetworkAccess: "Disabled" } }),
      resource("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Disabled" } }),
      resource("azure-native:apimanagement:ApiManagementService", { publicNetworkAccess: "Disabled" }),
      generic("Microsoft.Cache", "redisEnterprise", { publicNetworkAccess: "Disabled" }),
      // Absent: not judged.
      resource("azure-native:storage:StorageAccount", {}),
      // AVD has no Private Link here: public by design (ADR 0071).
      resource("azure-native:desktopvirtualization:HostPool", { publicNetworkAccess: "Enabled" }),
      generic("Microsoft.DesktopVirtualization", "workspaces", { publicNetworkAccess: "Enabled" }),
    ]) {
      assert.deepEqual(noPublicNetworkAccess.check(r, prod), [], r.type);
    }
  });

  it("fails Enabled, wherever it is, including API Management's final state and a generic resource's body", () => {
    const apim = noPublicNetworkAccess.check(
      resource("azure-native:apimanagement:ApiManagementService", { publicNetworkAccess: "Enabled" }),
      prod,
    );
    assert.match(apim[0] ?? "", /^publicNetworkAccess is Enabled: set it to Disabled/);
    const vault = noPublicNetworkAccess.check(
      resource("azure-native:keyvault:Vault", { properties: { publicNetworkAccess: "Enabled" } }),
      prod,
    );
    assert.match(vault[0] ?? "", /^properties\.publicNetworkAccess is Enabled/);
    const pg = noPublicNetworkAccess.check(
      resource("azure-native:dbforpostgresql:Server", { network: { publicNetworkAccess: "Enabled" } }),
      prod,
    );
    assert.match(pg[0] ?? "", /^network\.publicNetworkAccess is Enabled/);
    const body = noPublicNetworkAccess.check(
      generic("Microsoft.Storage", "storageAccounts", { publicNetworkAccess: "enabled" }),
      prod,
    );
    assert.match(body[0] ?? "", /^properties\.publicNetworkAccess is Enabled/);
  });

  it("ignores other providers", () => {
    assert.deepEqual(
      noPublicNetworkAccess.check(
        resource("kubernetes:helm.sh/v3:Release", { values: { publicNetworkAccess: "Enabled" } }),
        prod,
      ),
      [],
    );
  });

  cleanOnRealPlans(noPublicNetworkAccess);
});

describe("tls-minimum-version", () => {
  it("reads every Azure spelling of a TLS version", () => {
    for (const [text, version] of [
      ["1.2", 12],
      ["TLS1_2", 12],
      ["TLS12", 12],
      ["Tls12", 12],
      ["TLSv1_3", 13],
      ["TLSv1.2", 12],
      ["Tls", 10],
      ["TLS1_0", 10],
      ["Tls11", 11],
    ] as const) {
      assert.equal(tlsVersion(text), version, text);
    }
    assert.equal(tlsVersion("modern"), undefined);
  });

  it("passes TLS 1.2 and higher in each service's property, and an absent setting", () => {
    for (const r of [
      resource("azure-native:storage:StorageAccount", { minimumTlsVersion: "TLS1_2" }),
      resource("azure-native:redisenterprise:RedisEnterprise", { minimumTlsVersion: "1.2" }),
      resource("azure-native:cosmosdb:DatabaseAccount", { minimalTlsVersion: "Tls12" }),
      resource("azure-native:cdn:AFDCustomDomain", {
        tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS13" },
      }),
      resource("azure-native:network:ApplicationGateway", {
        sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
      }),
      resource("azure-native:network:ApplicationGateway", {
        sslPolicy: { policyType: "CustomV2", minProtocolVersion: "TLSv1_3" },
      }),
      resource("azure-native:dbforpostgresql:Configuration", { configurationName: "ssl_min_protocol_version", value: "TLSv1.2" }),
      resource("azure-native:apimanagement:ApiManagementService", {
        customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "false" },
      }),
      generic("Microsoft.Storage", "storageAccounts", { minimumTlsVersion: "TLS1_2" }),
      resource("azure-native:keyvault:Vault", {}),
    ]) {
      assert.deepEqual(tlsMinimumVersion.check(r, prod), [], JSON.stringify(r.inputs));
    }
  });

  it("fails anything below 1.2: property, predefined gateway policy, custom policy, server parameter, APIM protocol switch", () => {
    const cases: [PlannedResource, RegExp][] = [
      [resource("azure-native:storage:StorageAccount", { minimumTlsVersion: "TLS1_0" }), /^minimumTlsVersion is "TLS1_0"/],
      [resource("azure-native:cosmosdb:DatabaseAccount", { minimalTlsVersion: "Tls" }), /^minimalTlsVersion is "Tls"/],
      [
        resource("azure-native:redisenterprise:RedisEnterprise", { minimumTlsVersion: "1.1" }),
        /"1\.1": the minimum TLS version must be 1\.2/,
      ],
      [
        resource("azure-native:cdn:AFDCustomDomain", { tlsSettings: { minimumTlsVersion: "TLS10" } }),
        /^tlsSettings\.minimumTlsVersion/,
      ],
      [
        resource("azure-native:network:ApplicationGateway", {
          sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" },
        }),
        /^sslPolicy\.policyName is "AppGwSslPolicy20150501"/,
      ],
      [
        resource("azure-native:network:ApplicationGateway", {
          sslProfiles: [{ sslPolicy: { policyType: "Custom", minProtocolVersion: "TLSv1_1" } }],
        }),
        /^sslProfiles\[0\]\.sslPolicy\.minProtocolVersion/,
      ],
      [
        resource("azure-native:dbforpostgresql:Configuration", {
          configurationName: "ssl_min_protocol_version",
          value: "TLSv1.1",
        }),
        /ssl_min_protocol_version/,
      ],
      [
        resource("azure-native:apimanagement:ApiManagementService", {
          customProperties: { "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls11": "True" },
        }),
        /Backend\.Protocols\.Tls11 is "True": TLS 1\.0, 1\.1 and SSL 3\.0 must stay off/,
      ],
      [generic("Microsoft.Cache", "redisEnterprise", { minimumTlsVersion: "1.0" }), /^properties\.minimumTlsVersion/],
    ];
    for (const [r, pattern] of cases) {
      const messages = tlsMinimumVersion.check(r, prod);
      assert.equal(messages.length, 1, JSON.stringify(r.inputs));
      assert.match(messages[0] ?? "", pattern);
    }
  });

  cleanOnRealPlans(tlsMinimumVersion);
});

describe("protect-stateful-in-production", () => {
  it("passes protected stateful resources, unprotected stateless ones, and anything in dev (protectStateful off)", () => {
    assert.equal(prod.protectStateful, true);
    assert.equal(dev.protectStateful, false);
    for (const r of [
      resource("azure-native:dbforpostgresql:Server", {}, true),
      resource("azure-native:resources:ResourceGroup", {}, true),
      resource("ec:index/deployment:Deployment", {}, true),
      generic("Microsoft.KeyVault", "vaults", {}, {}),
    ].map((r, i) => (i === 3 ? { ...r, protect: true } : r))) {
      assert.deepEqual(protectStatefulInProduction.check(r, prod), [], r.type);
    }
    assert.deepEqual(protectStatefulInProduction.check(resource("azure-native:network:VirtualNetwork", {}), prod), []);
    assert.deepEqual(protectStatefulInProduction.check(resource("azure-native:cosmosdb:DatabaseAccount", {}), dev), []);
  });

  it("fails an unprotected stateful resource where the environment protects them, typed or generic", () => {
    for (const type of [
      "azure-native:cosmosdb:DatabaseAccount",
      "azure-native:redisenterprise:Database",
      "azure-native:keyvault:Vault",
      "azure-native:containerregistry:Registry",
      "azure-native:storage:StorageAccount",
      "azure-native:operationalinsights:Workspace",
      "azure-native:resources:ResourceGroup",
      "ec:index/deployment:Deployment",
    ]) {
      const messages = protectStatefulInProduction.check(resource(type, {}), prod);
      assert.match(messages[0] ?? "", /without protect: true in prod/, type);
    }
    const body = protectStatefulInProduction.check(generic("Microsoft.DBforPostgreSQL", "flexibleServers", {}), prod);
    assert.equal(body.length, 1);
  });

  cleanOnRealPlans(protectStatefulInProduction);
});

describe("no-premium-in-dev", () => {
  it("is a warning", () => {
    assert.equal(noPremiumInDev.severity, "warning");
  });

  it("passes dev's own SKUs, the design's required Premium SKUs, and production SKUs outside dev", () => {
    for (const r of [
      resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Free" } }),
      resource("azure-native:apimanagement:ApiManagementService", { sku: { name: "StandardV2", capacity: 1 } }),
      resource("azure-native:storage:StorageAccount", { sku: { name: "Standard_ZRS" } }),
      resource("azure-native:dbforpostgresql:Server", { sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" } }),
      // Required by the design in every environment.
      resource("azure-native:network:AzureFirewall", { sku: { name: "AZFW_VNet", tier: "Premium" } }),
      resource("azure-native:network:FirewallPolicy", { sku: { tier: "Premium" } }),
      resource("azure-native:cdn:Profile", { sku: { name: "Premium_AzureFrontDoor" } }),
      resource("azure-native:keyvault:Vault", { properties: { sku: { family: "A", name: "premium" } } }),
      resource("azure-native:containerregistry:Registry", { sku: { name: "Premium" } }),
    ]) {
      assert.deepEqual(noPremiumInDev.check(r, dev), [], r.type);
    }
    assert.deepEqual(
      noPremiumInDev.check(
        resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Standard" } }),
        prod,
      ),
      [],
    );
  });

  it("warns about production-sized SKUs in dev where a smaller one exists", () => {
    for (const [r, pattern] of [
      [
        resource("azure-native:containerservice:ManagedCluster", { sku: { name: "Base", tier: "Standard" } }),
        /AKS tier Standard in dev/,
      ],
      [
        resource("azure-native:apimanagement:ApiManagementService", { sku: { name: "PremiumV2", capacity: 1 } }),
        /API Management PremiumV2 in dev/,
      ],
      [resource("azure-native:storage:StorageAccount", { sku: { name: "Premium_ZRS" } }), /storage SKU Premium_ZRS in dev/],
      [
        resource("azure-native:dbforpostgresql:Server", { sku: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" } }),
        /MemoryOptimized compute in dev/,
      ],
    ] as const) {
      const findings = evaluate([r], dev, [noPremiumInDev]);
      assert.equal(findings.length, 1, r.type);
      assert.equal(findings[0]?.severity, "warning");
      assert.match(findings[0]?.message ?? "", pattern);
    }
  });

  cleanOnRealPlans(noPremiumInDev);
  it("warns about nothing in the real dev plan", () => {
    const { model, plan } = planned.get("dev") as { model: EnvironmentModel; plan: PlanResult };
    assert.deepEqual(evaluate(plan.resources, model, [noPremiumInDev]), []);
  });
});
