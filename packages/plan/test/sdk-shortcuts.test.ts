import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { runStack, SimulatedAzure } from "@plugilo/plan";
import * as pulumi from "@pulumi/pulumi";
import { installSdkShortcuts, sdkShortcutsInstalled } from "../src/sdk-shortcuts.ts";

const debuggable = createRequire(import.meta.url)("@pulumi/pulumi/runtime/debuggable.js") as {
  debuggablePromise: (p: Promise<unknown>, ctx: string) => Promise<unknown>;
};
const model = loadModel("dev");

describe("the offline plan's SDK shortcuts", () => {
  it("are on while a stack runs and off again after it, also when the program fails", async () => {
    const seen: boolean[] = [];
    const program = (fail: boolean) => () => {
      seen.push(sdkShortcutsInstalled());
      if (fail) throw new Error("boom");
      return {};
    };
    await runStack("p", "s", program(false), new SimulatedAzure(model));
    assert.equal(sdkShortcutsInstalled(), false);
    const failed = await runStack("p", "s", program(true), new SimulatedAzure(model));
    assert.match(failed.error ?? "", /boom/);
    assert.equal(sdkShortcutsInstalled(), false);
    await runStack("p", "s", program(false), new SimulatedAzure(model), { sdkShortcuts: false });
    assert.deepEqual(seen, [true, true, false]);
  });

  it("leave a promise untouched instead of wrapping it, and a resource without source position", () => {
    const promise = Promise.resolve(1);
    // The SDK's own wrapper returns a new promise with the debug properties on the original.
    const wrapped = debuggable.debuggablePromise(promise, "test");
    assert.notEqual(wrapped, promise);
    assert.ok(Object.hasOwn(promise, "_debugStackTrace"));
    const stackTrace = (pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] }).stackTrace;
    assert.ok(stackTrace(0).length > 0);
    const uninstall = installSdkShortcuts();
    try {
      const plain = Promise.resolve(2);
      assert.equal(debuggable.debuggablePromise(plain, "test"), plain);
      assert.equal(Object.hasOwn(plain, "_debugStackTrace"), false);
      assert.deepEqual((pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] }).stackTrace(0), []);
    } finally {
      uninstall();
    }
    assert.equal(sdkShortcutsInstalled(), false);
  });
});
