/**
 * Security waivers: the findings a scan may report without failing the build, in the repository that owns
 * them (.github/security-waivers.yaml), each with its reason, an owner who answers for it and an expiry date
 * after which the build fails again (docs/adr/0124). The same file format in the platform repository (read
 * here, when the workflows are generated) and in every service repository (read by the service workflow's
 * waivers job, with yq and jq, which GitHub's Ubuntu images carry).
 *
 *   waivers:
 *     - tool: checkov            # or trivy
 *       id: CKV_K8S_43           # a Checkov check, or a CVE / GHSA / AVD ID for Trivy
 *       reason: why the finding is acceptable here
 *       owner: "@plugilo/platform"
 *       expires: 2027-03-31
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const WAIVERS_FILE = ".github/security-waivers.yaml";

export const WAIVER_ID = {
  checkov: "^CKV2?_[A-Z0-9_]+$",
  trivy: "^(CVE-[0-9]{4}-[0-9]{4,}|GHSA(-[a-z0-9]{4}){3}|AVD-[A-Z0-9]+-[0-9]+)$",
} as const;
const OWNER = "^@[A-Za-z0-9-]+(/[A-Za-z0-9._-]+)?$";
const DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const MIN_REASON = 10;

export type WaiverTool = keyof typeof WAIVER_ID;

export interface Waiver {
  tool: WaiverTool;
  id: string;
  reason: string;
  owner: string;
  expires: string;
}

/** The waivers of a file's text; an error naming the file and the entry for each one that is incomplete. */
export function parseWaivers(text: string, file: string, today: Date): Waiver[] {
  const doc = (parse(text) ?? {}) as { waivers?: unknown };
  if (doc.waivers === undefined || doc.waivers === null) return [];
  if (!Array.isArray(doc.waivers)) throw new Error(`${file}: waivers must be a list`);
  return doc.waivers.map((raw: unknown, i): Waiver => {
    const w = (raw ?? {}) as Record<string, unknown>;
    const where = `${file}: waivers[${i}]`;
    const str = (key: string) =>
      typeof w[key] === "string" ? (w[key] as string) : w[key] instanceof Date ? (w[key] as Date).toISOString().slice(0, 10) : "";
    const tool = str("tool");
    if (tool !== "checkov" && tool !== "trivy") throw new Error(`${where}.tool: must be checkov or trivy`);
    const id = str("id");
    if (!new RegExp(WAIVER_ID[tool]).test(id)) throw new Error(`${where}.id: "${id}" is not a ${tool} finding ID`);
    if (str("reason").trim().length < MIN_REASON) throw new Error(`${where}.reason: say why ${id} is acceptable`);
    if (!new RegExp(OWNER).test(str("owner")))
      throw new Error(`${where}.owner: a GitHub user or team (@org/team) answers for ${id}`);
    const expires = str("expires");
    if (!new RegExp(DATE).test(expires)) throw new Error(`${where}.expires: a date (YYYY-MM-DD) when ${id} is reviewed again`);
    if (new Date(`${expires}T23:59:59Z`) < today) throw new Error(`${where}.expires: ${id}'s waiver expired on ${expires}`);
    return { tool, id, reason: str("reason"), owner: str("owner"), expires };
  });
}

/** The platform repository's own waivers. */
export function repositoryWaivers(repoRoot: string, today = new Date()): Waiver[] {
  return parseWaivers(readFileSync(join(repoRoot, WAIVERS_FILE), "utf8"), WAIVERS_FILE, today);
}

export const idsOf = (waivers: readonly Waiver[], tool: WaiverTool) =>
  waivers
    .filter((w) => w.tool === tool)
    .map((w) => w.id)
    .join(",");

/** The service workflow's check of the same rules (jq), writing the checkov and trivy ID lists as step outputs. */
export function waiversScript(): string {
  const jq = [
    "(.waivers // []) | to_entries | map(.key as $i | .value |",
    '  if ((.tool // "") | IN("checkov", "trivy") | not) then error("waivers[\\($i)].tool: must be checkov or trivy")',
    `  elif ((.id // "") | test(if .tool == "checkov" then "${WAIVER_ID.checkov}" else "${WAIVER_ID.trivy}" end) | not) then error("waivers[\\($i)].id: not a \\(.tool) finding ID")`,
    `  elif ((.reason // "") | length) < ${MIN_REASON} then error("waivers[\\($i)].reason: say why \\(.id) is acceptable")`,
    `  elif ((.owner // "") | test("${OWNER}") | not) then error("waivers[\\($i)].owner: a GitHub user or team answers for \\(.id)")`,
    `  elif ((.expires // "" | tostring) | test("${DATE}") | not) then error("waivers[\\($i)].expires: a date YYYY-MM-DD")`,
    '  elif ((.expires | tostring) + "T23:59:59Z" | fromdateiso8601) < now then error("waivers[\\($i)]: \\(.id) expired on \\(.expires)")',
    "  else . end)",
  ].join("\n");
  return [
    "set -euo pipefail",
    `file=${WAIVERS_FILE}`,
    'if [ ! -f "$file" ]; then echo "no $file: nothing is waived"; echo "checkov=" >> "$GITHUB_OUTPUT"; echo "trivy=" >> "$GITHUB_OUTPUT"; exit 0; fi',
    `yq -o=json '.' "$file" | jq -e '${jq}' > "$RUNNER_TEMP/waivers.json"`,
    `echo "checkov=$(jq -r '[.[] | select(.tool == "checkov") | .id] | join(",")' "$RUNNER_TEMP/waivers.json")" >> "$GITHUB_OUTPUT"`,
    `echo "trivy=$(jq -r '[.[] | select(.tool == "trivy") | .id] | join(",")' "$RUNNER_TEMP/waivers.json")" >> "$GITHUB_OUTPUT"`,
    `jq -r '.[] | "waived: \\(.tool) \\(.id) until \\(.expires) (\\(.owner)): \\(.reason)"' "$RUNNER_TEMP/waivers.json"`,
  ].join("\n");
}
