export * from "./catalogue.ts";
export * from "./types.ts";
