import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
const [,, file, out, width] = process.argv;
const ctx = await chromium.launchPersistentContext(mkdtempSync("/tmp/h16-ud-"), { executablePath: "/usr/bin/chromium", headless: true, args: ["--headless","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"], viewport: { width: Number(width ?? 2400), height: Number(process.argv[6] ?? 1400) } });
const page = await ctx.newPage();
await page.goto("file://" + file);
const t0=Date.now(); await page.screenshot({ path: out, fullPage: process.argv[5] === "full", timeout: 120000 }); console.log("ms", Date.now()-t0);
await ctx.close();
