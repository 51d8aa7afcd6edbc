// A connection from Node to a running devhost, as the integration and end-to-end tests make it:
// the collection's REST root, the host's PAT over Basic and the extension installed from this
// repository, with every request recorded and, when asked, retries that do not wait.

import type { DevhostHandle } from "../../devhost/server";
import { AdoConnection, connectToServer, patAuthorization, ServerConnectionOptions } from "../../src/ado/clients";
import type { ExtensionIdentity } from "../../src/ado/documents";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "../../src/ado/http";

/** The extension as devhost installs it from this repository (whose extension data documents to use). */
export const LOCAL_EXTENSION: ExtensionIdentity = { publisherId: "mhhs-local", extensionId: "mhhs-test-management" };

/** Where a devhost answers: a DevhostHandle (or an E2eHost) will do. */
export type DevhostPlace = Pick<DevhostHandle, "url" | "organization" | "project" | "pat">;

/** The requests a connection sent, in order. */
export interface Traffic {
  requests: Array<{ method: string; url: string }>;
  /** The same requests' URLs (a test may empty this list to count from a point on). */
  urls: string[];
  /** The most requests that were in flight at once. */
  mostInFlight: number;
}

export interface DevhostConnectionOptions extends Partial<Omit<ServerConnectionOptions, "serviceRoot">> {
  /**
   * False: retries wait on a clock of their own, advanced by each wait instead of waiting it out,
   * with the jitter fixed (random 1), so a test sees the waits in `waits` at once. Default true.
   */
  retriesWait?: boolean;
  /** Lists to record the requests into (e.g. one the test keeps); new ones where absent. */
  traffic?: Partial<Traffic>;
}

export interface DevhostConnection {
  connection: AdoConnection;
  traffic: Traffic;
  /** Every wait before a retry, in milliseconds, as the retry policy asked for it. */
  waits: number[];
}

/**
 * A fresh connection (nothing cached) to the host's project as its administrator (its PAT);
 * options override any part of what connectToServer is given (the project, the authorization,
 * the retry policy, the parallelism, the timeout).
 */
export function connectToDevhost(host: DevhostPlace, options: DevhostConnectionOptions = {}): DevhostConnection {
  const { retriesWait = true, traffic: into, retry, fetch: send = (input, init) => globalThis.fetch(input, init), ...overrides } = options;
  const traffic: Traffic = { requests: into?.requests ?? [], urls: into?.urls ?? [], mostInFlight: into?.mostInFlight ?? 0 };
  const waits: number[] = [];

  let time = 0;
  const sleep = retry?.sleep ?? DEFAULT_RETRY_POLICY.sleep;
  const policy: Partial<RetryPolicy> = retriesWait
    ? {
        ...retry,
        sleep: (ms) => {
          waits.push(ms);
          return sleep(ms);
        },
      }
    : {
        now: () => time,
        random: () => 1,
        ...retry,
        sleep: async (ms) => {
          waits.push(ms);
          time += ms;
        },
      };

  let inFlight = 0;
  const recording = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    traffic.requests.push({ method: init?.method ?? "GET", url });
    traffic.urls.push(url);
    inFlight++;
    traffic.mostInFlight = Math.max(traffic.mostInFlight, inFlight);
    try {
      return await send(input, init);
    } finally {
      inFlight--;
    }
  }) as typeof fetch;

  const connection = connectToServer({
    serviceRoot: `${host.url}/${host.organization}/`,
    projectName: host.project,
    authorization: patAuthorization(host.pat),
    extension: LOCAL_EXTENSION,
    ...overrides,
    fetch: recording,
    retry: policy,
  });
  return { connection, traffic, waits };
}
