export * from "./arm-types.ts";
export * from "./layers.ts";
export * from "./plan.ts";
export * from "./plan-tree.ts";
export * from "./run-stack.ts";
export * from "./simulated-azure.ts";
export * from "./simulated-clouds.ts";
export * from "./simulated-state.ts";
