import { AdoError } from "../../../src/ado/errors";
import {
  boundedParallel,
  createTransport,
  HttpFailure,
  isRepeatableRequest,
  NetworkFailure,
  parseRetryAfter,
  parseVssJson,
  RetryPolicy,
  sharedWhileRunning,
  withRetry,
} from "../../../src/ado/http";

/** A clock that only moves when the code under test sleeps; records every wait. */
function fakeClock(random = 1) {
  let time = 1_700_000_000_000;
  const waits: number[] = [];
  const policy: Partial<RetryPolicy> = {
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
    random: () => random,
  };
  return { policy, waits, now: () => time };
}

function failing(...failures: unknown[]) {
  let calls = 0;
  const operation = jest.fn(async () => {
    const failure = failures[Math.min(calls, failures.length - 1)];
    calls++;
    if (failure === "ok") return "done";
    throw failure;
  });
  return operation;
}

const throttled = (retryAfterMs?: number) => new HttpFailure({ status: 429, statusText: "Too Many Requests", retryAfterMs });
const serverError = (status = 500) => new HttpFailure({ status, serverError: { message: "boom", typeKey: "InternalServerError" } });

describe("withRetry", () => {
  it("waits as long as Retry-After says on 429, then succeeds", async () => {
    const clock = fakeClock();
    const operation = failing(throttled(3000), throttled(1500), "ok");
    await expect(withRetry(operation, clock.policy)).resolves.toBe("done");
    expect(operation).toHaveBeenCalledTimes(3);
    expect(clock.waits).toEqual([3000, 1500]);
  });

  it("cuts an overlong Retry-After to the cap", async () => {
    const clock = fakeClock();
    await withRetry(failing(throttled(120_000), "ok"), { ...clock.policy, maxRetryAfterMs: 30_000, maxTotalWaitMs: 60_000 });
    expect(clock.waits).toEqual([30_000]);
  });

  it("backs off exponentially without Retry-After", async () => {
    const clock = fakeClock(1);
    await withRetry(failing(serverError(), serverError(503), serverError(502), "ok"), clock.policy);
    expect(clock.waits).toEqual([1000, 2000, 4000]);
  });

  it("spreads waits with jitter between half and all of the backoff, capped", async () => {
    const clock = fakeClock(0);
    await withRetry(failing(serverError(), serverError(), serverError(), "ok"), { ...clock.policy, maxDelayMs: 1500 });
    expect(clock.waits).toEqual([500, 750, 750]);
  });

  it("gives up on throttling after the attempts allowed, saying how long it tried", async () => {
    const clock = fakeClock();
    const operation = failing(throttled(4000));
    const error = await withRetry(operation, clock.policy).catch((e: unknown) => e);
    expect(operation).toHaveBeenCalledTimes(4);
    expect(error).toBeInstanceOf(AdoError);
    expect(error).toMatchObject({ kind: "throttled", status: 429, attempts: 4 });
    expect((error as AdoError).message).toBe("Azure DevOps is throttling requests; tried 4 times over 12 s");
  });

  it("gives up on server errors after the attempts allowed", async () => {
    const clock = fakeClock();
    const error = await withRetry(failing(serverError(500)), clock.policy).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "server", status: 500, typeKey: "InternalServerError", serverMessage: "boom", attempts: 4 });
    expect((error as AdoError).message).toBe("Azure DevOps returned 500: boom after 4 attempts");
  });

  it("honours a different number of attempts", async () => {
    const clock = fakeClock();
    const operation = failing(serverError());
    await expect(withRetry(operation, { ...clock.policy, maxAttempts: 2 })).rejects.toMatchObject({ attempts: 2 });
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it("never retries a 400, and passes the server's message on", async () => {
    const clock = fakeClock();
    const operation = failing(new HttpFailure({ status: 400, serverError: { message: "TF51535: Cannot find field Custom.Nope.", typeKey: "WorkItemTrackingFieldDefinitionNotFoundException" } }));
    const error = await withRetry(operation, clock.policy).catch((e: unknown) => e);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(clock.waits).toEqual([]);
    expect(error).toMatchObject({ kind: "request", status: 400, typeKey: "WorkItemTrackingFieldDefinitionNotFoundException" });
    expect((error as AdoError).message).toBe("TF51535: Cannot find field Custom.Nope.");
  });

  it.each([401, 403, 404, 409, 412])("does not retry %i", async (status) => {
    const operation = failing(new HttpFailure({ status }));
    await expect(withRetry(operation, fakeClock().policy)).rejects.toBeInstanceOf(AdoError);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it("retries 408", async () => {
    const operation = failing(new HttpFailure({ status: 408 }), "ok");
    await expect(withRetry(operation, fakeClock().policy)).resolves.toBe("done");
  });

  it("retries network failures and says the service could not be reached", async () => {
    const clock = fakeClock();
    const operation = failing(new TypeError("fetch failed"));
    const error = await withRetry(operation, clock.policy).catch((e: unknown) => e);
    expect(operation).toHaveBeenCalledTimes(4);
    expect(error).toMatchObject({ kind: "network", attempts: 4 });
    expect((error as AdoError).message).toBe("Could not reach Azure DevOps: fetch failed (tried 4 times)");
  });

  it("retries the failures the api clients throw (status objects and NetworkException)", async () => {
    const apiServerError = Object.assign(new Error("Service Unavailable"), { name: "TFS.WebApi.Exception", status: 503, responseText: "" });
    const apiNetwork = Object.assign(new Error("TF400893: Unable to contact the server."), { name: "NetworkException" });
    await expect(withRetry(failing(apiServerError, apiNetwork, "ok"), fakeClock().policy)).resolves.toBe("done");
  });

  it("lets errors that are not failures of a request through untouched", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const operation = failing(bug);
    await expect(withRetry(operation, fakeClock().policy)).rejects.toBe(bug);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it("does not send a write again after a server error, but does after throttling", async () => {
    const clock = fakeClock();
    const once = failing(serverError(500));
    const error = await withRetry(once, clock.policy, { repeatable: false }).catch((e: unknown) => e);
    expect(once).toHaveBeenCalledTimes(1);
    expect((error as AdoError).message).toMatch(/^Azure DevOps returned 500: boom\. The change was not sent again because it may already have been applied/);
    const lost = failing(new NetworkFailure("socket hang up"));
    await expect(withRetry(lost, clock.policy, { repeatable: false })).rejects.toMatchObject({ kind: "network", attempts: 1 });
    await expect(withRetry(failing(throttled(1000), "ok"), clock.policy, { repeatable: false })).resolves.toBe("done");
  });

  it("stops when the waits would pass the total allowed", async () => {
    const clock = fakeClock();
    const operation = failing(throttled(3000));
    await expect(withRetry(operation, { ...clock.policy, maxTotalWaitMs: 5000 })).rejects.toMatchObject({ kind: "throttled", attempts: 2 });
    expect(clock.waits).toEqual([3000]);
  });

  it("does not wrap an AdoError twice", async () => {
    const inner = new AdoError("inner", { kind: "server", status: 500, attempts: 4, elapsedMs: 0 });
    const operation = failing(inner);
    await expect(withRetry(operation, fakeClock().policy)).rejects.toBe(inner);
    expect(operation).toHaveBeenCalledTimes(1);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", 0)).toBe(7000);
    expect(parseRetryAfter(" 0 ", 0)).toBe(0);
    expect(parseRetryAfter("1.5", 0)).toBe(1500);
  });

  it("reads an HTTP-date relative to now, never negative", () => {
    const at = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", at - 5000)).toBe(5000);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", at + 5000)).toBe(0);
  });

  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter("", 0)).toBeUndefined();
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });
});

