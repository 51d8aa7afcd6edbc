// The local Azure DevOps host: serves the built extension and the host page, and a faithful subset of
// the ADO REST API over the SQLite store. See devhost/README.md.
import express, { NextFunction, Request, Response } from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ADMIN_USER } from "./catalogue/users";
import { ApiRouter } from "./http/api";
import { AccessTokens, generatePersonalAccessToken } from "./http/auth";
import { AdoError, Errors } from "./http/errors";
import { FaultInjector } from "./http/faults";
import { sendAdoError } from "./http/format";
import { hostRoutes } from "./http/hostRoutes";
import { hostPageRouter } from "./host-page/routes";
import { registerCoreRoutes } from "./routes/core";
import { registerDiscoveryRoutes } from "./routes/discovery";
import { registerExtensionDataRoutes } from "./routes/extensionData";
import { registerProcessRoutes } from "./routes/processes";
import { registerTestPlanRoutes } from "./routes/testPlans";
import { registerTestRunRoutes } from "./routes/testRuns";
import { registerWiqlRoutes } from "./routes/wiql";
import { registerWitMetadataRoutes } from "./routes/witMetadata";
import { registerWorkItemRoutes } from "./routes/workItems";
import { bootstrapOrganization } from "./store/bootstrap";
import { DevhostStore, openStore } from "./store/store";
import { loadWiqlEngine } from "./wiql/engine";
import { DEFAULT_PAGE_SIZE, loadODataParser } from "./odata/engine";
import { analyticsMiddleware, AnalyticsMode } from "./odata/routes";

export const DEFAULT_PORT = 8080;
export const DEFAULT_ORGANIZATION = "mhhs";
export const DEFAULT_PROJECT = "MHHS Programme";
export const REPOSITORY_ROOT = path.resolve(__dirname, "..");
export const DEFAULT_DATA_DIR = path.join(REPOSITORY_ROOT, ".devhost-data");
const PAT_SETTING = "personalAccessToken";
const LOOPBACK = "127.0.0.1";

export interface DevhostOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: typeof LOOPBACK;
  /** A folder for devhost.sqlite, or ":memory:". */
  dataDir?: string;
  /** Delete the store and start from scratch. */
  reset?: boolean;
  organization?: string;
  project?: string;
  /** The PAT of the admin user; one is generated (and kept in the store) when absent. */
  pat?: string;
  /** Runs after start-up bootstrap, before the server listens (see seedIfEmpty). */
  seed?: (store: DevhostStore) => void;
  /** Enables POST/DELETE /_devhost/faults (also DEVHOST_FAULTS=1). */
  faults?: boolean;
  quiet?: boolean;
  /** The extension the host page shows (default: this repository's manifest and dist/). */
  extension?: { manifestPath: string; root: string };
  /** The Analytics OData endpoint: "on" (default), "off" (404, as a server without Analytics), "denied" (403). */
  analytics?: AnalyticsMode;
  /** Rows per Analytics response (default 10,000, as the service); smaller in tests of paging. */
  analyticsPageSize?: number;
}

