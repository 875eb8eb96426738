/**
 * `npm run screenshots`: the prod report page and the prod diagram as PNG images under docs/screenshots/,
 * rendered by Debian's Chromium (headless) from `plugilo report` and docs/diagrams/prod.svg.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openChromium } from "../packages/cli/test/headless-chromium.ts";

const root = join(import.meta.dirname, "..");
const out = join(root, "docs/screenshots");
mkdirSync(out, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "plugilo-screenshots-"));
try {
  const report = join(scratch, "prod.html");
  execFileSync(process.execPath, [join(root, "node_modules/.bin/plugilo"), "report", "prod", "--out", report], {
    stdio: "inherit",
  });
  const svg = join(root, "docs/diagrams/prod.svg");
  // The SVG's own size in points; 4/3 px per pt.
  const [, w, h] = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(readFileSync(svg, "utf8")) ?? [];
  const browser = await openChromium({ width: 1400, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(report).href);
    await page.screenshot({ path: join(out, "report-prod.png"), fullPage: true, timeout: 120_000 });
    await page.setViewportSize({ width: Math.ceil((Number(w) * 4) / 3) + 16, height: Math.ceil((Number(h) * 4) / 3) + 16 });
    await page.goto(pathToFileURL(svg).href);
    await page.screenshot({ path: join(out, "diagram-prod.png"), timeout: 120_000 });
  } finally {
    await browser.close();
  }
  process.stdout.write(`docs/screenshots: report-prod.png, diagram-prod.png\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
