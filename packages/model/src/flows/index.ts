/** The flow catalogue and its types (subpath `@plugilo/model/flows`). */
export * from "./catalogue.ts";
export * from "./types.ts";