describe("sharedWhileRunning", () => {
  it("gives calls that start while a read runs that read, and reads again once it settled", async () => {
    const share = sharedWhileRunning<number[]>();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [loads];
    };
    const [a, b, other] = await Promise.all([share("ids:req", load), share("ids:req", load), share("ids:tc", load)]);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    expect(loads).toBe(2);
    expect(await share("ids:req", load)).toEqual([3]);
  });

  it("passes a failure to every caller waiting and does not keep it", async () => {
    const share = sharedWhileRunning<string>();
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error("503");
    };
    const results = await Promise.allSettled([share("k", failing), share("k", failing)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    await expect(share("k", async () => "fresh")).resolves.toBe("fresh");
  });
});

describe("boundedParallel", () => {
  it("keeps at most `limit` tasks in flight and returns results in the tasks' order", async () => {
    let inFlight = 0;
    let most = 0;
    const tasks = Array.from({ length: 10 }, (_, i) => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (10 - i) * 2));
      inFlight--;
      return i;
    });
    await expect(boundedParallel(tasks, 3)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });

  it("defaults to 4 in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const tasks = Array.from({ length: 9 }, () => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
    });
    await boundedParallel(tasks);
    expect(most).toBe(4);
  });

  it("fails with the first failure and starts nothing more", async () => {
    const started: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) => async () => {
      started.push(i);
      if (i === 1) throw new Error("batch 1 failed");
      await new Promise((resolve) => setTimeout(resolve, 5));
      return i;
    });
    await expect(boundedParallel(tasks, 2)).rejects.toThrow("batch 1 failed");
    expect(started).toEqual([0, 1]);
  });

  it("handles no tasks and refuses a limit below 1", async () => {
    await expect(boundedParallel([], 4)).resolves.toEqual([]);
    await expect(boundedParallel([async () => 1], 0)).rejects.toThrow(RangeError);
  });
});

