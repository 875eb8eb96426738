/** The hub part of the model (subpath `@plugilo/model/hub`). */
export * from "./hub.ts";
export * from "./ipsec-policy.ts";
export * from "./schema.ts";
export * from "./types.ts";
export * from "./vpn.ts";
