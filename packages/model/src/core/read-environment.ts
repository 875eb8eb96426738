/** Reading an environment file's text: a directory or an unreadable file is a finding, never a crash. */
import { readFileSync, statSync } from "node:fs";
import { ConfigError } from "./findings.ts";

export function readEnvironmentText(path: string, file: string, known: readonly string[]): string {
  const fail = (message: string): never => {
    throw new ConfigError([{ severity: "error", file, path: "", message }]);
  };
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    fail(`no such environment file (known: ${known.join(", ") || "none"})`);
  }
  if (isDirectory) {
    fail(`is a directory: give an environment name (${known.join(", ") || "none known"}) or one YAML file`);
  }
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // "EIO: i/o error, read" -> "EIO: i/o error"
    return fail(`cannot read the file (${err.message.split(",")[0]})`);
  }
}