describe("createTransport", () => {
  function scripted(responses: Array<Response | Error>) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      const next = responses.shift();
      if (!next) throw new Error("no more scripted responses");
      if (next instanceof Error) throw next;
      return next;
    });
    return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
  }

  it("honours the Retry-After header of a 429", async () => {
    const clock = fakeClock();
    const { fetch, calls } = scripted([
      new Response('{"message":"slow down"}', { status: 429, headers: { "Retry-After": "2" } }),
      new Response("[]", { status: 200 }),
    ]);
    const transport = createTransport({ fetch, retry: clock.policy });
    const response = await transport.send("http://ado.test/mhhs/_apis/wit/fields");
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(clock.waits).toEqual([2000]);
  });

  it("turns a final failure into an AdoError with the server's type key", async () => {
    const body = JSON.stringify({ message: "VS402337: too many", typeKey: "WorkItemTrackingQueryResultSizeLimitExceededException" });
    const { fetch } = scripted([new Response(body, { status: 400 })]);
    const error = await createTransport({ fetch, retry: fakeClock().policy })
      .send("http://ado.test/mhhs/p/_apis/wit/wiql", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, typeKey: "WorkItemTrackingQueryResultSizeLimitExceededException", message: "VS402337: too many" });
  });

  it("sends the Authorization header and asks for a fresh one once after a 401", async () => {
    const { fetch, calls } = scripted([new Response("", { status: 401 }), new Response("{}", { status: 200 })]);
    const getAuthorizationHeader = jest.fn(async (refresh?: boolean) => (refresh ? "Bearer fresh" : "Bearer stale"));
    await createTransport({ fetch, authorization: { getAuthorizationHeader }, retry: fakeClock().policy }).send("http://ado.test/x");
    expect(getAuthorizationHeader.mock.calls.map((c) => c[0])).toEqual([false, true]);
    expect(calls.map((c) => new Headers(c.init.headers).get("Authorization"))).toEqual(["Bearer stale", "Bearer fresh"]);
  });

  it("retries a dropped connection of a read, not of a create", async () => {
    const clock = fakeClock();
    const read = scripted([new TypeError("fetch failed"), new Response("{}", { status: 200 })]);
    await createTransport({ fetch: read.fetch, retry: clock.policy }).send("http://ado.test/mhhs/p/_apis/wit/workitemsbatch", { method: "POST", body: "{}" });
    expect(read.calls).toHaveLength(2);
    const create = scripted([new TypeError("fetch failed"), new Response("{}", { status: 200 })]);
    await expect(
      createTransport({ fetch: create.fetch, retry: clock.policy }).send("http://ado.test/mhhs/p/_apis/wit/workItems/$Bug", { method: "POST", body: "[]" }),
    ).rejects.toMatchObject({ kind: "network" });
    expect(create.calls).toHaveLength(1);
  });

  it("counts no answer in time as a network failure and tries again", async () => {
    let attempt = 0;
    const fetch = (async (_url: string, init?: RequestInit) => {
      attempt++;
      if (attempt === 1) {
        return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
      }
      return new Response("{}", { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const response = await createTransport({ fetch, timeoutMs: 20, retry: fakeClock().policy }).send("http://ado.test/x");
    expect(response.status).toBe(200);
    expect(attempt).toBe(2);
  });

  it("reports the time limit when every attempt goes unanswered", async () => {
    const fetch = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))) as unknown as typeof globalThis.fetch;
    await expect(createTransport({ fetch, timeoutMs: 5, retry: { ...fakeClock().policy, maxAttempts: 2 } }).send("http://ado.test/x")).rejects.toThrow(
      "Could not reach Azure DevOps: no answer within 5 ms (tried 2 times)",
    );
  });
});

describe("isRepeatableRequest", () => {
  it.each([
    ["GET", "http://h/o/p/_apis/wit/workItems/1", true],
    ["PUT", "http://h/o/_apis/ExtensionManagement/InstalledExtensions/p/e/Data/Scopes/Default/Current/Collections/c/Documents", true],
    ["POST", "http://h/o/p/_apis/wit/wiql?$top=19999", true],
    ["POST", "http://h/o/p/_apis/wit/workItemsBatch", true],
    ["POST", "http://h/o/p/_apis/wit/workItems/$Bug", false],
    ["PATCH", "http://h/o/p/_apis/wit/workItems/5", false],
    ["POST", "http://h/o/_apis/ExtensionManagement/InstalledExtensions/p/e/Data/Scopes/Default/Current/Collections/c/Documents", false],
    ["POST", "http://h/o/p/_odata/v4.0-preview/$batch", true],
  ])("%s %s -> %s", (method, url, expected) => {
    expect(isRepeatableRequest(method, url)).toBe(expected);
  });
});

describe("parseVssJson", () => {
  it("turns MS JSON dates into Dates and leaves ordinary strings alone", () => {
    const parsed = parseVssJson<{ changed: Date; list: Date[]; title: string }>(
      '{"changed":"\\/Date(1496158224000)\\/","list":["\\/Date(0)\\/"],"title":"/Date(5)/ is a title"}',
    );
    expect(parsed?.changed).toEqual(new Date(1496158224000));
    expect(parsed?.list[0]).toEqual(new Date(0));
    expect(parsed?.title).toBe("/Date(5)/ is a title");
  });

  it("gives null for an empty body", () => {
    expect(parseVssJson("")).toBeNull();
  });
});
