/** The network part of the model (subpath `@plugilo/model/network`). */
export * from "./spoke-network.ts";
export * from "./types.ts";
