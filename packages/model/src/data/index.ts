/** The data part of the model (subpath `@plugilo/model/data`). */
export * from "./access-rules.ts";
export * from "./cosmos.ts";
export * from "./cosmos-recovery.ts";
export * from "./data.ts";
export * from "./data-findings.ts";
export * from "./elastic.ts";
export * from "./in-cluster.ts";
export * from "./in-cluster-secrets.ts";
export * from "./operators.ts";
export * from "./pgbouncer.ts";
export * from "./postgresql.ts";
export * from "./private-endpoint.ts";
export * from "./redis.ts";
export * from "./schema.ts";
export * from "./service-identities.ts";
export * from "./storage.ts";
