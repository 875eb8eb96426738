/** The foundation part of the model (subpath `@plugilo/model/foundation`). */
export * from "./metric-alerts.ts";
export * from "./schema.ts";
