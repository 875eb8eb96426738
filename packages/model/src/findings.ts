/** The old path of core/findings.ts, for the tests that still import it from there. */
export * from "./core/findings.ts";
