/**
 * The upstream snapshot on GitHub's runners (docs/adr/0136). The checks read CRD schemas, chart values and
 * image and action tags of the pinned releases from a folder beside the repository (`../shared/upstream`, or
 * $PLUGILO_UPSTREAM); a GitHub runner has no such folder. The team publishes that folder as its own public
 * repository; the `checks` job checks it out (actions/checkout, pinned by SHA like every action), verifies its
 * content digest against the pin committed here (.github/upstream-snapshot.json), moves it out of the
 * workspace and points PLUGILO_UPSTREAM and PLUGILO_CRD_SCHEMAS at it. The digest pins the content itself:
 * a moved branch or a rewritten tag fails the job instead of changing what the checks read.
 *
 * `node packages/workflows/src/upstream-snapshot.ts digest <dir>` prints a folder's digest (for the pin);
 * `... verify <dir>` exits 1 when it differs from the pin.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { uses } from "./actions.ts";
import type { Step } from "./workflow-types.ts";

export const PIN_FILE = ".github/upstream-snapshot.json";

export interface UpstreamSnapshotPin {
  /** owner/name of the public repository holding the snapshot folder at its root. */
  repository: string;
  /** The branch or tag to check out; what is read is fixed by `sha256`. */
  ref: string;
  /** The content digest (upstreamSnapshotDigest) of the folder the checks were last run against. */
  sha256: string;
}

/** Every file of `dir` (no .git), sorted by path: `<sha256 of the file>  <path>` lines, hashed with SHA-256. */
export function upstreamSnapshotDigest(dir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === ".git") continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  const lines = files
    .sort()
    .map(
      (f) =>
        `${createHash("sha256")
          .update(readFileSync(join(dir, f)))
          .digest("hex")}  ${f}\n`,
    )
    .join("");
  return createHash("sha256").update(lines).digest("hex");
}

/** The pin, checked field by field; errors name the file and the field. */
export function parseUpstreamSnapshotPin(text: string, file = PIN_FILE): UpstreamSnapshotPin {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const pin = (data ?? {}) as Record<string, unknown>;
  const field = (name: keyof UpstreamSnapshotPin, pattern: RegExp, what: string): string => {
    const v = pin[name];
    if (typeof v !== "string" || !pattern.test(v)) throw new Error(`${file}: ${name} must be ${what}, got ${JSON.stringify(v)}`);
    return v;
  };
  return {
    repository: field("repository", /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "owner/name of a GitHub repository"),
    ref: field("ref", /^[A-Za-z0-9._/-]+$/, "a branch or tag name"),
    sha256: field("sha256", /^[0-9a-f]{64}$/, "64 lower-case hex digits (the folder's content digest)"),
  };
}

export function readUpstreamSnapshotPin(root: string): UpstreamSnapshotPin {
  return parseUpstreamSnapshotPin(readFileSync(join(root, PIN_FILE), "utf8"));
}

/** Where the snapshot is checked out (inside the workspace, as actions/checkout requires) before it is moved out. */
const CHECKOUT_PATH = ".upstream-snapshot";

/** The steps that give a job the snapshot: after the repository's checkout and Node.js, before the checks. */
export function upstreamSnapshotSteps(pin: UpstreamSnapshotPin): Step[] {
  return [
    {
      name: `Upstream snapshot (${pin.repository}@${pin.ref})`,
      uses: uses("checkout"),
      with: { repository: pin.repository, ref: pin.ref, path: CHECKOUT_PATH, "persist-credentials": false },
    },
    {
      name: "Upstream snapshot: verify its content digest, move it out of the workspace, point the checks at it",
      run: [
        "set -euo pipefail",
        `node packages/workflows/src/upstream-snapshot.ts verify ${CHECKOUT_PATH}`,
        `mv ${CHECKOUT_PATH} "$RUNNER_TEMP/upstream"`,
        'echo "PLUGILO_UPSTREAM=$RUNNER_TEMP/upstream" >> "$GITHUB_ENV"',
        'echo "PLUGILO_CRD_SCHEMAS=$RUNNER_TEMP/upstream/crds" >> "$GITHUB_ENV"',
      ].join("\n"),
    },
  ];
}

if (import.meta.main) {
  const [command, dir] = process.argv.slice(2);
  if (!dir || (command !== "digest" && command !== "verify")) {
    process.stderr.write("usage: upstream-snapshot.ts digest|verify <dir>\n");
    process.exit(2);
  }
  const digest = upstreamSnapshotDigest(dir);
  if (command === "digest") process.stdout.write(`${digest}\n`);
  else {
    try {
      const pin = readUpstreamSnapshotPin(join(import.meta.dirname, "..", "..", ".."));
      if (pin.sha256 !== digest) {
        process.stderr.write(
          `::error file=${PIN_FILE}::the upstream snapshot in ${dir} has digest ${digest}, the pin says ${pin.sha256}: check out the snapshot the pin names, or update the pin after reviewing the new snapshot\n`,
        );
        process.exit(1);
      }
      process.stdout.write(`upstream snapshot ${dir}: ${digest} (as pinned)\n`);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    }
  }
}
