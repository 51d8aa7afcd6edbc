// Content negotiation as the Azure DevOps clients use it: the api-version and formatting options
// travel in the Accept header (application/json;api-version=7.1;excludeUrls=true;enumsAsNumbers=true;
// msDateFormat=true;noArrayWrap=true) or, for the version, in ?api-version=.
import type { Response } from "express";
import { AdoError, Errors } from "./errors";

export interface FormatOptions {
  apiVersion?: string;
  /** Top-level arrays are sent bare instead of as {count, value}. */
  noArrayWrap: boolean;
  /** Enums are sent as their numbers instead of camelCase names. */
  enumsAsNumbers: boolean;
  /** Dates are sent as "\/Date(ms)\/" instead of ISO 8601. */
  msDateFormat: boolean;
  /** url and _links members are left out. */
  excludeUrls: boolean;
}

export const DEFAULT_FORMAT: FormatOptions = { noArrayWrap: false, enumsAsNumbers: false, msDateFormat: false, excludeUrls: false };

/** The newest REST API version this host answers. */
export const MAX_API_VERSION = "7.2";
const API_VERSION_PATTERN = /^(\d+)\.(\d+)(-preview(\.\d+)?)?$/i;

export function parseFormat(acceptHeader: string | undefined, queryVersion: unknown): FormatOptions {
  const options: FormatOptions = { ...DEFAULT_FORMAT };
  for (const mediaRange of (acceptHeader ?? "").split(",")) {
    for (const parameter of mediaRange.split(";").slice(1)) {
      const [rawKey, rawValue = ""] = parameter.split("=");
      const key = rawKey.trim().toLowerCase();
      const value = rawValue.trim();
      if (key === "api-version") options.apiVersion = value;
      else if (key === "noarraywrap") options.noArrayWrap = value.toLowerCase() === "true";
      else if (key === "enumsasnumbers") options.enumsAsNumbers = value.toLowerCase() === "true";
      else if (key === "msdateformat") options.msDateFormat = value.toLowerCase() === "true";
      else if (key === "excludeurls") options.excludeUrls = value.toLowerCase() === "true";
    }
  }
  if (typeof queryVersion === "string" && queryVersion !== "") options.apiVersion = queryVersion;
  return options;
}

/** Throws as ADO does for a missing, malformed or too new api-version. */
export function checkApiVersion(options: FormatOptions, method: string): void {
  if (!options.apiVersion) throw Errors.versionNotSpecified(method);
  const match = API_VERSION_PATTERN.exec(options.apiVersion);
  if (!match) throw Errors.invalidVersion(options.apiVersion);
  const [maxMajor, maxMinor] = MAX_API_VERSION.split(".").map(Number);
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > maxMajor || (major === maxMajor && minor > maxMinor)) throw Errors.versionOutOfRange(options.apiVersion, MAX_API_VERSION);
}

/** An enum member: serialised as its name (camelCase) or, with enumsAsNumbers, its number. */
export class AdoEnum {
  constructor(readonly name: string, readonly value: number) {}
}

/** Members that are URLs or link bags, dropped when the client asks for excludeUrls. */
const URL_MEMBERS = new Set(["url", "_links"]);
/** Objects whose url is data rather than a self link (work item relations): kept even with excludeUrls. */
const urlIsData = new WeakSet<object>();

export function withDataUrl<T extends object>(holder: T): T {
  urlIsData.add(holder);
  return holder;
}
const MS_DATE_SENTINEL = "\u0000msdate:";

export function serialize(body: unknown, options: FormatOptions): string {
  const payload = Array.isArray(body) && !options.noArrayWrap ? { count: body.length, value: body } : body;
  const json = JSON.stringify(payload, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (options.excludeUrls && URL_MEMBERS.has(key) && !urlIsData.has(this)) return undefined;
    const raw = this[key];
    if (raw instanceof Date) return options.msDateFormat ? `${MS_DATE_SENTINEL}${raw.getTime()}` : raw.toISOString();
    if (raw instanceof AdoEnum) return options.enumsAsNumbers ? raw.value : raw.name;
    return value;
  });
  if (json === undefined) return "";
  // JSON.stringify cannot emit the escaped slashes of MS dates ("\/Date(ms)\/"), so a sentinel is swapped in afterwards.
  return options.msDateFormat ? json.replace(/"\\u0000msdate:(-?\d+)"/g, '"\\/Date($1)\\/"') : json;
}

export function sendAdo(res: Response, status: number, body: unknown): void {
  const options: FormatOptions = res.locals.format ?? DEFAULT_FORMAT;
  if (status === 204 || body === undefined) {
    res.status(status === 200 ? 204 : status).end();
    return;
  }
  res.status(status).type("application/json; charset=utf-8").send(serialize(body, options));
}

export function sendAdoError(res: Response, error: AdoError): void {
  for (const [name, value] of Object.entries(error.options.headers ?? {})) res.setHeader(name, value);
  res.status(error.status).type("application/json; charset=utf-8").send(JSON.stringify(error.toBody()));
}
