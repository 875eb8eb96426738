/**
 * Playwright end-to-end tests against a running service (BASE_URL; scripts/with-service.ts starts one
 * against throwaway servers). API tests use Playwright's request context; the page test a browser.
 * CHROMIUM_PATH uses an installed Chromium (Debian's /usr/bin/chromium) instead of Playwright's download.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  timeout: 30_000,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:8080",
    launchOptions: process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH, args: ["--no-sandbox"] } : {},
  },
});
