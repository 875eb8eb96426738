/** `plugilo cost <env>`: the monthly estimate per layer and resource from the repository's price snapshot. */
import type { Command } from "commander";
import { checkOut, checkWritable, loadForCommand, planFor, writeOut } from "../command-io.ts";
import { renderCostMarkdown, renderCostText } from "../cost/cost-table.ts";
import { assumptionsFor, describeAssumptions, estimateCost } from "../cost/estimate.ts";
import { loadPriceSnapshot } from "../cost/price-snapshot.ts";
import { UsageError } from "../fatal.ts";

interface CostOptions {
  json?: boolean;
  markdown?: boolean;
  plan?: string;
  out?: string;
  check?: boolean;
}

/** Where the snapshot lives, as the JSON names it. */
export const PRICE_SNAPSHOT_PATH = "packages/cli/src/cost/price-snapshot.json";

export function registerCost(program: Command): void {
  program
    .command("cost")
    .description(
      "Estimate the monthly cost per layer and resource from the dated price snapshot, with the design's cost choices.",
    )
    .argument("<env>", "environment name or YAML path")
    .option("--json", "print the estimate as JSON")
    .option("--markdown", "print the estimate as the Markdown section of docs/cost/<env>.md")
    .option("--plan <file>", "read the plan from this `plugilo plan <env> --json` file instead of running it")
    .option("--out <file>", "write to this file instead of standard output")
    .option("--check", "with --out: write nothing; exit 1 when the file differs from a fresh estimate (CI)")
    .action(async (env: string, opts: CostOptions) => {
      if (opts.check && !opts.out) throw new UsageError("--check needs --out <file>: the file to compare");
      if (opts.out && !opts.check) checkWritable(opts.out);
      const model = loadForCommand(env);
      const plan = await planFor(model, opts.plan);
      const result = estimateCost(model, plan, loadPriceSnapshot(), PRICE_SNAPSHOT_PATH);
      const assumptions = describeAssumptions(assumptionsFor(model));
      const output = opts.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : opts.markdown
          ? renderCostMarkdown(result, assumptions)
          : renderCostText(result, assumptions);
      if (opts.check && opts.out) {
        const how = `npm run plugilo -- cost ${env}${opts.json ? " --json" : opts.markdown ? " --markdown" : ""} --out ${opts.out}`;
        process.exitCode = checkOut(opts.out, output, how) ? 0 : 1;
      } else if (opts.out) {
        writeOut(opts.out, output);
        process.stdout.write(`${opts.out}: cost estimate of ${model.name}\n`);
      } else process.stdout.write(output);
    });
}
