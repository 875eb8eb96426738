/** The edge part of the model (subpath `@plugilo/model/edge`). */
export * from "./apim-dependencies.ts";
export * from "./edge.ts";
export * from "./front-door-origin-host.ts";
export * from "./schema.ts";
