export * from "./evaluate.ts";
export { normalizeLocation } from "./rules/allowed-locations.ts";
export * from "./rules/index.ts";
export { UNTAGGABLE_TYPES } from "./rules/required-tags.ts";
export * from "./types.ts";
