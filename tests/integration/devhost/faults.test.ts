import type { DevhostHandle } from "../../../devhost/server";
import { ORG, PROJECT_PATH, Rest, startTestHost } from "./host";

describe("devhost fault injection", () => {
  describe("when not enabled", () => {
    it("has no fault control endpoint", async () => {
      const host = await startTestHost();
      try {
        const response = await fetch(`${host.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ route: ".", kind: "drop" }) });
        expect(response.status).toBe(404);
        expect(host.faults).toBeUndefined();
      } finally {
        await host.close();
      }
    });
  });

  describe("when enabled", () => {
    let host: DevhostHandle;
    let rest: Rest;
    const addFault = async (rule: Record<string, unknown>) => {
      const response = await fetch(`${host.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(rule) });
      expect(response.status).toBe(201);
    };

    beforeAll(async () => {
      host = await startTestHost({ faults: true, seedScale: 0.01 });
      rest = new Rest(host);
    });
    afterAll(() => host.close());
    afterEach(async () => {
      await fetch(`${host.url}/_devhost/faults`, { method: "DELETE" });
    });

    it("answers 429 with Retry-After the given number of times, then recovers", async () => {
      await addFault({ route: "/_apis/wit/wiql", method: "POST", kind: "status", status: 429, retryAfter: 3, times: 2 });
      const query = () => rest.wiql("SELECT [System.Id] FROM WorkItems", "?$top=1");
      const first = await query();
      expect(first.status).toBe(429);
      expect(first.headers.get("retry-after")).toBe("3");
      expect(first.body).toMatchObject({ typeKey: "RequestBlockedException", message: expect.stringContaining("TF400733") });
      expect((await query()).status).toBe(429);
      expect((await query()).status).toBe(200);
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`)).status).toBe(200);
    });

    it("answers 500 for matching requests until cleared", async () => {
      await addFault({ route: "workitems/1(\\?|$)", kind: "status", status: 500 });
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`)).status).toBe(500);
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`)).status).toBe(500);
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/2`)).status).toBe(200);
      await fetch(`${host.url}/_devhost/faults`, { method: "DELETE" });
      expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`)).status).toBe(200);
    });

    it("drops the connection", async () => {
      await addFault({ route: "/_apis/projects", kind: "drop", times: 1 });
      await expect(rest.get(`/${ORG}/_apis/projects`)).rejects.toThrow();
      expect((await rest.get(`/${ORG}/_apis/projects`)).status).toBe(200);
    });

    it("delays responses", async () => {
      // The host waits on a timer of latencyMs; the test holds that timer instead of reading the clock,
      // so it shows the response waits for it (and only for it) without asserting wall-clock time.
      const LATENCY_MS = 4321;
      const realSetTimeout = global.setTimeout;
      let release: (() => void) | undefined;
      const held = new Promise<void>((resolve) => {
        jest.spyOn(global, "setTimeout").mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
          if (ms !== LATENCY_MS || release) return realSetTimeout(callback, ms, ...args);
          release = () => callback(...args);
          resolve();
          return realSetTimeout(() => undefined, 0);
        }) as typeof setTimeout);
      });
      try {
        await addFault({ route: "/_apis/projects", kind: "latency", latencyMs: LATENCY_MS, times: 1 });
        let settled = false;
        const delayed = rest.get(`/${ORG}/_apis/projects`).finally(() => (settled = true));
        expect(await Promise.race([held.then(() => "waiting on latencyMs"), delayed.then(() => "answered")])).toBe("waiting on latencyMs");
        // Another request is answered while the delayed one still waits.
        expect((await rest.get(`${PROJECT_PATH}/_apis/wit/workitems/1`)).status).toBe(200);
        expect(settled).toBe(false);
        release!();
        expect((await delayed).status).toBe(200);
        // The rule was for one request: the next is not delayed.
        expect((await rest.get(`/${ORG}/_apis/projects`)).status).toBe(200);
      } finally {
        jest.restoreAllMocks();
      }
    });

    it("refuses a malformed rule", async () => {
      const response = await fetch(`${host.url}/_devhost/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ route: "(", kind: "status", status: 500 }) });
      expect(response.status).toBe(400);
    });
  });
});
