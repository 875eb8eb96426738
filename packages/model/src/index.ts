/** The whole model; each folder is also a subpath export (`@plugilo/model/hub`, ...). */
export * from "./access/index.ts";
export * from "./cluster/index.ts";
export * from "./core/index.ts";
export * from "./data/index.ts";
export * from "./edge/index.ts";
export * from "./flows/index.ts";
export * from "./foundation/index.ts";
export * from "./gitops/index.ts";
export * from "./hub/index.ts";
export * from "./multicloud/index.ts";
export * from "./network/index.ts";
export * from "./shared/index.ts";
