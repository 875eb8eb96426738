/** The network part of the model (subpath `@plugilo/model/network`). */
export * from "./avd-firewall.ts";
export * from "./firewall-policy.ts";
export * from "./private-dns.ts";
export * from "./private-endpoints.ts";
export * from "./spoke-network.ts";
export * from "./subnet-nsg-rules.ts";
export * from "./types.ts";
