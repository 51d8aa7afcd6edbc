import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { startE2eHost, E2eHost } from "./devhost";

export interface E2eSession {
  /** The devhost, started in beforeAll. */
  readonly host: E2eHost;
  /** Headless Chromium, launched in beforeAll after the host. */
  readonly browser: Browser;
}

/**
 * Starts a devhost and launches the browser before the enclosing describe's tests and closes both
 * after them (browser first). Read `host` and `browser` inside hooks and tests, not at describe time.
 */
export function useHostAndBrowser(options?: Parameters<typeof startE2eHost>[0] | (() => Parameters<typeof startE2eHost>[0])): E2eSession {
  let host: E2eHost | undefined;
  let launched: { browser: Browser; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    host = await startE2eHost(typeof options === "function" ? options() : options);
    launched = await launchBrowser();
  });

  afterAll(async () => {
    await launched?.close();
    await host?.close();
  });

  return {
    get host() {
      if (!host) throw new Error("The devhost is not started: read it inside a hook or test.");
      return host;
    },
    get browser() {
      if (!launched) throw new Error("The browser is not launched: read it inside a hook or test.");
      return launched.browser;
    },
  };
}
