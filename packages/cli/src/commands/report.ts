/** `plugilo report <env> --out <file.html>`: plan, findings, flows, cost and the diagram on one page. */
import type { Command } from "commander";
import { checkWritable, loadForCommand, planFor, writeOut } from "../command-io.ts";
import { assumptionsFor, describeAssumptions, estimateCost } from "../cost/estimate.ts";
import { loadPriceSnapshot } from "../cost/price-snapshot.ts";
import { designFlows } from "../diagram/design-flows.ts";
import { evaluatedFlows } from "../diagram/evaluated-flows.ts";
import { readFlows } from "../diagram/flows-result.ts";
import { renderReport } from "../report/report-html.ts";
import { PRICE_SNAPSHOT_PATH } from "./cost.ts";
import { renderDiagram } from "./diagram.ts";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Write one self-contained HTML page: plan summary per stack, findings, flows, cost and choices, the diagram.")
    .argument("<env>", "environment name or YAML path")
    .requiredOption("--out <file.html>", "the HTML file to write")
    .option("--plan <file>", "read the plan from this `plugilo plan <env> --json` file instead of running it")
    .option("--flows <file>", "the `plugilo flows <env> --json` result to show (default: the flows evaluated on the plan)")
    .action(async (env: string, opts: { out: string; plan?: string; flows?: string }) => {
      checkWritable(opts.out);
      const model = loadForCommand(env);
      const given = opts.flows ? readFlows(opts.flows, model.name) : undefined;
      const plan = await planFor(model, opts.plan);
      // Without a flows file: the flow catalogue evaluated on this plan, as `plugilo flows` reports it.
      const flows = given ?? (await evaluatedFlows(model, plan.resources));
      const html = renderReport({
        model,
        plan,
        cost: estimateCost(model, plan, loadPriceSnapshot(), PRICE_SNAPSHOT_PATH),
        costAssumptions: describeAssumptions(assumptionsFor(model)),
        flows: flows ?? designFlows(model),
        flowsSource: flows ? "flows" : "design",
        // The picture keeps the design's paths (the table above has every evaluated flow).
        diagramSvg: await renderDiagram(model, plan, "svg", given),
      });
      writeOut(opts.out, html);
      const errors = plan.findings.filter((f) => f.severity === "error").length;
      process.stdout.write(`${opts.out}: report of ${model.name} (${plan.resources.length} resources, ${errors} errors)\n`);
      // Like plan: error findings make the exit status 1; the page is written either way.
      process.exitCode = errors ? 1 : 0;
    });
}
