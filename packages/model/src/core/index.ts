/** The core part of the model (subpath `@plugilo/model/core`). */
export * from "./acme-challenge-zone.ts";
export * from "./address-plan.ts";
export * from "./aks-private-dns.ts";
export * from "./cidr.ts";
export * from "./cluster-vm-sizes.ts";
export * from "./findings.ts";
export * from "./load.ts";
export * from "./model.ts";
export * from "./naming.ts";
export * from "./private-dns-resolution.ts";
export * from "./regions.ts";
export * from "./resolve.ts";
export * from "./resources.ts";
export * from "./schema.ts";
export * from "./schema-constants.ts";
export * from "./subnet-catalogue.ts";
export * from "./validate.ts";
