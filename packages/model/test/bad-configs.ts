/**
 * The corpus of bad configurations, built for the tests (not a test file itself): one valid environment,
 * fixtures/bad/base.yaml, and one small patch per case in fixtures/bad/patches/<case>.yaml. A patch is a list
 * of RFC 6902 operations (add, remove, replace, move; `path` a JSON pointer) applied to the base's YAML
 * document, so the file keeps the base's comments and every line an error names is a real line.
 * A defect the parsed document cannot hold (a duplicate key, broken syntax) is a patch of `text` operations on
 * base.yaml as written: each replaces the one occurrence of `replace` with `with`. Every operation must hit what
 * it names (an existing field to replace or remove, an absent one to add), so a patch that no longer matches the base fails
 * instead of silently testing the base.
 * The patched files are written to a temporary folder (the loader reads files; the CLI is given paths) under
 * the case's name, and removed when the process exits.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Document, isMap, isScalar, isSeq, parseDocument } from "yaml";

export const BAD_DIR = fileURLToPath(new URL("./fixtures/bad/", import.meta.url));
export const BASE_FILE = join(BAD_DIR, "base.yaml");
const PATCH_DIR = join(BAD_DIR, "patches");

export interface BadCase {
  /** The case's file name, relative to the corpus folder (`bad-guid.yaml`, `cross-env/staging.yaml`). */
  file: string;
  /** The field path the error must name ("" for the document). */
  path: string;
  /** A word the error's message must contain. */
  contains: string;
}

/** The manifest: each case's expected finding. */
export const BAD_CASES = JSON.parse(readFileSync(join(BAD_DIR, "cases.json"), "utf8")) as BadCase[];

/** Every patch file, relative to the patch folder. */
export function patchFiles(dir = PATCH_DIR): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.split("\\").join("/"))
    .sort();
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`"${path}" is not a JSON pointer`);
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Map keys stay strings; sequence indices become numbers (the yaml library's path form). */
function keysOf(doc: Document, segments: string[]): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const segment of segments) {
    const parent = doc.getIn(keys, true);
    keys.push(isSeq(parent) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return keys;
}

function add(doc: Document, path: string, value: unknown, where: string): void {
  const segments = pointer(path);
  const last = segments.pop();
  if (last === undefined) throw new Error(`${where}: add needs a path below the document`);
  const parentKeys = keysOf(doc, segments);
  const parent = parentKeys.length ? doc.getIn(parentKeys, true) : doc.contents;
  if (isSeq(parent)) {
    const index = last === "-" ? parent.items.length : Number(last);
    if (!Number.isInteger(index) || index > parent.items.length) throw new Error(`${where}: no index ${last} in ${path}`);
    parent.items.splice(index, 0, value);
  } else if (isMap(parent)) {
    if (parent.has(last)) throw new Error(`${where}: ${path} exists already (replace it instead)`);
    parent.set(last, value);
  } else throw new Error(`${where}: the parent of ${path} is not a mapping or a sequence`);
}

function remove(doc: Document, path: string, where: string): unknown {
  const keys = keysOf(doc, pointer(path));
  if (!keys.length || !doc.hasIn(keys)) throw new Error(`${where}: ${path} does not exist`);
  const node = doc.getIn(keys, true);
  doc.deleteIn(keys);
  return node;
}

/** The base with one patch applied, as YAML text, headed by the patch's leading comment. */
export function applyPatch(baseText: string, patchText: string, where: string): string {
  const doc = parseDocument(baseText);
  const patch = parseDocument(patchText);
  if (!isSeq(patch.contents)) throw new Error(`${where}: a patch is a list of operations`);
  const textEdits: { replace: string; with: string }[] = [];
  for (const item of patch.contents.items) {
    if (!isMap(item)) throw new Error(`${where}: an operation is a mapping`);
    const op = String(item.get("op"));
    const path = String(item.get("path") ?? "");
    const value = item.get("value", true);
    if (op === "text") {
      textEdits.push({ replace: String(item.get("replace")), with: String(item.get("with")) });
    } else if (op === "replace") {
      const keys = keysOf(doc, pointer(path));
      if (!keys.length) doc.contents = value as typeof doc.contents;
      else if (!doc.hasIn(keys)) throw new Error(`${where}: ${path} does not exist (add it instead)`);
      else doc.setIn(keys, value);
    } else if (op === "add") {
      add(doc, path, value, where);
    } else if (op === "remove") {
      remove(doc, path, where);
    } else if (op === "move") {
      add(doc, path, remove(doc, String(item.get("from")), where), where);
    } else throw new Error(`${where}: unknown operation ${op}`);
    if (value !== undefined && !isScalar(value) && !isMap(value) && !isSeq(value))
      throw new Error(`${where}: the value of ${op} ${path} is not YAML`);
  }
  if (textEdits.length && textEdits.length !== patch.contents.items.length)
    throw new Error(`${where}: text edits and data operations do not mix (the text edits apply to base.yaml as written)`);
  // The case's own description heads the file, in place of the base's.
  const description = patchText.split("\n").filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith("#")));
  let body = textEdits.length ? baseText : doc.toString({ lineWidth: 0 });
  for (const e of textEdits) {
    const at = body.indexOf(e.replace);
    if (at < 0 || body.indexOf(e.replace, at + 1) >= 0)
      throw new Error(`${where}: the text edit must match exactly once: ${JSON.stringify(e.replace)}`);
    body = body.slice(0, at) + e.with + body.slice(at + e.replace.length);
  }
  const text = [
    ...description,
    `# The corpus's base.yaml with patches/${where} applied (bad-configs.ts).`,
    body.replace(/^(#.*\n)+/, ""),
  ].join("\n");
  return text;
}

let built: string | undefined;

/** The folder holding every case as a real file (`<folder>/<case file>`), built once per process. */
export function badConfigDir(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "plugilo-bad-configs-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const base = readFileSync(BASE_FILE, "utf8");
  for (const file of patchFiles()) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      applyPatch(base, readFileSync(join(PATCH_DIR, file), "utf8"), relative(PATCH_DIR, join(PATCH_DIR, file))),
    );
  }
  built = dir;
  return dir;
}

/** The path of one case's patched file. */
export function badConfig(file: string): string {
  return join(badConfigDir(), file);
}
