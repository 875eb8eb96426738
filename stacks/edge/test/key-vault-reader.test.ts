/**
 * The secret name an edge identity is given a role on, from the secret URI its service reads; and the
 * KeyVaultReader and CustomDomainRecords components planned alone with args built by hand: the reader gets
 * "Key Vault Secrets User" (4633458b-17de-408a-b874-0445c86b69e6) on each secret it reads and on nothing else,
 * defined in the vault's subscription (https://learn.microsoft.com/azure/key-vault/general/rbac-guide); each
 * Front Door custom domain gets its `_dnsauth` TXT record with the token and a CNAME to the endpoint
 * (https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planComponent } from "@plugilo/testing";
import { CustomDomainRecords } from "../src/custom-domain-records.ts";
import { KeyVaultReader, secretNameOf } from "../src/key-vault-reader.ts";

describe("secretNameOf", () => {
  const vault = "https://kv-plugilo-prod.vault.azure.net/";
  it("takes the name of a versionless or versioned secret URI", () => {
    assert.equal(secretNameOf("https://kv-plugilo-prod.vault.azure.net/secrets/edge-tls", vault), "edge-tls");
    assert.equal(
      secretNameOf("https://kv-plugilo-prod.vault.azure.net/secrets/edge-tls/0123456789abcdef0123456789abcdef", vault),
      "edge-tls",
    );
  });
  it("refuses a secret of another vault, a key, or a path that is not a secret name", () => {
    assert.throws(() => secretNameOf("https://kv-other.vault.azure.net/secrets/edge-tls", vault), /not a secret of the vault/);
    assert.throws(() => secretNameOf("https://kv-plugilo-prod.vault.azure.net/keys/edge-tls", vault), /not a secret/);
    assert.throws(() => secretNameOf("https://kv-plugilo-prod.vault.azure.net/secrets/a/b/c", vault), /not a secret/);
  });
});

describe("KeyVaultReader", () => {
  const VAULT = "/subscriptions/d/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-acme-test";
  const uri = (secret: string) => `https://kv-acme-test.vault.azure.net/secrets/${secret}`;

  it("gives its identity Secrets User on each named secret once, at the secret's scope", async () => {
    const plan = await planComponent(() => {
      new KeyVaultReader("reader", {
        vault: {
          id: VAULT,
          uri: "https://kv-acme-test.vault.azure.net/",
          subscriptionId: "dddddddd-0000-4000-8000-000000000001",
        },
        identityName: "id-agw-gwc",
        resourceGroup: "rg-edge",
        location: "germanywestcentral",
        secretUris: [uri("tls"), uri("backend-ca"), `${uri("tls")}/0123456789abcdef0123456789abcdef`],
        tags: { layer: "edge" },
      });
    });
    const identity = plan.named("azure-native:managedidentity:UserAssignedIdentity", "id-agw-gwc");
    assert.deepEqual(identity.inputs, {
      resourceGroupName: "rg-edge",
      location: "germanywestcentral",
      resourceName: "id-agw-gwc",
      tags: { layer: "edge" },
    });
    const roles = plan.ofType("azure-native:authorization:RoleAssignment");
    const definition =
      "/subscriptions/dddddddd-0000-4000-8000-000000000001/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6";
    assert.deepEqual(
      roles.map((r) => [r.inputs.scope, r.inputs.roleDefinitionId, r.inputs.principalType]),
      [
        [`${VAULT}/secrets/backend-ca`, definition, "ServicePrincipal"],
        [`${VAULT}/secrets/tls`, definition, "ServicePrincipal"],
      ],
    );
  });

  it("refuses a secret of another vault", async () => {
    await assert.rejects(
      planComponent(() => {
        new KeyVaultReader("reader", {
          vault: { id: VAULT, uri: "https://kv-acme-test.vault.azure.net/", subscriptionId: "d" },
          identityName: "id-x",
          resourceGroup: "rg-edge",
          location: "germanywestcentral",
          secretUris: ["https://kv-other.vault.azure.net/secrets/tls"],
          tags: {},
        });
      }),
      /not a secret of the vault/,
    );
  });
});

describe("CustomDomainRecords", () => {
  it("writes the validation TXT record and the CNAME to the endpoint in the domain's zone", async () => {
    const plan = await planComponent(() => {
      new CustomDomainRecords("records", {
        resourceGroup: "rg-dns",
        domains: [
          {
            domain: {
              host: "api.example.org",
              name: "api-example-org",
              id: "d",
              zoneName: "example.org",
              zoneId: "z",
              relativeName: "api",
              validationRecordName: "_dnsauth.api",
            },
            validationToken: "token-123",
          },
        ],
        endpointHostName: "fde-acme-test.z01.azurefd.net",
      });
    });
    assert.deepEqual(
      plan
        .ofType("azure-native:dns:RecordSet")
        .map((r) => r.inputs)
        .sort((a, b) => String(b.recordType).localeCompare(String(a.recordType))),
      [
        {
          resourceGroupName: "rg-dns",
          zoneName: "example.org",
          relativeRecordSetName: "_dnsauth.api",
          recordType: "TXT",
          ttl: 3600,
          txtRecords: [{ value: ["token-123"] }],
        },
        {
          resourceGroupName: "rg-dns",
          zoneName: "example.org",
          relativeRecordSetName: "api",
          recordType: "CNAME",
          ttl: 3600,
          cnameRecord: { cname: "fde-acme-test.z01.azurefd.net" },
        },
      ],
    );
  });
});
