/** tls-minimum-version: passing and violating fixtures (the real plans: ../real-plans.test.ts). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { type PlannedResource, tlsMinimumVersion, tlsVersion } from "@plugilo/policy";
import { genericResource, plannedResource } from "./helpers.ts";

const prod = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>, protect = false) =>
  plannedResource("prod", type, inputs, { protect });
const generic = (namespace: string, type: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  genericResource("prod", namespace, type, properties, extra);

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
});
