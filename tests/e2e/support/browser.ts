import { chromium, Browser } from "playwright-core";
import fs from "fs";

const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Debian's chromium, headless, with the flags this closed network needs; playwright gives it a fresh profile. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_PATHS.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error("Chromium is not installed: run scripts/install-browser.sh (apt-get install chromium).");
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
