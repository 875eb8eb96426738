export * from "./subscription-providers.ts";
