// Field values as a client sends them, converted to what the store keeps (ISO dates, numbers,
// identities as "Display Name <unique name>"), or refused as ADO refuses them.
import { Errors } from "../http/errors";
import { identityValue, IdentityStore } from "../store/identities";
import type { Field } from "../store/fields";
import type { FieldValue } from "../store/workItems";

/** ADO's limit for single-line string fields. */
export const MAX_STRING_LENGTH = 255;

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** The stored form of a value, or null for "empty"; throws WorkItemFieldInvalidException for a wrong type. */
export function coerceFieldValue(field: Field, raw: unknown, identities: IdentityStore): FieldValue | null {
  if (isEmptyValue(raw)) return null;
  const invalid = (status: string) => Errors.fieldInvalid(field.referenceName, status);
  if (field.isIdentity) return coerceIdentity(raw, identities, invalid);
  switch (field.type) {
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) throw invalid("InvalidType");
      return n;
    }
    case "double": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw invalid("InvalidType");
      return n;
    }
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      if (typeof raw === "string" && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
      throw invalid("InvalidType");
    }
    case "dateTime": {
      const date = typeof raw === "string" || typeof raw === "number" ? new Date(raw) : raw instanceof Date ? raw : undefined;
      if (!date || Number.isNaN(date.getTime())) throw invalid("InvalidDate");
      return date.toISOString();
    }
    case "string": {
      const text = scalarText(raw);
      if (text === undefined) throw invalid("InvalidType");
      if (text.length > MAX_STRING_LENGTH) throw invalid("InvalidTooLong");
      return text;
    }
    default: {
      const text = scalarText(raw);
      if (text === undefined) throw invalid("InvalidType");
      return text;
    }
  }
}

function scalarText(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return undefined;
}

function coerceIdentity(raw: unknown, identities: IdentityStore, invalid: (status: string) => Error): string {
  if (typeof raw === "string") {
    const user = identities.find(raw);
    return user ? identityValue(user) : raw;
  }
  if (raw && typeof raw === "object") {
    const ref = raw as { id?: string; uniqueName?: string; displayName?: string };
    const user = identities.find(ref.id ?? ref.uniqueName ?? ref.displayName ?? "");
    if (user) return identityValue(user);
    if (ref.displayName) return ref.uniqueName ? `${ref.displayName} <${ref.uniqueName}>` : ref.displayName;
  }
  throw invalid("InvalidIdentityField");
}

/** The value as ADO compares it in a test operation: its string form. */
export function comparableText(value: unknown): string {
  if (isEmptyValue(value)) return "";
  if (value && typeof value === "object") {
    const ref = value as { displayName?: string; uniqueName?: string };
    if (ref.displayName) return ref.uniqueName ? `${ref.displayName} <${ref.uniqueName}>` : ref.displayName;
    return JSON.stringify(value);
  }
  return String(value);
}
