// Dashboard widget settings: what a test manager chose in a widget's configuration (stage, cycle,
// role, participant, title, and each widget's own options), kept by the dashboard as a JSON string
// with a version. Parsing never throws: anything not understood is dropped with a sentence, and
// what is still missing is listed so the widget can say what to set.

import type { Catalogues } from "./catalogues";
import type { ParticipantPath } from "./model";

/** The widgets of the extension, by contribution name. */
export type WidgetKind = "stage-progress" | "defects-by-severity" | "exit-criteria" | "participant-readiness";

export const WIDGET_KINDS: readonly WidgetKind[] = ["stage-progress", "defects-by-severity", "exit-criteria", "participant-readiness"];

/** The version this build writes; older versions are read as far as they go. */
export const WIDGET_SETTINGS_VERSION = 1;

/** Longest title kept; the dashboard cell has no room for more. */
export const MAX_TITLE_LENGTH = 80;

export type ProgressGrouping = "role" | "participant";

export interface WidgetSettings {
  version: number;
  stage?: string;
  cycle?: string;
  role?: string;
  /** MPID of a participant. */
  participant?: string;
  /** Shown above the figures; the widget's default title when absent. */
  title?: string;
  /** Stage progress: bars by role or by participant (default role). */
  groupBy?: ProgressGrouping;
  /** Defects: only open defects of the exit-blocking severities. */
  exitBlockingOnly?: boolean;
  /** Participant readiness: the participants' path. */
  path?: ParticipantPath;
}

export interface ParsedWidgetSettings {
  settings: WidgetSettings;
  /** What must still be set before the widget can show figures, one short phrase each ("a stage"). */
  missing: string[];
  /** Values that were not understood and were left out, one sentence each. */
  problems: string[];
  /** True when nothing is missing. */
  configured: boolean;
}

/** What each widget needs before it can show figures. */
const REQUIRED: Readonly<Record<WidgetKind, readonly ("stage" | "path")[]>> = {
  "stage-progress": ["stage"],
  "defects-by-severity": ["stage"],
  "exit-criteria": ["stage"],
  "participant-readiness": ["path"],
};

const REQUIRED_PHRASES = { stage: "a stage", path: "a path (SIT or Qualification Testing)" } as const;

const MPID = /^[A-Z0-9]{4}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A code the catalogue knows, in the catalogue's spelling; the input as given when there is no catalogue. */
function knownCode(value: string, codes: readonly { code: string }[] | undefined): string | undefined {
  if (!codes) return value;
  return codes.find((entry) => entry.code.toUpperCase() === value.toUpperCase())?.code;
}

/**
 * Reads a widget's settings (the dashboard's customSettings.data: a JSON string, or null for a
 * widget never configured). With catalogues, stage and role codes are checked against them.
 */
export function parseWidgetSettings(kind: WidgetKind, data: unknown, catalogues?: Pick<Catalogues, "stages" | "roles">): ParsedWidgetSettings {
  const problems: string[] = [];
  let raw: unknown = data;
  if (typeof data === "string") {
    if (data.trim() === "") raw = undefined;
    else {
      try {
        raw = JSON.parse(data);
      } catch {
        problems.push("The saved settings are not readable JSON and were ignored.");
        raw = undefined;
      }
    }
  }
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    problems.push("The saved settings are not a set of named values and were ignored.");
    raw = undefined;
  }
  const input = (raw ?? {}) as Record<string, unknown>;
  const settings: WidgetSettings = { version: WIDGET_SETTINGS_VERSION };

  if (input.version !== undefined && !(typeof input.version === "number" && Number.isInteger(input.version) && input.version >= 1)) {
    problems.push(`Settings version "${String(input.version)}" is not understood; the settings were read as version ${WIDGET_SETTINGS_VERSION}.`);
  } else if (typeof input.version === "number" && input.version > WIDGET_SETTINGS_VERSION) {
    problems.push(`These settings were saved by a newer version of the extension (${input.version}); only what this version knows is used.`);
  }

  const NAMES = { stage: "The stage", cycle: "The cycle", role: "The market role", participant: "The participant", title: "The title" } as const;
  for (const [key, name] of Object.entries(NAMES)) {
    const value = input[key];
    if (value !== undefined && value !== null && typeof value !== "string") problems.push(`${name} must be text, not ${Array.isArray(value) ? "a list" : `a ${typeof value}`}; it was left out.`);
  }

  const stage = textOf(input.stage);
  if (stage !== undefined) {
    const code = knownCode(stage, catalogues?.stages);
    if (code === undefined) problems.push(`Stage "${stage}" is not a stage of this project; choose another.`);
    else settings.stage = code;
  }
  const cycle = textOf(input.cycle);
  if (cycle !== undefined) settings.cycle = cycle;
  const role = textOf(input.role);
  if (role !== undefined) {
    const code = knownCode(role, catalogues?.roles);
    if (code === undefined) problems.push(`Market role "${role}" is not a role of this project; choose another.`);
    else settings.role = code;
  }
  const participant = textOf(input.participant);
  if (participant !== undefined) {
    if (MPID.test(participant.toUpperCase())) settings.participant = participant.toUpperCase();
    else problems.push(`Participant "${participant}" is not an MPID (four letters or digits).`);
  }
  const title = textOf(input.title);
  if (title !== undefined) settings.title = title.slice(0, MAX_TITLE_LENGTH);

  if (kind === "stage-progress" && input.groupBy !== undefined) {
    if (input.groupBy === "role" || input.groupBy === "participant") settings.groupBy = input.groupBy;
    else problems.push(`Bars "${String(input.groupBy)}" are not understood: choose by role or by participant.`);
  }
  if (kind === "defects-by-severity" && input.exitBlockingOnly !== undefined) {
    if (typeof input.exitBlockingOnly === "boolean") settings.exitBlockingOnly = input.exitBlockingOnly;
    else problems.push("\"Only exit-blocking defects\" must be on or off.");
  }
  if (kind === "participant-readiness" && input.path !== undefined) {
    const path = typeof input.path === "string" ? input.path.trim().toUpperCase() : "";
    if (path === "SIT" || path === "QT") settings.path = path;
    else problems.push(`Path "${String(input.path)}" is not understood: choose SIT or Qualification Testing (QT).`);
  }

  const missing = REQUIRED[kind].filter((key) => settings[key] === undefined).map((key) => REQUIRED_PHRASES[key]);
  return { settings, missing, problems, configured: missing.length === 0 };
}

/** The JSON the dashboard keeps: only the values set, with the version. */
export function serialiseWidgetSettings(settings: Omit<WidgetSettings, "version">): string {
  const kept: Record<string, unknown> = { version: WIDGET_SETTINGS_VERSION };
  for (const [key, value] of Object.entries(settings)) {
    if (key === "version" || value === undefined || value === "" || value === false) continue;
    kept[key] = typeof value === "string" ? value.trim() : value;
  }
  return JSON.stringify(kept);
}

/** "Set a stage and a path to see figures." */
export function missingSentence(missing: readonly string[]): string {
  if (missing.length === 0) return "";
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `Set ${list} in this widget's configuration to see figures.`;
}

/** The filters in words, e.g. "SIT-FUNC · C2 · SUP · ALWB". */
export function describeFilters(settings: Pick<WidgetSettings, "stage" | "cycle" | "role" | "participant" | "path">): string {
  const parts = [settings.path === "QT" ? "Qualification Testing" : settings.path, settings.stage, settings.cycle, settings.role, settings.participant];
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" · ");
}
