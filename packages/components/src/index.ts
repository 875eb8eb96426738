export * from "./diagnostic-setting.ts";
export * from "./key-vault.ts";
export * from "./metric-alerts.ts";
export * from "./spoke.ts";
export * from "./subscription-providers.ts";
