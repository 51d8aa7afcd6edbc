// The transport every request to Azure DevOps goes through: the REST clients (see clients.ts),
// custom requests such as Analytics OData, and anything added later. It owns authentication,
// bounded retries with backoff (honouring Retry-After) and the mapping of failures to AdoError.
//
// Why a transport of our own rather than retrying around the clients: the clients of
// azure-devops-extension-api call the global fetch inside Common/Fetch.js and, on failure, throw
// `{status, responseText, serverError, message}` without the response headers, so Retry-After
// is lost and cannot be honoured from outside. clients.ts therefore derives each client class
// and overrides its protected `_issueRequest` to send through this transport.

import { AdoError, AdoFailureKind } from "./errors";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff; doubles per attempt, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After that is honoured as sent; longer ones are cut to this. */
  maxRetryAfterMs: number;
  /** Retrying stops when the waits would add up to more than this. */
  maxTotalWaitMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); spreads retries of parallel requests apart. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  maxTotalWaitMs: 45_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface RetryRequest {
  /**
   * False for a write that may already have been applied when the answer was lost (a create, an
   * update): then only refusals the server makes before doing anything (429, 408) are retried.
   */
  repeatable?: boolean;
}

/** A response outside 200-299, as the transport saw it (headers included). */
export class HttpFailure extends Error {
  readonly status: number;
  readonly statusText: string;
  readonly responseText: string;
  readonly serverError?: { message?: string; typeKey?: string; [key: string]: unknown };
  readonly retryAfterMs?: number;

