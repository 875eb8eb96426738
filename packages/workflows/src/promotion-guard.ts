/**
 * The promotion guard: a required status check on every pull request to the platform repository's main
 * (docs/adr/0120). A promotion pull request (head branch promote/<service>/<environment>) passes only when
 * - it changes that service's line of packages/gitops/src/services/images/<environment>.yaml and nothing else
 *   besides the rendered deploy/<environment>/ (the render drift check proves those follow from the sources);
 * - it carries a GitHub Actions OIDC token (whose `sha` is the pin's tag: the commit the image was built from) (audience plugilo-promotion) issued to the platform's service
 *   workflow on main of the service's own repository (spec `sourceRepository`), in that environment's job.
 *   The token is signed by GitHub: a repository cannot obtain one that names another repository.
 * Any other pull request passes only when it changes no image pin (pins change by promotion only; reviewers
 * then review code, not digests).
 * OIDC claims: https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { IMAGE_PINS_PATH, parseImagePins } from "@plugilo/gitops";
import { listEnvironments } from "@plugilo/model";
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import { type ServiceSource, serviceSources } from "./promote-image.ts";

export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
export const PROMOTION_AUDIENCE = "plugilo-promotion";
export const PROMOTION_BRANCH = /^promote\/([a-z][a-z0-9-]{0,62})\/([a-z][a-z0-9-]*)$/;
/** Where the promotion job puts its token in the pull request's body (an HTML comment: not rendered). */
export const PROOF_MARKER = /<!-- promotion-proof: ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) -->/;

export interface PullRequestChange {
  headRef: string;
  changedFiles: readonly string[];
  /** Environment -> the pins file's text on the base and on the head (only the files that changed). */
  pins: Readonly<Record<string, { before: string; after: string }>>;
}

export type Verdict =
  | { kind: "promotion"; source: ServiceSource; environment: string; digest: string; tag: string }
  | { kind: "other" };

const pinsFile = (env: string) => `${IMAGE_PINS_PATH}/${env}.yaml`;

/** The shape checks (no network): what kind of pull request this is, or an error saying what it breaks. */
export function checkPullRequest(
  change: PullRequestChange,
  sources: readonly ServiceSource[],
  environments: readonly string[],
): Verdict {
  const pinChanges = change.changedFiles.filter((f) => f.startsWith(`${IMAGE_PINS_PATH}/`));
  const branch = PROMOTION_BRANCH.exec(change.headRef);
  if (!branch) {
    if (pinChanges.length)
      throw new Error(
        `${pinChanges.join(", ")}: image pins change only through promotion pull requests (promote/<service>/<env>)`,
      );
    return { kind: "other" };
  }
  const [, service = "", environment = ""] = branch;
  const source = sources.find((s) => s.service === service);
  if (!source) throw new Error(`branch ${change.headRef}: no service spec named ${service}`);
  if (!environments.includes(environment)) throw new Error(`branch ${change.headRef}: no environment ${environment}`);
  const allowed = (f: string) => f === pinsFile(environment) || f.startsWith(`deploy/${environment}/`);
  const others = change.changedFiles.filter((f) => !allowed(f));
  if (others.length)
    throw new Error(
      `a promotion of ${service} to ${environment} may change only ${pinsFile(environment)} and deploy/${environment}/: ${others.join(", ")}`,
    );
  const texts = change.pins[environment];
  if (!texts || !change.changedFiles.includes(pinsFile(environment)))
    throw new Error(`a promotion of ${service} to ${environment} must change ${pinsFile(environment)}`);
  const before = parseImagePins(texts.before, `${pinsFile(environment)} (base)`);
  const after = parseImagePins(texts.after, pinsFile(environment));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((s) => {
    const a = before.get(s);
    const b = after.get(s);
    return a?.digest !== b?.digest || a?.tag !== b?.tag;
  });
  if (changed.length !== 1 || changed[0] !== service)
    throw new Error(`a promotion of ${service} must change exactly its own pin; it changes: ${changed.join(", ") || "none"}`);
  const pin = after.get(service);
  if (!pin) throw new Error(`a promotion of ${service} cannot remove its pin`);
  return { kind: "promotion", source, environment, digest: pin.digest, tag: pin.tag };
}

