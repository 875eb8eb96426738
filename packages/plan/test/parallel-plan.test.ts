import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import { planEnvironment, planToJson, SimulatedState } from "@plugilo/plan";
import { planEnvironments } from "@plugilo/plan/parallel";

describe("SimulatedState", () => {
  it("replays a journal only when every read and allocation returns what the run saw", () => {
    const worker = new SimulatedState();
    assert.equal(worker.next("publicIp", 1), 1);
    assert.equal(worker.get("publicIp:a"), undefined);
    worker.set("publicIp:a", "203.0.113.1");
    // The same starting state: valid, and the state after it has the allocation and the value.
    const after = new SimulatedState().replay(worker.journal);
    assert.ok(after);
    assert.equal(after.next("publicIp", 1), 2);
    assert.equal(after.get("publicIp:a"), "203.0.113.1");
    // An earlier stack took the first address: the run's allocation would differ.
    const taken = new SimulatedState();
    taken.next("publicIp", 1);
    assert.equal(taken.replay(worker.journal), undefined);
    // An earlier stack remembered the value the run read as absent.
    const known = new SimulatedState();
    known.set("publicIp:a", "203.0.113.9");
    assert.equal(known.replay(worker.journal), undefined);
    // Other counters and values do not matter.
    const unrelated = new SimulatedState();
    unrelated.next("subnet:x", 4);
    unrelated.set("nic:y", "10.0.0.4");
    assert.ok(unrelated.replay(worker.journal));
  });
});

describe("planEnvironments", () => {
  // The registration token expiry of a host pool follows the clock (whole hours): both plans must be made
  // within the same hour, else they are made again.
  const sameHour = async <T>(make: () => Promise<T>): Promise<T> => {
    for (;;) {
      const hour = Math.floor(Date.now() / 3_600_000);
      const result = await make();
      if (Math.floor(Date.now() / 3_600_000) === hour) return result;
    }
  };

  it("prints byte for byte the plan of one stack after the other, also when later stacks run first", async () => {
    const model = loadModel("dev");
    const [sequential, parallel, statistics] = await sameHour(async () => {
      const seq = planToJson(await planEnvironment(model));
      // Three workers for one environment: most stacks start before their predecessors are settled.
      const { plans, statistics } = await planEnvironments([model], { jobs: 3 });
      return [seq, plans.map(planToJson), statistics] as const;
    });
    assert.equal(parallel.length, 1);
    assert.equal(parallel[0], sequential);
    assert.ok(statistics.runs >= model.layers.length);
  });

  it("runs a speculative stack again when its predecessor took what it allocated, and still prints the same plan", async () => {
    const model = loadModel("dev");
    const only = ["hub", "edge"];
    // Two workers take both stacks at once: the edge runs before the hub's public IPs are known, takes the
    // first addresses (203.0.113.1 and .2) as its own, and must run again after the hub's four.
    const { plans, statistics } = await planEnvironments([model], { jobs: 2, only });
    assert.deepEqual(statistics, { runs: 3, discarded: 1 });
    assert.equal(planToJson(plans[0] as never), planToJson(await planEnvironment(model, { only })));
  });

  it("plans several environments and hands the plans on in the order given", async () => {
    const models = [loadModel("staging"), loadModel("dev")];
    const order: string[] = [];
    const { plans } = await planEnvironments(models, {
      jobs: 2,
      only: ["foundation"],
      onPlan: (plan) => {
        order.push(plan.environment);
      },
    });
    assert.deepEqual(order, ["staging", "dev"]);
    assert.deepEqual(
      plans.map((p) => p.stacks.map((s) => s.name)),
      [["foundation"], ["foundation"]],
    );
    const sequential = await planEnvironment(models[1] as never, { only: ["foundation"] });
    assert.equal(planToJson(plans[1] as never), planToJson(sequential));
  });
});
