import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { APPLICATION_HEALTH_LUA, argoCdValues } from "../src/argocd-bootstrap.ts";

describe("Argo CD values", () => {
  it("checks the health of child Applications so sync waves wait for the previous wave", () => {
    for (const ha of [false, true]) {
      const cm = (argoCdValues(ha).configs as { cm: Record<string, string> }).cm;
      assert.equal(cm["resource.customizations.health.argoproj.io_Application"], APPLICATION_HEALTH_LUA);
    }
    assert.match(APPLICATION_HEALTH_LUA, /obj\.status\.health\.status/);
  });

  it("replicates the server, repo server and Redis only when highly available", () => {
    assert.equal(argoCdValues(false)["redis-ha"], undefined);
    assert.deepEqual(argoCdValues(true)["redis-ha"], { enabled: true });
    assert.equal((argoCdValues(true).server as { replicas: number }).replicas, 2);
  });
});
