/** Runs the installed `plugilo` bin as a process (not a test file itself: the runner picks up *.test.ts). */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export const root = join(import.meta.dirname, "../../..");
/** What `npm ci` links: node_modules/.bin/plugilo -> packages/cli/bin/plugilo.js. */
export const bin = join(root, "node_modules/.bin/plugilo");

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export async function plugilo(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The lines a command printed on stderr, without the configuration warnings every load prints. */
export function errorLines(r: Result): string[] {
  return r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("warning: "));
}
