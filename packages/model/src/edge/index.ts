/** The edge part of the model (subpath `@plugilo/model/edge`). */
export * from "./api-management.ts";
export * from "./apim-dependencies.ts";
export * from "./application-gateway.ts";
export * from "./context.ts";
export * from "./edge.ts";
export * from "./edge-findings.ts";
export * from "./front-door.ts";
export * from "./front-door-origin-host.ts";
export * from "./schema.ts";
