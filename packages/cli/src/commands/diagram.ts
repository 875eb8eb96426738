/** `plugilo diagram <env>`: the estate as a picture, from the model and the plan, laid out by Graphviz. */
import { type Command, Option } from "commander";
import { checkOut, checkWritable, loadForCommand, planFor, writeOut } from "../command-io.ts";
import { buildEstateDiagram } from "../diagram/estate-graph.ts";
import { type FlowsResult, readFlows } from "../diagram/flows-result.ts";
import { dotToSvg } from "../diagram/render-svg.ts";
import { toDot } from "../diagram/to-dot.ts";
import { toMermaid } from "../diagram/to-mermaid.ts";
import { UsageError } from "../fatal.ts";

export type DiagramFormat = "svg" | "dot" | "mermaid";

export interface DiagramOptions {
  format?: DiagramFormat;
  out?: string;
  plan?: string;
  flows?: string;
  check?: boolean;
}

/** The diagram of an environment in one format. `flows` is a `plugilo flows` result; absent: the design's paths. */
export async function renderDiagram(
  model: Parameters<typeof buildEstateDiagram>[0],
  plan: Parameters<typeof buildEstateDiagram>[1],
  format: DiagramFormat,
  flows?: FlowsResult,
): Promise<string> {
  const diagram = buildEstateDiagram(model, plan, flows);
  if (format === "mermaid") return toMermaid(diagram);
  const dot = toDot(diagram);
  return format === "dot" ? dot : dotToSvg(dot);
}

export function registerDiagram(program: Command): void {
  program
    .command("diagram")
    .description("Draw the estate (regions, hubs, spokes, edge, clusters, data, AWS and GCP, flows) as SVG, DOT or Mermaid.")
    .argument("<env>", "environment name or YAML path")
    .addOption(new Option("--format <format>", "output format").choices(["svg", "dot", "mermaid"]).default("svg"))
    .option("--out <file>", "write to this file instead of standard output")
    .option("--plan <file>", "read the plan from this `plugilo plan <env> --json` file instead of running it")
    .option("--flows <file>", "draw the flows of this `plugilo flows <env> --json` file (default: the design's paths)")
    .option("--check", "with --out: write nothing; exit 1 when the file differs from a fresh diagram (CI)")
    .action(async (env: string, opts: DiagramOptions) => {
      if (opts.check && !opts.out) throw new UsageError("--check needs --out <file>: the file to compare");
      if (opts.out && !opts.check) checkWritable(opts.out);
      const model = loadForCommand(env);
      const flows = opts.flows ? readFlows(opts.flows, model.name) : undefined;
      const plan = await planFor(model, opts.plan);
      const output = await renderDiagram(model, plan, opts.format ?? "svg", flows);
      if (opts.check && opts.out) {
        const format = opts.format && opts.format !== "svg" ? ` --format ${opts.format}` : "";
        process.exitCode = checkOut(opts.out, output, `npm run plugilo -- diagram ${env}${format} --out ${opts.out}`) ? 0 : 1;
      } else if (opts.out) {
        writeOut(opts.out, output);
        process.stdout.write(`${opts.out}: ${opts.format ?? "svg"} diagram of ${model.name}\n`);
      } else process.stdout.write(output);
    });
}
