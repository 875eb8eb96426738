/**
 * PostgreSQL zone-redundant HA in germanywestcentral: the regions table of
 * learn.microsoft.com/azure/postgresql/flexible-server/overview marks new deployments as temporarily blocked.
 * validate and plan warn, naming file, field, source and the live check.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { catalogueRestrictions, type PlannedResource } from "@plugilo/policy";

const model = loadModel("prod");
const server = (location: string, mode: string): PlannedResource => ({
  stack: "data",
  urn: "urn:pulumi:prod::plugilo-data::azure-native:dbforpostgresql:Server::psql",
  type: "azure-native:dbforpostgresql:Server",
  name: "psql",
  parent: null,
  protect: true,
  inputs: { location, highAvailability: { mode } },
});

describe("catalogue-restrictions", () => {
  it("warns for ZoneRedundant HA in germanywestcentral with the live check", () => {
    const messages = catalogueRestrictions.check(server("germanywestcentral", "ZoneRedundant"), model);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? "", /temporarily blocked/);
    assert.match(messages[0] ?? "", /az postgres flexible-server list-skus --location germanywestcentral/);
    assert.match(messages[0] ?? "", /learn\.microsoft\.com\/azure\/postgresql\/flexible-server\/overview/);
  });

  it("passes SameZone, Disabled, and ZoneRedundant where no restriction is listed", () => {
    assert.deepEqual(catalogueRestrictions.check(server("germanywestcentral", "SameZone"), model), []);
    assert.deepEqual(catalogueRestrictions.check(server("germanynorth", "Disabled"), model), []);
    assert.deepEqual(catalogueRestrictions.check(server("germanynorth", "ZoneRedundant"), model), []);
  });

  it("validate warns on environments/prod.yaml data.postgresql.haMode, with its line and source", () => {
    const w = model.warnings.find((f) => f.path === "data.postgresql.haMode");
    assert.ok(w, "a warning on data.postgresql.haMode");
    assert.equal(w.severity, "warning");
    assert.match(w.file, /environments\/prod\.yaml$/);
    assert.equal(w.line, 61);
    assert.equal(w.source, "https://learn.microsoft.com/azure/postgresql/flexible-server/overview");
    assert.equal(
      loadModel("staging").warnings.some((f) => f.path === "data.postgresql.haMode"),
      false,
    );
  });
});