export interface ProofExpectation {
  source: ServiceSource;
  environment: string;
  /** The pin's tag: the service commit the build came from, which must be the token's `sha`. */
  tag: string;
  /** owner/name of the platform repository, whose service workflow issues promotions. */
  platformRepository: string;
}

/** Verifies the OIDC token's signature (GitHub's keys), issuer, audience, lifetime and the claims that bind it. */
export async function verifyProof(token: string, expect: ProofExpectation, keys: JWTVerifyGetKey): Promise<void> {
  const { payload } = await jwtVerify(token, keys, { issuer: GITHUB_OIDC_ISSUER, audience: PROMOTION_AUDIENCE });
  const claim = (name: string) => (typeof payload[name] === "string" ? (payload[name] as string) : "");
  const problems: string[] = [];
  if (claim("repository").toLowerCase() !== expect.source.sourceRepository.toLowerCase())
    problems.push(`repository is ${claim("repository")}, the spec's sourceRepository is ${expect.source.sourceRepository}`);
  if (claim("ref") !== "refs/heads/main") problems.push(`ref is ${claim("ref")}, not refs/heads/main`);
  if (claim("sha") !== expect.tag) problems.push(`sha is ${claim("sha")}, the pin's tag is ${expect.tag}`);
  if (claim("environment") !== expect.environment)
    problems.push(`environment is ${claim("environment")}, not ${expect.environment}`);
  const workflow = `${expect.platformRepository}/.github/workflows/service.yml@refs/heads/main`;
  if (claim("job_workflow_ref").toLowerCase() !== workflow.toLowerCase())
    problems.push(`job_workflow_ref is ${claim("job_workflow_ref")}, not ${workflow}`);
  if (problems.length) throw new Error(`promotion proof rejected: ${problems.join("; ")}`);
}

/** The proof token in a pull request's body. */
export function proofOf(body: string): string {
  const token = PROOF_MARKER.exec(body)?.[1];
  if (!token) throw new Error("the pull request's body carries no promotion proof (<!-- promotion-proof: <token> -->)");
  return token;
}

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" });

/** In the workflow: BASE_SHA, HEAD_REF, PLATFORM_REPOSITORY and PR_BODY_FILE from the pull_request event. */
async function main(): Promise<void> {
  const { BASE_SHA = "", HEAD_REF = "", PLATFORM_REPOSITORY = "", PR_BODY_FILE = "" } = process.env;
  const environments = listEnvironments();
  const changedFiles = git("diff", "--name-only", `${BASE_SHA}...HEAD`).split("\n").filter(Boolean);
  const pins: Record<string, { before: string; after: string }> = {};
  for (const env of environments) {
    if (!changedFiles.includes(pinsFile(env))) continue;
    const show = (ref: string) => {
      try {
        return git("show", `${ref}:${pinsFile(env)}`);
      } catch {
        return "";
      }
    };
    pins[env] = { before: show(BASE_SHA), after: show("HEAD") };
  }
  const verdict = checkPullRequest({ headRef: HEAD_REF, changedFiles, pins }, serviceSources(), environments);
  if (verdict.kind === "other") {
    process.stdout.write("not a promotion; no image pin changed\n");
    return;
  }
  const keys = createRemoteJWKSet(new URL(`${GITHUB_OIDC_ISSUER}/.well-known/jwks`));
  await verifyProof(proofOf(readFileSync(PR_BODY_FILE, "utf8")), { ...verdict, platformRepository: PLATFORM_REPOSITORY }, keys);
  process.stdout.write(`promotion of ${verdict.source.service} to ${verdict.environment}: ${verdict.digest}, proof verified\n`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`::error::${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
