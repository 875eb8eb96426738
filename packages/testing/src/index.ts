export * from "./plan-component.ts";