  constructor(init: {
    status: number;
    statusText?: string;
    responseText?: string;
    serverError?: { message?: string; typeKey?: string };
    retryAfterMs?: number;
  }) {
    super(init.serverError?.message || `${init.status}${init.statusText ? ` ${init.statusText}` : ""}`);
    this.name = "HttpFailure";
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.responseText = init.responseText ?? "";
    this.serverError = init.serverError;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The request got no answer: connection refused or dropped, DNS, or no answer in time. */
export class NetworkFailure extends Error {
  readonly cause?: unknown;

  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = "NetworkFailure";
    this.cause = cause;
  }
}

interface Failure {
  kind: AdoFailureKind;
  status?: number;
  statusText?: string;
  typeKey?: string;
  serverMessage?: string;
  responseText?: string;
  retryAfterMs?: number;
  detail: string;
}

const RETRIED_SERVER_STATUSES = new Set([500, 502, 503, 504]);
const FETCH_TYPE_ERROR = /fetch|network|load failed/i;

/** What kind of failure an error is, or undefined when it is not a failure of a request (a bug: let it through). */
function classifyFailure(error: unknown): Failure | undefined {
  if (error instanceof NetworkFailure) return { kind: "network", detail: error.message };
  if (error instanceof TypeError) return FETCH_TYPE_ERROR.test(error.message) ? { kind: "network", detail: error.message } : undefined;
  if (error === null || typeof error !== "object") return undefined;
  const e = error as {
    name?: unknown;
    message?: unknown;
    status?: unknown;
    statusText?: unknown;
    responseText?: unknown;
    retryAfterMs?: unknown;
    serverError?: { message?: unknown; typeKey?: unknown };
  };
  const message = typeof e.message === "string" ? e.message : "";
  // Common/Fetch.js of azure-devops-extension-api turns a fetch that threw into this name.
  if (e.name === "NetworkException") return { kind: "network", detail: message };
  if (typeof e.status !== "number") return undefined;
  const status = e.status;
  const kind: AdoFailureKind =
    status === 429 ? "throttled" : RETRIED_SERVER_STATUSES.has(status) || status >= 500 ? "server" : "request";
  return {
    kind,
    status,
    statusText: typeof e.statusText === "string" ? e.statusText : undefined,
    typeKey: typeof e.serverError?.typeKey === "string" ? e.serverError.typeKey : undefined,
    serverMessage: typeof e.serverError?.message === "string" ? e.serverError.message : undefined,
    responseText: typeof e.responseText === "string" ? e.responseText : undefined,
    retryAfterMs: typeof e.retryAfterMs === "number" ? e.retryAfterMs : undefined,
    detail: message,
  };
}

function isRetryable(failure: Failure, repeatable: boolean): boolean {
  if (failure.status === 429 || failure.status === 408) return true;
  if (!repeatable) return false;
  if (failure.kind === "network") return true;
  return failure.status !== undefined && RETRIED_SERVER_STATUSES.has(failure.status);
}

function times(attempts: number): string {
  return attempts === 1 ? "once" : `${attempts} times`;
}

function failureMessage(failure: Failure, attempts: number, elapsedMs: number, repeatable: boolean): string {
  const seconds = Math.round(elapsedMs / 1000);
  const said = failure.serverMessage ? `: ${failure.serverMessage}` : "";
  switch (failure.kind) {
    case "throttled":
      return `Azure DevOps is throttling requests; tried ${times(attempts)} over ${seconds} s`;
    case "network":
      return `Could not reach Azure DevOps: ${failure.detail || "no answer"}${attempts > 1 ? ` (tried ${times(attempts)})` : ""}`;
    case "server":
      if (!repeatable && attempts === 1) {
        return `Azure DevOps returned ${failure.status}${said}. The change was not sent again because it may already have been applied: check before saving again`;
      }
      return `Azure DevOps returned ${failure.status}${said} after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
    case "request":
      if (failure.status === 401) return `Azure DevOps did not accept the sign-in (401)${said}; reload the page and try again`;
      if (failure.status === 403) return `You do not have permission for this in Azure DevOps (403)${said}`;
      return failure.serverMessage || `Azure DevOps refused the request (${failure.status}${failure.statusText ? ` ${failure.statusText}` : ""})`;
  }
}

function toAdoError(failure: Failure, cause: unknown, attempts: number, elapsedMs: number, repeatable: boolean): AdoError {
  return new AdoError(failureMessage(failure, attempts, elapsedMs, repeatable), {
    kind: failure.kind,
    status: failure.status,
    typeKey: failure.typeKey,
    serverMessage: failure.serverMessage,
    responseText: failure.responseText,
    attempts,
    elapsedMs,
    cause,
  });
}

function backoffMs(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * policy.random());
}

/**
 * Runs a request, retrying throttling (429, after Retry-After when the server sent one), server
 * errors (500, 502, 503, 504), timeouts (408) and network failures with exponential backoff and
 * jitter, within a number of attempts and a total wait. Other 4xx are never retried. Failures of
 * requests end as AdoError; any other error (a bug) passes through untouched.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: Partial<RetryPolicy> = {},
  request: RetryRequest = {},
): Promise<T> {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy };
  const repeatable = request.repeatable ?? true;
  const started = p.now();
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (error instanceof AdoError) throw error;
      const failure = classifyFailure(error);
      if (!failure) throw error;
      const retryable = isRetryable(failure, repeatable);
      const wait =
        failure.retryAfterMs !== undefined ? Math.min(Math.max(0, failure.retryAfterMs), p.maxRetryAfterMs) : backoffMs(p, attempt);
      if (!retryable || attempt >= p.maxAttempts || waited + wait > p.maxTotalWaitMs) {
        throw toAdoError(failure, error, attempt, p.now() - started, repeatable);
      }
      await p.sleep(wait);
      waited += wait;
    }
  }
}

/** Retry-After as delta-seconds or an HTTP-date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Runs the tasks with at most `limit` in flight; results in the tasks' order. Stops starting new ones after a failure. */
export async function boundedParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, limit = 4): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Parallelism must be a whole number of at least 1, not ${limit}`);
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await tasks[index]();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * A read shared by the calls that start while it runs: one request for callers loading side by side
 * (a hub's parts, a widget's figures), and a fresh read for the first call after it settled (or failed).
 */
export function sharedWhileRunning<T>(): (key: string, load: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, load) => {
    let pending = running.get(key);
    if (!pending) {
      pending = load().finally(() => running.delete(key));
      running.set(key, pending);
    }
    return pending;
  };
}

export interface AuthorizationProvider {
  /** The value of the Authorization header; forceRefresh after a 401. */
  getAuthorizationHeader(forceRefresh?: boolean): Promise<string>;
}

export interface TransportOptions {
  /** Defaults to the global fetch, looked up per request. */
  fetch?: typeof fetch;
  /** Used when a request does not bring its own. */
  authorization?: AuthorizationProvider;
  retry?: Partial<RetryPolicy>;
  /** Per attempt, until the response headers arrive; 0 = no limit. */
  timeoutMs?: number;
}

export interface SendOptions {
  authorization?: AuthorizationProvider;
  /** Defaults to isRepeatableRequest(method, url). */
  repeatable?: boolean;
}

export interface AdoTransport {
  send(url: string, init?: RequestInit, options?: SendOptions): Promise<Response>;
  readonly retry: Partial<RetryPolicy>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

// POSTs that only read: WIQL, batch reads, extension data queries, Analytics $batch.
const READING_POSTS =
  /\/_apis\/wit\/(wiql|workitemsbatch)(\/|\?|$)|\/_apis\/ExtensionManagement\/InstalledExtensions\/[^/]+\/[^/]+\/ExtensionDataCollectionQuery(\/|\?|$)|\/_odata\/[^?]*\$batch(\?|$)/i;

/** Whether sending the request twice does no harm (so it may be retried after a 5xx or a lost answer). */
export function isRepeatableRequest(method: string | undefined, url: string): boolean {
  const verb = (method ?? "GET").toUpperCase();
  if (verb === "GET" || verb === "HEAD" || verb === "OPTIONS" || verb === "PUT" || verb === "DELETE") return true;
  return verb === "POST" && READING_POSTS.test(url);
}

async function failureOf(response: Response, now: number): Promise<HttpFailure> {
  const responseText = await response.text().catch(() => "");
  let serverError: { message?: string; typeKey?: string } | undefined;
  if (responseText) {
    try {
      const parsed: unknown = JSON.parse(responseText);
      // Analytics (OData) wraps its message: {"error": {"code": "0", "message": "..."}}.
      const odata = (parsed as { error?: { message?: unknown } } | null)?.error;
      if (odata && typeof odata === "object" && typeof odata.message === "string") serverError = { message: odata.message };
      else if (parsed && typeof parsed === "object") serverError = parsed as { message?: string; typeKey?: string };
    } catch {
      serverError = undefined;
    }
  }
  return new HttpFailure({
    status: response.status,
    statusText: response.statusText,
    responseText,
    serverError,
    retryAfterMs: parseRetryAfter(response.headers.get("Retry-After"), now),
  });
}

export function createTransport(options: TransportOptions = {}): AdoTransport {
  const retry = options.retry ?? {};
  const now = retry.now ?? DEFAULT_RETRY_POLICY.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const attempt = async (url: string, init: RequestInit, authorization: AuthorizationProvider | undefined): Promise<Response> => {
    let refresh = false;
    for (;;) {
      const headers = new Headers(init.headers);
      if (authorization) {
        const header = await authorization.getAuthorizationHeader(refresh);
        if (header) headers.set("Authorization", header);
      }
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs)
          : undefined;
      const stopOnCallerAbort = () => controller.abort();
      init.signal?.addEventListener("abort", stopOnCallerAbort);
      let response: Response;
      try {
        response = await doFetch(url, { ...init, headers, signal: controller.signal });
      } catch (error) {
        if (timedOut) throw new NetworkFailure(`no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`, error);
        if (init.signal?.aborted) throw error;
        throw new NetworkFailure(error instanceof Error ? error.message : String(error), error);
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        init.signal?.removeEventListener("abort", stopOnCallerAbort);
      }
      // A token may have expired between frames: ask for a fresh one once, as the SDK's own fetch does.
      if (response.status === 401 && authorization && !refresh) {
        refresh = true;
        continue;
      }
      if (!response.ok) throw await failureOf(response, now());
      return response;
    }
  };

