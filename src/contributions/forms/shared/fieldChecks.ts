// What is wrong with one field's text, as FieldProblems: each a thin reading of a domain rule.
// An empty optional field is never a problem here; required-ness is decided by the caller.

import { splitMultiValue } from "../../../ado/fields";
import type { CatalogueEntry } from "../../../domain/catalogues";
import { hasWorkOffPlan } from "../../../domain/defects";
import type { Participant } from "../../../domain/model";
import { extractMpans } from "../../../domain/mpan";
import { findParticipant, validateMpid } from "../../../domain/participants";
import { ProgrammeTestIdFormat, validateProgrammeTestId } from "../../../domain/programmeTestIds";
import { parseDesignReferences, parseDesignRelease } from "../../../domain/references";
import type { FieldProblem } from "../../../ui/FieldProblems";

const NONE: readonly FieldProblem[] = [];

export interface MpanCheck {
  validCount: number;
  problems: FieldProblem[];
}

export function checkMpanList(text: string): MpanCheck {
  const result = extractMpans(text);
  const problems: FieldProblem[] = result.errors.map((e) => ({ token: e.token, reason: e.reason }));
  for (const duplicate of result.duplicates) problems.push({ token: duplicate, reason: "listed more than once" });
  return { validCount: result.mpans.length, problems };
}

export function mpanProblems(text: string): readonly FieldProblem[] {
  return text.trim() === "" ? NONE : checkMpanList(text).problems;
}

export function designReferenceProblems(text: string): readonly FieldProblem[] {
  return parseDesignReferences(text).errors.map((e) => ({ token: e.token, reason: e.reason }));
}

export function designReleaseProblems(text: string): readonly FieldProblem[] {
  if (text.trim() === "") return NONE;
  const release = parseDesignRelease(text);
  return release.valid ? NONE : [{ token: text.trim(), reason: release.reason }];
}

/**
 * An MPID must be well formed and, once the register has entries, be in it. With an empty
 * register (a project not set up yet) only the form is checked, so saving is not blocked for all.
 */
export function participantProblems(text: string, register: readonly Participant[]): readonly FieldProblem[] {
  if (text.trim() === "") return NONE;
  const mpid = validateMpid(text);
  if (!mpid.valid) return [{ token: text.trim(), reason: mpid.reason }];
  if (register.length > 0 && !findParticipant(register, mpid.mpid)) {
    return [{ token: mpid.mpid, reason: "is not in the participant register: choose a participant from the list" }];
  }
  return NONE;
}

export function programmeTestIdProblems(text: string, formats?: readonly ProgrammeTestIdFormat[]): readonly FieldProblem[] {
  if (text.trim() === "") return NONE;
  const result = validateProgrammeTestId(text, formats);
  return result.valid ? NONE : [{ token: text.trim(), reason: result.reason }];
}

/** Codes of a ";"-joined field that are not in the catalogue (e.g. a bare "SMS" role). */
export function codeListProblems(text: string, catalogue: readonly CatalogueEntry[], what: string): readonly FieldProblem[] {
  const known = new Set(catalogue.map((entry) => entry.code.toUpperCase()));
  return splitMultiValue(text)
    .filter((code) => !known.has(code.toUpperCase()))
    .map((code) => ({ token: code, reason: `is not ${what} in the programme's list` }));
}

export function workOffPlanProblems(text: string, requiredBecause: string | undefined): readonly FieldProblem[] {
  if (requiredBecause === undefined || hasWorkOffPlan(text)) return NONE;
  return [{ token: "", reason: `a work-off plan is required: ${requiredBecause}` }];
}
