export * from "./address.ts";
export * from "./evaluate.ts";
export * from "./findings.ts";
export * from "./hops.ts";
export * from "./plan-file.ts";
export * from "./render.ts";
export * from "./service-tags.ts";
export * from "./topology.ts";
