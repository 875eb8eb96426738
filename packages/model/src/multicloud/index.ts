/** The multicloud part of the model (subpath `@plugilo/model/multicloud`). */
export * from "./schema.ts";
