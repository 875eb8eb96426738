/** The secret name an edge identity is given a role on, from the secret URI its service reads. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { secretNameOf } from "../src/key-vault-reader.ts";

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
