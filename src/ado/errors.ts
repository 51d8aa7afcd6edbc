// The errors the access layer hands to the rest of the extension. Every failure that reaches a
// hub, form or widget is one of these, with a message a tester or test manager can act on.

export type AdoFailureKind = "throttled" | "server" | "network" | "request";

export interface AdoErrorDetails {
  kind: AdoFailureKind;
  status?: number;
  typeKey?: string;
  /** The message Azure DevOps put in the error body, when it sent one. */
  serverMessage?: string;
  responseText?: string;
  attempts: number;
  elapsedMs: number;
  cause?: unknown;
}

export class AdoError extends Error {
  readonly kind: AdoFailureKind;
  readonly status?: number;
  readonly typeKey?: string;
  readonly serverMessage?: string;
  readonly responseText?: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly cause?: unknown;

  constructor(message: string, details: AdoErrorDetails) {
    super(message);
    this.name = "AdoError";
    this.kind = details.kind;
    this.status = details.status;
    this.typeKey = details.typeKey;
    this.serverMessage = details.serverMessage;
    this.responseText = details.responseText;
    this.attempts = details.attempts;
    this.elapsedMs = details.elapsedMs;
    this.cause = details.cause;
  }
}

export type ConflictSubject = "workItem" | "document";

/**
 * Someone else saved the same work item or configuration document first. Carries what is stored
 * now (when it could be read) so the UI can show both versions; nothing is overwritten.
 */
export class ConflictError<TCurrent = unknown> extends Error {
  readonly subject: ConflictSubject;
  readonly current?: TCurrent;
  /** Work items: the revision stored now. */
  readonly currentRev?: number;
  /** Documents: the `__etag` stored now. */
  readonly currentEtag?: number;
  readonly cause?: unknown;

  constructor(
    message: string,
    details: { subject: ConflictSubject; current?: TCurrent; currentRev?: number; currentEtag?: number; cause?: unknown },
  ) {
    super(message);
    this.name = "ConflictError";
    this.subject = details.subject;
    this.current = details.current;
    this.currentRev = details.currentRev;
    this.currentEtag = details.currentEtag;
    this.cause = details.cause;
  }
}

export interface ValidationProblem {
  /** Where in the document, e.g. `participants[3].roles`; empty for the whole document. */
  path: string;
  message: string;
}

/** A configuration document was not saved because it does not pass its checks. */
export class ConfigValidationError extends Error {
  readonly problems: readonly ValidationProblem[];

  constructor(title: string, problems: readonly ValidationProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(`${title} was not saved: ${first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "it is not valid"}${more}`);
    this.name = "ConfigValidationError";
    this.problems = problems;
  }
}

/** Status, type key and message from whatever shape of error a client, the host or the transport threw. */
export function describeFailure(error: unknown): { status?: number; typeKey?: string; message?: string } {
  if (error === null || typeof error !== "object") return { message: typeof error === "string" ? error : undefined };
  const e = error as {
    status?: unknown;
    typeKey?: unknown;
    message?: unknown;
    serverMessage?: unknown;
    serverError?: { typeKey?: unknown; message?: unknown };
  };
  const status = typeof e.status === "number" ? e.status : undefined;
  const typeKey =
    typeof e.typeKey === "string" ? e.typeKey : typeof e.serverError?.typeKey === "string" ? e.serverError.typeKey : undefined;
  const message =
    typeof e.serverMessage === "string"
      ? e.serverMessage
      : typeof e.serverError?.message === "string"
        ? e.serverError.message
        : typeof e.message === "string"
          ? e.message
          : undefined;
  return { status, typeKey, message };
}

/** A readable sentence for any failure, including the plain objects errors become across the frame boundary. */
export function failureMessage(error: unknown): string {
  const { message, status } = describeFailure(error);
  if (message) return message;
  if (status) return `Azure DevOps answered ${status}`;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