  return {
    retry,
    send(url, init = {}, sendOptions = {}) {
      const authorization = sendOptions.authorization ?? options.authorization;
      const repeatable = sendOptions.repeatable ?? isRepeatableRequest(init.method, url);
      return withRetry(() => attempt(url, init, authorization), retry, { repeatable });
    },
  };
}

// MS JSON dates ("\/Date(1496158224000)\/") are recognised in the raw text, before parsing,
// because only there is the escaped slash that tells them apart from an ordinary string.
const MS_JSON_DATE = /(^|[^\\])"\\\/Date\((-?\d+)(?:[a-zA-Z]|[+-]\d{4})?\)\\\/"/g;
const DATE_MARKER = "__mhhsMsJsonDate__";

function restoreDates(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreDates(value[i]);
    return value;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record[DATE_MARKER] === "number" && Object.keys(record).length === 1) return new Date(record[DATE_MARKER] as number);
    for (const key of Object.keys(record)) record[key] = restoreDates(record[key]);
  }
  return value;
}

/** Parses a REST response body as the api clients do: MS JSON dates become Date objects; empty body = null. */
export function parseVssJson<T>(text: string): T | null {
  if (!text) return null;
  let replaced = false;
  const marked = text.replace(MS_JSON_DATE, (_match, before: string, ms: string) => {
    replaced = true;
    return `${before}{"${DATE_MARKER}":${ms}}`;
  });
  const parsed: unknown = JSON.parse(marked);
  return (replaced ? restoreDates(parsed) : parsed) as T;
}
