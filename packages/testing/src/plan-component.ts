/**
 * Plans one component, or a whole layer, offline: the build function runs as a Pulumi program under the mock
 * monitor against the simulated Azure (packages/plan: run-stack.ts, simulated-azure.ts), and the result is
 * every registered resource with its resolved inputs. A component test builds the component's args by hand
 * from a few literal values, so what it asserts is visible in the test, not derived from a resolved
 * environment.
 */
import { type ProviderFor, subscriptionProviders } from "@plugilo/components";
import type { SubscriptionKey } from "@plugilo/model";
import { runStack, SimulatedAzure, type SimulatedEnvironment, SimulatedState } from "@plugilo/plan";
import type { PlannedResource } from "@plugilo/policy";

/** The environment a component is planned in, unless the test names another. */
export interface TestEnvironment extends SimulatedEnvironment {
  /** The providers' default location. */
  regions: { primary: { name: string } };
}

/** Literal subscription IDs of the test environment: a resource's ID shows which provider made it. */
export const TEST_SUBSCRIPTIONS: Readonly<Record<SubscriptionKey, string>> = {
  management: "00000000-0000-4000-8000-000000000001",
  hub: "00000000-0000-4000-8000-000000000002",
  connectivity: "00000000-0000-4000-8000-000000000003",
  app1: "00000000-0000-4000-8000-000000000004",
  app2: "00000000-0000-4000-8000-000000000005",
  data: "00000000-0000-4000-8000-000000000006",
};

export const TEST_TENANT = "00000000-0000-4000-8000-0000000000aa";

export const TEST_ENVIRONMENT: TestEnvironment = {
  name: "test",
  tenantId: TEST_TENANT,
  subscriptions: { ...TEST_SUBSCRIPTIONS },
  regions: { primary: { name: "germanywestcentral" } },
  vnets: [],
};

export interface PlanContext {
  /** One provider per subscription of the test environment, made on first use. */
  providerFor: ProviderFor;
}

export interface PlanOptions {
  /** The environment to plan in. @default TEST_ENVIRONMENT */
  environment?: TestEnvironment;
  /** The simulated state earlier stacks left. @default a fresh state */
  state?: SimulatedState;
}

export interface ComponentPlan {
  /** Every registered resource (providers and components included) but the stack, in registration order. */
  resources: PlannedResource[];

  /** What the build function returned, resolved. */
  outputs: Record<string, unknown>;
  /** The resources of a type token, such as `azure-native:network:VirtualNetwork`, in registration order. */
  ofType(type: string): PlannedResource[];
  /** The one resource of a type with this logical name; throws when there is none. */
  named(type: string, name: string): PlannedResource;
  /** The subscription ID of the provider a resource was registered with (undefined: the default provider). */
  subscriptionOf(resource: PlannedResource): string | undefined;
}

type Build = (context: PlanContext) => unknown;

async function run(build: Build, options: PlanOptions) {
  const environment = options.environment ?? TEST_ENVIRONMENT;
  const azure = new SimulatedAzure(environment, options.state ?? new SimulatedState());
  const result = await runStack(
    "plugilo-test",
    "test",
    async () => (await build({ providerFor: subscriptionProviders(environment) })) ?? {},
    azure,
  );
  // The stack resource wraps every program; it is the harness's, not the component's.
  return { ...result, resources: result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack") };
}

/** Plans what `build` creates; rejects with the program's error when it throws. */
export async function planComponent(build: Build, options: PlanOptions = {}): Promise<ComponentPlan> {
  const result = await run(build, options);
  if (result.error) throw new Error(`the planned program failed: ${result.error}`);
  const { resources, outputs } = result;
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  return {
    resources,
    outputs,
    ofType,
    named(type, name) {
      const found = ofType(type).find((r) => r.name === name);
      if (!found) {
        const names = ofType(type).map((r) => r.name);
        throw new Error(`no ${type} named ${name} (planned: ${names.join(", ") || "none"})`);
      }
      return found;
    },
    subscriptionOf(resource) {
      const provider = resources.find((r) => r.urn === resource.provider);
      return provider?.inputs.subscriptionId as string | undefined;
    },
  };
}

/** The error message of a build that must fail; rejects when it plans without error. */
export async function planFailure(build: Build, options: PlanOptions = {}): Promise<string> {
  const result = await run(build, options);
  if (!result.error) throw new Error(`the program planned ${result.resources.length} resources without an error`);
  return result.error;
}
