export * from "./actions.ts";
export * from "./deployment-stacks.ts";
export * from "./drift-workflow.ts";
export * from "./infrastructure-workflow.ts";
export * from "./plan-summary.ts";
export * from "./promote-image.ts";
export * from "./render.ts";
export * from "./service-workflow.ts";
export type * from "./workflow-types.ts";
