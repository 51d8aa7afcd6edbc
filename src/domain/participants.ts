// The participant register: MPIDs, roles, path to migration, Placing Reliance and MDR choice.

import { Catalogues, findRole } from "./catalogues";
import { MdrChoice, Participant, ParticipantPath, Reliance } from "./model";

export const PARTICIPANT_PATHS: readonly ParticipantPath[] = ["SIT", "QT"];
export const RELIANCE_LEVELS: readonly Reliance[] = ["none", "partial", "combined"];
export const MDR_CHOICES: readonly MdrChoice[] = ["MDR", "SupplierDCC"];
/** The role whose test scope depends on the MDR choice. */
export const SMART_DATA_SERVICE_ROLE = "SDS";

export type ParticipantField = "participant" | "mpid" | "organisation" | "roles" | "path" | "reliance" | "mdrChoice" | "reliesOn";

export interface ParticipantFieldError {
  field: ParticipantField;
  message: string;
}

export type MpidValidation = { valid: true; mpid: string } | { valid: false; reason: string };

export type ParticipantValidation =
  | { valid: true; participant: Participant }
  | { valid: false; errors: ParticipantFieldError[] };

export interface RegisterError extends ParticipantFieldError {
  /** 0-based index of the entry in the list; messages count rows from 1. */
  index: number;
}

export interface RegisterValidation {
  valid: boolean;
  /** The entries that passed, normalised, without later duplicates of an MPID. */
  participants: Participant[];
  errors: RegisterError[];
}

/** Trims and upper-cases an MPID as typed; does not check it. */
export function normaliseMpid(text: string): string {
  return String(text ?? "").trim().toUpperCase();
}

/** An MPID is exactly 4 letters or digits; lower case is accepted and returned upper-cased. */
export function validateMpid(text: string): MpidValidation {
  const mpid = normaliseMpid(text);
  if (mpid === "") return { valid: false, reason: "Enter an MPID: 4 letters or digits" };
  const foreign = Array.from(new Set(Array.from(mpid).filter((ch) => !/^[A-Z0-9]$/.test(ch))));
  if (foreign.length > 0) {
    const shown = foreign.map((ch) => (/^\s$/.test(ch) ? "a space" : `"${ch}"`)).join(", ");
    return { valid: false, reason: `MPID may contain only letters A-Z and digits 0-9; found ${shown}` };
  }
  if (mpid.length !== 4) return { valid: false, reason: `MPID must be 4 characters; found ${mpid.length}` };
  return { valid: true, mpid };
}

/** Shows a typed value in a message without trusting it to convert to text. */
function shown(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return Array.isArray(value) ? "a list" : typeof value === "object" && value !== null ? "a record" : typeof value;
}

function textList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value.split(/[\s,;/|]+/).filter((s) => s !== "");
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v.trim() : shown(v))).filter((s) => s !== "");
  return undefined;
}

