/** The old path of core/resolve.ts, for the tests that still import it from there. */
export * from "./core/resolve.ts";
