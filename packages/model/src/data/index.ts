/** The data part of the model (subpath `@plugilo/model/data`). */
export * from "./cosmos-recovery.ts";
export * from "./data.ts";
export * from "./schema.ts";
export * from "./service-identities.ts";
