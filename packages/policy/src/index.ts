export * from "./evaluate.ts";
export { normalizeLocation } from "./rules/allowed-locations.ts";
export * from "./rules/index.ts";
export { PUBLIC_ACCESS_BY_DESIGN } from "./rules/no-public-network-access.ts";
export { isStateful, STATEFUL_TYPES } from "./rules/protect-stateful-in-production.ts";
export { UNTAGGABLE_TYPES } from "./rules/required-tags.ts";
export { APPGW_PREDEFINED_MINIMUM, tlsVersion } from "./rules/tls-minimum-version.ts";
export * from "./types.ts";
