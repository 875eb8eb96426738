/** DOT to SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): no binary to install. */
import { Graphviz } from "@hpcc-js/wasm-graphviz";

let graphviz: Promise<Graphviz> | undefined;

export async function dotToSvg(dot: string): Promise<string> {
  graphviz ??= Graphviz.load();
  const svg = (await graphviz).dot(dot, "svg");
  // Graphviz stamps its version in a comment; keep it, it is pinned by the lockfile and explains a diff.
  return svg;
}