export interface DevhostHandle {
  url: string;
  port: number;
  organization: string;
  project: string;
  pat: string;
  store: DevhostStore;
  /** A bearer token for a user (the admin by default), as the host page hands to frames. */
  issueAccessToken(userId?: string): string;
  /** Present when fault injection is enabled. */
  faults?: FaultInjector;
  /** Switches the Analytics endpoint on, off or to denied while running. */
  setAnalytics(mode: AnalyticsMode): void;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use on ${LOOPBACK}. Stop the other server or choose another port (--port or DEVHOST_PORT).`);
  }
}

export async function startDevhost(options: DevhostOptions = {}): Promise<DevhostHandle> {
  const organizationName = options.organization ?? DEFAULT_ORGANIZATION;
  const projectName = options.project ?? DEFAULT_PROJECT;
  const wiql = await loadWiqlEngine();
  const odata = await loadODataParser();
  let analytics: AnalyticsMode = options.analytics ?? "on";
  const store = openStore(options.dataDir ?? DEFAULT_DATA_DIR, { reset: options.reset });
  try {
    const { organizationId } = bootstrapOrganization(store, { defaultProject: projectName });
    const pat = options.pat ?? store.settings.getOrCreate(PAT_SETTING, generatePersonalAccessToken);
    store.identities.addPersonalAccessToken(ADMIN_USER.id, pat);
    options.seed?.(store);

    const tokens = new AccessTokens();
    const organization = { id: organizationId, name: organizationName };
    const faults = options.faults || process.env.DEVHOST_FAULTS === "1" ? new FaultInjector() : undefined;
    const api = new ApiRouter({ store, wiql, tokens, organization });
    registerDiscoveryRoutes(api);
    registerCoreRoutes(api);
    registerWorkItemRoutes(api);
    registerWitMetadataRoutes(api);
    registerWiqlRoutes(api);
    registerProcessRoutes(api);
    registerExtensionDataRoutes(api);
    registerTestPlanRoutes(api);
    registerTestRunRoutes(api);

    const app = express();
    app.disable("x-powered-by");
    app.use(express.json({ type: (req) => /json/i.test(String(req.headers["content-type"] ?? "")), limit: "20mb", strict: false }));
    app.use("/_devhost", hostRoutes({ store, wiql, tokens, organization, defaultProjectName: projectName }));
    if (faults) {
      app.use("/_devhost/faults", faults.routes());
      app.use(faults.middleware());
    }
    app.use(hostPageRouter({
      manifestPath: options.extension?.manifestPath ?? path.join(REPOSITORY_ROOT, "vss-extension.json"),
      extensionRoot: options.extension?.root ?? REPOSITORY_ROOT,
    }));
    app.use(analyticsMiddleware({ store, tokens, organization, parser: odata, mode: () => analytics, pageSize: options.analyticsPageSize ?? DEFAULT_PAGE_SIZE }));
    app.use(api.middleware());
    app.use((req: Request, res: Response) => {
      res.status(404).type("text/plain").send(`Not found: ${req.path}`);
    });
    app.use(errorHandler(options.quiet));

    const server = await listen(app, options.port ?? DEFAULT_PORT);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${LOOPBACK}:${port}`;
    if (!options.quiet) printBanner(url, organizationName, projectName, pat, options.dataDir ?? DEFAULT_DATA_DIR, Boolean(faults));
    return {
      url,
      port,
      organization: organizationName,
      project: projectName,
      pat,
      store,
      faults,
      issueAccessToken: (userId = ADMIN_USER.id) => tokens.issue(userId).token,
      setAnalytics: (mode) => {
        analytics = mode;
      },
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            store.close();
            resolve();
          });
          server.closeAllConnections();
        }),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

function listen(app: express.Express, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    // Node closes idle kept-alive connections after 5 s; a client reusing one as it closes sees a
    // dropped connection. Keep them longer than clients do, as the service's front ends do.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error));
    server.listen(port, LOOPBACK, () => resolve(server));
  });
}

function errorHandler(quiet: boolean | undefined) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof AdoError) return sendAdoError(res, error);
    const parseError = error as { type?: string; message?: string };
    if (parseError.type === "entity.parse.failed") return sendAdoError(res, Errors.requestBodyInvalid(parseError.message ?? ""));
    if (!quiet) console.error("devhost: unexpected error", error);
    sendAdoError(res, new AdoError(500, "UnexpectedException", `The local host failed: ${(error as Error)?.message ?? String(error)}`, { namespace: "Devhost" }));
  };
}

function printBanner(url: string, organization: string, project: string, pat: string, dataDir: string, faults: boolean): void {
  const lines = [
    `Local Azure DevOps host listening on ${url}`,
    `  organization  ${organization}  (REST root ${url}/${encodeURIComponent(organization)}/)`,
    `  project       ${project}`,
    `  PAT           ${pat}  (Authorization: Basic base64(":" + PAT))`,
    `  data          ${dataDir}`,
  ];
  if (faults) lines.push("  faults        POST/DELETE /_devhost/faults enabled");
  console.log(lines.join("\n"));
}
