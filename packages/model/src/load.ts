/** The old path of core/load.ts, for the tests that still import it from there. */
export * from "./core/load.ts";
