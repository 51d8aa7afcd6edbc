// Fault injection for tests: rules that delay, fail (429 with Retry-After, 5xx, 409...) or drop
// matching requests. Off unless the host was started with faults enabled.
import express, { NextFunction, Request, Response, Router } from "express";
import { AdoError, Errors } from "./errors";
import { sendAdoError } from "./format";

export type FaultKind = "latency" | "status" | "drop";

export interface FaultRule {
  id: number;
  /** A regular expression matched against the request path and query. */
  route: string;
  method?: string;
  kind: FaultKind;
  status?: number;
  /** Seconds, sent as Retry-After (429 and 503 get 1 by default). */
  retryAfter?: number;
  latencyMs?: number;
  /** How many matching requests the rule affects; unlimited when absent. */
  times?: number;
}

interface ActiveRule extends FaultRule {
  pattern: RegExp;
  remaining?: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(input: unknown): FaultRule {
    const rule = (input ?? {}) as Partial<FaultRule>;
    if (typeof rule.route !== "string" || rule.route === "") throw Errors.badRequest("A fault rule needs a route (a regular expression).");
    let pattern: RegExp;
    try {
      pattern = new RegExp(rule.route, "i");
    } catch (error) {
      throw Errors.badRequest(`The route of a fault rule is not a valid regular expression: ${(error as Error).message}`);
    }
    if (rule.kind !== "latency" && rule.kind !== "status" && rule.kind !== "drop") throw Errors.badRequest("A fault rule's kind is latency, status or drop.");
    if (rule.kind === "status" && !(Number.isInteger(rule.status) && rule.status! >= 400 && rule.status! <= 599)) throw Errors.badRequest("A status fault needs a status between 400 and 599.");
    if (rule.kind === "latency" && !(typeof rule.latencyMs === "number" && rule.latencyMs >= 0)) throw Errors.badRequest("A latency fault needs latencyMs.");
    const active: ActiveRule = {
      id: this.nextId++,
      route: rule.route,
      method: rule.method?.toUpperCase(),
      kind: rule.kind,
      status: rule.status,
      retryAfter: rule.retryAfter,
      latencyMs: rule.latencyMs,
      times: rule.times,
      pattern,
      remaining: rule.times,
    };
    this.rules.push(active);
    return describe(active);
  }

  list(): FaultRule[] {
    return this.rules.map(describe);
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that applies to this request, counting it against the rule's times. */
  take(method: string, url: string): FaultRule | undefined {
    const rule = this.rules.find((r) => (!r.method || r.method === method) && r.pattern.test(url));
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return describe(rule);
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const rule = this.take(req.method, req.originalUrl);
      if (!rule) return next();
      if (rule.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (rule.kind === "latency") {
        setTimeout(next, rule.latencyMs);
        return;
      }
      sendAdoError(res, faultError(rule));
    };
  }

  routes(): Router {
    const router = express.Router();
    router.get("/", (_req, res) => {
      res.json(this.list());
    });
    router.post("/", (req, res) => {
      const body = req.body as { rules?: unknown[] } | unknown[];
      const inputs = Array.isArray(body) ? body : Array.isArray((body as { rules?: unknown[] })?.rules) ? (body as { rules: unknown[] }).rules : [body];
      res.status(201).json(inputs.map((input) => this.add(input)));
    });
    router.delete("/", (_req, res) => {
      this.clear();
      res.status(204).end();
    });
    return router;
  }
}

function describe(rule: ActiveRule): FaultRule {
  const { pattern: _pattern, remaining, ...described } = rule;
  return { ...described, times: remaining ?? rule.times };
}

function faultError(rule: FaultRule): AdoError {
  const status = rule.status!;
  const retryAfter = rule.retryAfter ?? (status === 429 || status === 503 ? 1 : undefined);
  const headers: Record<string, string> = retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) };
  if (status === 429) {
    headers["X-RateLimit-Resource"] = "devhost";
    headers["X-RateLimit-Delay"] = String(retryAfter);
    return new AdoError(429, "RequestBlockedException", "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'devhost' (fault injection).", {
      namespace: "Microsoft.TeamFoundation.Framework.Server",
      headers,
    });
  }
  return new AdoError(status, "FaultInjectedException", `Fault injected by the local host: HTTP ${status} for ${rule.route}.`, { namespace: "Devhost", headers });
}
