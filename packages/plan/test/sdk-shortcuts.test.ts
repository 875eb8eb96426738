import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadModel } from "@plugilo/model";
import { runStack, SimulatedAzure } from "@plugilo/plan";
import * as pulumi from "@pulumi/pulumi";
import { installSdkShortcuts, sdkShortcutsInstalled } from "../src/sdk-shortcuts.ts";
import { Raw } from "./fixtures/raw-resource.ts";

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

  it("give a program the same outputs, read before or after the registration completes, and the same failure", async () => {
    // Its own process: the test runner fails a test in which a rejection goes unhandled, and the SDK leaves
    // those of a failed registration unhandled (the plan reports them: run-stack.ts).
    const out = execFileSync(process.execPath, [fileURLToPath(new URL("./fixtures/outputs-either-way.ts", import.meta.url))], {
      encoding: "utf8",
      // An output that never settles would hang the program: fail instead.
      timeout: 60_000,
    });
    const { fast, exact } = JSON.parse(out);
    assert.deepEqual(fast, exact);
    assert.deepEqual(fast.seen, {
      keys: ["location", "name", "provisioningState", "resourceGroupName"],
      id: `/subscriptions/${model.subscriptions.management}/resourceGroups/rg-a`,
      early: "Succeeded",
      late: "germanywestcentral",
      name: "rg-a",
      secret: false,
    });
    // The refused registration fails the stack; the resource that took its output is never registered.
    assert.match(fast.error ?? "", /simulated refusal/);
    assert.ok(fast.resources.includes("rg") && !fast.resources.includes("dependent"));
  });

  it("let a program replace an output property, as it could the SDK's plain field", async () => {
    for (const sdkShortcuts of [true, false]) {
      let seen: unknown;
      const run = await runStack(
        "p",
        "s",
        () => {
          const rg = new Raw("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg-a", location: undefined });
          (rg as unknown as { location: string }).location = "replaced";
          seen = rg.location;
          return {};
        },
        new SimulatedAzure(model),
        { sdkShortcuts },
      );
      assert.equal(run.error, undefined);
      assert.equal(seen, "replaced");
    }
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
