/**
 * The model's structure: no import cycle between its source files, no Pulumi, and no layer calling another
 * layer (a layer reads another layer's types at most; what several layers feed is assembled in network/, and
 * the whole environment is composed in core/). The import graph is read from the sources' relative import and re-export specifiers.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, test } from "node:test";

const SRC = resolve(dirname(new URL(import.meta.url).pathname), "../src");
/** Folders that are no layer: core is importable by every layer; network assembles what the layers feed;
 * flows reads the resolved model. */
const NOT_LAYERS = new Set(["", "core", "network", "flows"]);

interface Edge {
  to: string;
  typeOnly: boolean;
}

/** Every relative `import`/`export ... from` of a source text, resolved against the importing file. */
export function importsOf(file: string, text: string): Edge[] {
  const edges: Edge[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s*from\s+"(\.{1,2}\/[^"]+)"/gms)) {
    const names = m[3] ?? "";
    // `import type { A }` or `import { type A, type B }`: only types cross the edge.
    const inner = names.match(/^\{([^}]*)\}$/s)?.[1];
    const allInnerTypes = inner
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .every((s) => s.startsWith("type "));
    edges.push({ to: resolve(dirname(file), m[4] as string), typeOnly: Boolean(m[2]) || allInnerTypes === true });
  }
  for (const m of text.matchAll(/import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g)) {
    edges.push({ to: resolve(dirname(file), m[1] as string), typeOnly: false });
  }
  return edges;
}

/** The cycles of a directed graph, each as the path that closes it (first node repeated at the end). */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f))
    .sort();
}

const files = sourceFiles(SRC);
const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
const edges = new Map(files.map((f) => [f, importsOf(f, texts.get(f) as string)]));
const graph = new Map([...edges].map(([f, es]) => [f, es.map((e) => e.to)]));
const short = (f: string) => relative(SRC, f);
const folderOf = (f: string) => (short(f).includes("/") ? (short(f).split("/")[0] as string) : "");

describe("the cycle checker", () => {
  test("finds a three-file cycle and names its files in order", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
    ]);
    assert.deepEqual(cyclesOf(g), [["a", "b", "c", "a"]]);
  });

  test("finds a file importing itself and a two-file cycle", () => {
    assert.deepEqual(cyclesOf(new Map([["x", ["x"]]])), [["x", "x"]]);
    assert.deepEqual(
      cyclesOf(
        new Map([
          ["p", ["q"]],
          ["q", ["p"]],
        ]),
      ),
      [["p", "q", "p"]],
    );
  });

  test("a diamond is no cycle", () => {
    const g = new Map([
      ["top", ["left", "right"]],
      ["left", ["bottom"]],
      ["right", ["bottom"]],
      ["bottom", []],
    ]);
    assert.deepEqual(cyclesOf(g), []);
  });

  test("reads type imports, value imports, re-exports and multi-line import lists", () => {
    const text = [
      'import type { A } from "./a.ts";',
      'import { type B, c } from "../core/b.ts";',
      "import {",
      "  type D,",
      "  type E,",
      '} from "./d.ts";',
      'export * from "./e.ts";',
      'import { z } from "zod";',
    ].join("\n");
    assert.deepEqual(importsOf("/m/src/hub/x.ts", text), [
      { to: "/m/src/hub/a.ts", typeOnly: true },
      { to: "/m/src/core/b.ts", typeOnly: false },
      { to: "/m/src/hub/d.ts", typeOnly: true },
      { to: "/m/src/hub/e.ts", typeOnly: false },
    ]);
  });
});

describe("packages/model/src", () => {
  test("has no import cycle, type imports included", () => {
    assert.deepEqual(
      cyclesOf(graph).map((c) => c.map(short).join(" -> ")),
      [],
    );
  });

  test("every relative import names an existing file", () => {
    const missing = [...edges].flatMap(([f, es]) => es.filter((e) => !texts.has(e.to)).map((e) => `${short(f)} -> ${e.to}`));
    assert.deepEqual(missing, []);
  });

  test("imports nothing from Pulumi", () => {
    const pulumi = files.filter((f) => /from\s+"@pulumi\//.test(texts.get(f) as string)).map(short);
    assert.deepEqual(pulumi, []);
  });

  test("a layer calls no other layer's functions: it imports another layer's types at most", () => {
    const crossing = [...edges].flatMap(([f, es]) => {
      const from = folderOf(f);
      if (NOT_LAYERS.has(from)) return [];
      return es
        .filter((e) => !e.typeOnly && folderOf(e.to) !== "core" && folderOf(e.to) !== from)
        .map((e) => `${short(f)} -> ${short(e.to)}`);
    });
    assert.deepEqual(crossing, []);
  });

  test("core calls no layer, except the files that compose the whole environment", () => {
    // The environment schema and resolution put the layers together; nothing else in core reaches into a
    // layer or the network assembly.
    const composers = new Set(["core/schema.ts", "core/resolve.ts"]);
    const reaching = [...edges].flatMap(([f, es]) => {
      if (folderOf(f) !== "core" || composers.has(short(f))) return [];
      return es.filter((e) => !e.typeOnly && folderOf(e.to) !== "core").map((e) => `${short(f)} -> ${short(e.to)}`);
    });
    assert.deepEqual(reaching, []);
  });
});

describe("the package's subpath exports", () => {
  const pkg = JSON.parse(readFileSync(resolve(SRC, "../package.json"), "utf8")) as { exports: Record<string, string> };
  const folders = readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  test("every folder of src is a subpath, next to the root barrel", () => {
    assert.deepEqual(Object.keys(pkg.exports).sort(), [".", ...folders.map((f) => `./${f}`)].sort());
    for (const f of folders) assert.equal(pkg.exports[`./${f}`], `./src/${f}/index.ts`);
  });

  test("@plugilo/model/hub and the root barrel export the same functions", async () => {
    const root = await import("@plugilo/model");
    const hub = await import("@plugilo/model/hub");
    assert.equal(typeof hub.resolveHubs, "function");
    assert.equal(hub.resolveHubs, root.resolveHubs);
  });

  test("the root barrel re-exports every subpath", async () => {
    const root: Record<string, unknown> = await import("@plugilo/model");
    for (const f of folders) {
      const sub: Record<string, unknown> = await import(`@plugilo/model/${f}`);
      const missing = Object.keys(sub).filter((name) => root[name] !== sub[name]);
      assert.deepEqual(missing, [], f);
    }
  });
});