function readChoice<T extends string>(value: unknown, choices: readonly T[]): T | undefined {
  if (typeof value !== "string") return undefined;
  const key = value.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  return choices.find((c) => c.toLowerCase() === key);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function readRoles(value: unknown, catalogues: Pick<Catalogues, "roles">, errors: ParticipantFieldError[]): string[] {
  const codes = textList(value);
  if (codes === undefined) {
    errors.push({ field: "roles", message: "Market roles must be a list of role codes such as SUP, SDS" });
    return [];
  }
  if (codes.length === 0) {
    errors.push({ field: "roles", message: "Choose at least one market role" });
    return [];
  }
  const roles: string[] = [];
  for (const code of codes) {
    const role = findRole(catalogues, code);
    const shown = code.trim().toUpperCase();
    if (!role) {
      const message =
        shown === "SMS"
          ? 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service'
          : `Unknown market role "${shown}"`;
      errors.push({ field: "roles", message });
    } else if (role.kind === "central") {
      errors.push({ field: "roles", message: `${role.code} (${role.name}) is a central system role, not a participant role` });
    } else if (!roles.includes(role.code)) {
      roles.push(role.code);
    }
  }
  return roles;
}

/**
 * Checks one register entry from a form, a configuration document or a CSV row, and returns it
 * normalised. Roles and reliesOn may be arrays or delimited text. A missing reliance means "none".
 * mdrChoice is required for a Smart Data Service and dropped (not an error) for other roles.
 */
export function validateParticipant(input: unknown, catalogues: Pick<Catalogues, "roles">): ParticipantValidation {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { valid: false, errors: [{ field: "participant", message: "A participant must be a record with an MPID, organisation and roles" }] };
  }
  const raw = input as Record<string, unknown>;
  const errors: ParticipantFieldError[] = [];

  let mpid = "";
  if (typeof raw.mpid !== "string") {
    errors.push({ field: "mpid", message: "Enter an MPID: 4 letters or digits" });
  } else {
    const checked = validateMpid(raw.mpid);
    if (checked.valid) mpid = checked.mpid;
    else errors.push({ field: "mpid", message: checked.reason });
  }

  const organisation = typeof raw.organisation === "string" ? raw.organisation.trim() : "";
  if (organisation === "") errors.push({ field: "organisation", message: "Enter the organisation name" });

  const roles = readRoles(raw.roles, catalogues, errors);

  const path = readChoice(raw.path, PARTICIPANT_PATHS);
  if (!path) {
    errors.push({
      field: "path",
      message: isBlank(raw.path)
        ? "Choose the path to migration: SIT or QT"
        : `Path to migration must be SIT or QT, not "${shown(raw.path)}"`,
    });
  }

  const reliance = isBlank(raw.reliance) ? "none" : readChoice(raw.reliance, RELIANCE_LEVELS);
  if (!reliance) errors.push({ field: "reliance", message: `Reliance must be none, partial or combined, not "${shown(raw.reliance)}"` });

  let mdrChoice: MdrChoice | undefined;
  if (roles.includes(SMART_DATA_SERVICE_ROLE)) {
    mdrChoice = readChoice(raw.mdrChoice, MDR_CHOICES);
    if (!mdrChoice) {
      errors.push({
        field: "mdrChoice",
        message: isBlank(raw.mdrChoice)
          ? "A Smart Data Service must say how it collects half-hourly data: MDR (the new MDR services) or SupplierDCC (existing Supplier functionality via the DCC)"
          : `MDR choice must be MDR or SupplierDCC, not "${shown(raw.mdrChoice)}"`,
      });
    }
  }

  const reliesOn: string[] = [];
  const reliedUpon = textList(raw.reliesOn);
  if (reliedUpon === undefined) {
    errors.push({ field: "reliesOn", message: "Relied-upon parties must be a list of MPIDs" });
  } else {
    for (const text of reliedUpon) {
      const checked = validateMpid(text);
      if (!checked.valid) errors.push({ field: "reliesOn", message: `Relied-upon party "${text}": ${checked.reason}` });
      else if (mpid !== "" && checked.mpid === mpid) errors.push({ field: "reliesOn", message: "A participant cannot rely on its own testing" });
      else if (!reliesOn.includes(checked.mpid)) reliesOn.push(checked.mpid);
    }
    if (reliance === "none" && reliesOn.length > 0) {
      errors.push({ field: "reliesOn", message: "Reliance is none, so no relied-upon parties should be listed: choose partial or combined, or clear the list" });
    }
  }

  if (errors.length > 0 || !path || !reliance) return { valid: false, errors };
  const participant: Participant = { mpid, organisation, roles, path, reliance };
  if (mdrChoice) participant.mdrChoice = mdrChoice;
  if (reliesOn.length > 0) participant.reliesOn = reliesOn;
  return { valid: true, participant };
}

/** Checks every entry and that no MPID appears twice. */
export function validateParticipantRegister(list: unknown, catalogues: Pick<Catalogues, "roles">): RegisterValidation {
  if (!Array.isArray(list)) {
    return { valid: false, participants: [], errors: [{ index: 0, field: "participant", message: "The participant register must be a list" }] };
  }
  const participants: Participant[] = [];
  const errors: RegisterError[] = [];
  const firstIndexByMpid = new Map<string, number>();
  list.forEach((entry, index) => {
    const result = validateParticipant(entry, catalogues);
    const rawMpid = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).mpid : undefined;
    const checked = typeof rawMpid === "string" ? validateMpid(rawMpid) : undefined;
    let duplicate = false;
    if (checked?.valid) {
      const first = firstIndexByMpid.get(checked.mpid);
      if (first !== undefined) {
        duplicate = true;
        errors.push({ index, field: "mpid", message: `MPID ${checked.mpid} is already used in row ${first + 1}` });
      } else {
        firstIndexByMpid.set(checked.mpid, index);
      }
    }
    if (!result.valid) for (const e of result.errors) errors.push({ index, ...e });
    else if (!duplicate) participants.push(result.participant);
  });
  return { valid: errors.length === 0, participants, errors };
}

/** The register entry with this MPID (any case, surrounding spaces ignored). */
export function findParticipant(register: readonly Participant[], mpidText: string): Participant | undefined {
  const wanted = normaliseMpid(mpidText);
  if (wanted === "") return undefined;
  return register.find((p) => normaliseMpid(p.mpid) === wanted);
}

/** Typeahead: MPID-prefix matches first, then organisation matches (name start before substring). */
export function searchParticipants(register: readonly Participant[], query: string, limit = 10): Participant[] {
  const max = Math.floor(limit);
  if (!(max > 0)) return [];
  const q = String(query ?? "").trim().toLowerCase();
  const byMpid = (a: Participant, b: Participant) => (a.mpid < b.mpid ? -1 : a.mpid > b.mpid ? 1 : 0);
  if (q === "") return register.slice().sort(byMpid).slice(0, max);
  const ranked: { participant: Participant; rank: number }[] = [];
  for (const participant of register) {
    const mpid = participant.mpid.toLowerCase();
    const organisation = participant.organisation.toLowerCase();
    let rank = -1;
    if (mpid.startsWith(q)) rank = mpid === q ? 0 : 1;
    else if (organisation.startsWith(q)) rank = 2;
    else if (organisation.includes(q)) rank = 3;
    if (rank >= 0) ranked.push({ participant, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || byMpid(a.participant, b.participant));
  return ranked.slice(0, max).map((r) => r.participant);
}
