// biome-ignore-all lint/suspicious/noExplicitAny: the test walks rendered YAML as plain data.
/**
 * Every image the rendered manifests name (in objects and in the charts' values) is a tag its publisher has
 * published, as recorded in ../shared/upstream/images.json: a listed tag, or a tag that matches a rule of level
 * "ok" there (a "warn" rule is a deprecated tag, which fails with its evidence). Images of the environment's
 * own container registry (the services' builds) are promoted by the pipeline and not listed there.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { REPO } from "./helpers.ts";

interface ImageEvidence {
  image: string;
  tags?: string[];
  tagPrefix?: string;
  tagRules?: { pattern: string; level: "ok" | "warn"; evidence?: string }[];
}
const upstream = JSON.parse(
  readFileSync(join(process.env.PLUGILO_UPSTREAM ?? join(REPO, "..", "shared", "upstream"), "images.json"), "utf8"),
) as {
  images: ImageEvidence[];
};

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".yaml") ? [p] : [];
  });
const docs = files(join(REPO, "deploy")).map((file) => ({
  file: relative(REPO, file),
  doc: parse(readFileSync(file, "utf8")) as any,
}));

/** Every string under an `image` or `imageName` key that names a tagged image. */
function images(value: any, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) images(v, found);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if ((k === "image" || k === "imageName") && typeof v === "string" && v.includes(":")) found.push(v);
      else images(v, found);
    }
  return found;
}

/** Why an image reference is not a published tag, or undefined when it is. */
export function unpublished(reference: string, evidence: readonly ImageEvidence[]): string | undefined {
  const at = reference.lastIndexOf(":");
  const [name, tag] = [reference.slice(0, at), reference.slice(at + 1)];
  const entry = evidence.find((e) => e.image === name);
  if (!entry) return `${name} is not in images.json`;
  if (entry.tags) return entry.tags.includes(`${entry.tagPrefix ?? ""}${tag}`) ? undefined : `${reference}: no such tag`;
  const rule = entry.tagRules?.find((r) => new RegExp(r.pattern).test(tag));
  if (!rule) return `${reference}: the tag matches no published tag scheme`;
  return rule.level === "ok" ? undefined : `${reference}: ${rule.evidence ?? "deprecated tag"}`;
}

test("every image rendered into deploy/ is a published tag", () => {
  const seen = new Set<string>();
  for (const { file, doc } of docs) {
    for (const image of images(doc)) {
      if (/\.azurecr\.io\//.test(image)) continue;
      seen.add(image);
      const problem = unpublished(image, upstream.images);
      assert.equal(problem, undefined, `${file}: ${problem}`);
    }
  }
  // The directly named images: the runner, curl for the ILM job, and dev's in-cluster PostgreSQL and Redis.
  for (const name of [
    "ghcr.io/actions/actions-runner",
    "ghcr.io/curl/curl-container/curl-multi",
    "ghcr.io/cloudnative-pg/postgresql",
    "quay.io/opstree/redis",
  ])
    assert.ok(
      [...seen].some((i) => i.startsWith(`${name}:`)),
      `no ${name} image rendered`,
    );
});

test("the tag check rejects the tags that were rendered before: a Redis minor and a deprecated rolling PostgreSQL tag", () => {
  assert.match(unpublished("quay.io/opstree/redis:v7.4", upstream.images) ?? "", /matches no published tag scheme/);
  assert.match(unpublished("ghcr.io/cloudnative-pg/postgresql:17", upstream.images) ?? "", /deprecated rolling tag/);
  assert.match(unpublished("ghcr.io/actions/actions-runner:9.9.9", upstream.images) ?? "", /no such tag/);
  assert.equal(unpublished("ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie", upstream.images), undefined);
});
