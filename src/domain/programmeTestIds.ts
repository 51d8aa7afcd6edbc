// Programme test case ids (the Test Case Id field). QT and SITNFT come from the public record;
// a project may configure more formats as data, read by the same reader as design references.

import {
  DESIGN_REFERENCE_FAMILIES,
  ReferenceBody,
  ReferenceFamily,
  findReferenceFamily,
  parseReferenceList,
  parseReferenceToken,
  withArticle,
} from "./references";

/** A test case id format: same shape as a design reference family. */
export type ProgrammeTestIdFormat = ReferenceFamily;

export const DEFAULT_PROGRAMME_TEST_ID_FORMATS: readonly ProgrammeTestIdFormat[] = DESIGN_REFERENCE_FAMILIES.filter(
  (f) => f.kind === "qtTestCase" || f.kind === "sitNftTestSet",
);

export type ProgrammeTestIdValidation =
  | { valid: true; id: string; kind: string }
  | { valid: false; reason: string };

/** A short pattern for placeholders and messages: "QT-nnn", "SITNFT-T<theme>-nnn", "IR<major>.<minor>". */
export function describeIdPattern(format: ReferenceFamily): string {
  const head = format.prefix + format.separator;
  switch (format.body.form) {
    case "digits":
      return head + "n".repeat(format.body.count);
    case "number":
      return `${head}<number>`;
    case "version":
      return `${head}<major>.<minor>`;
    case "themeSet":
      return `${head}T<theme>-${"n".repeat(format.body.setDigits)}`;
  }
}

function examples(formats: readonly ProgrammeTestIdFormat[]): string {
  const shown = formats.map((f) => f.example);
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

/** Checks one Test Case Id value against the configured formats and returns its canonical form. */
export function validateProgrammeTestId(
  text: string,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): ProgrammeTestIdValidation {
  if (formats.length === 0) return { valid: false, reason: "No programme test case id formats are configured" };
  const parsed = parseReferenceList(text, formats);
  const count = parsed.references.length + parsed.errors.length;
  if (count === 0) return { valid: false, reason: `Enter a programme test case id such as ${examples(formats)}` };
  if (count > 1) return { valid: false, reason: `Enter one test case id only (such as ${examples(formats)}); found ${count}` };
  if (parsed.references.length === 1) return { valid: true, id: parsed.references[0].id, kind: parsed.references[0].kind };
  const asDesign = parseReferenceList(text, DESIGN_REFERENCE_FAMILIES).references[0];
  if (asDesign && !formats.some((f) => f.kind === asDesign.kind)) {
    const name = findReferenceFamily(asDesign.kind)?.name ?? asDesign.kind;
    return { valid: false, reason: `${asDesign.id} is ${withArticle(name)} reference, not a test case id: use ${examples(formats)}` };
  }
  return { valid: false, reason: parsed.errors[0].reason };
}

/** The canonical id, or undefined when the text is not one valid test case id. */
export function canonicaliseProgrammeTestId(
  text: string,
  formats: readonly ProgrammeTestIdFormat[] = DEFAULT_PROGRAMME_TEST_ID_FORMATS,
): string | undefined {
  const result = validateProgrammeTestId(text, formats);
  return result.valid ? result.id : undefined;
}

export interface FormatError {
  index: number;
  message: string;
}

function readBody(value: unknown): ReferenceBody | string {
  if (typeof value !== "object" || value === null) return "needs a body: digits, number, version or themeSet";
  const body = value as Record<string, unknown>;
  const countOk = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 10;
  switch (body.form) {
    case "digits":
      return countOk(body.count) ? { form: "digits", count: body.count as number } : "digit count must be a whole number from 1 to 10";
    case "number":
      return { form: "number" };
    case "version":
      return { form: "version" };
    case "themeSet":
      return countOk(body.setDigits) ? { form: "themeSet", setDigits: body.setDigits as number } : "set digit count must be a whole number from 1 to 10";
    default:
      return "body form must be digits, number, version or themeSet";
  }
}

/**
 * Reads the configured formats (from the admin's configuration document). Invalid entries are
 * reported and left out; prefixes must be distinct and not one of the design reference prefixes
 * other than QT and SITNFT, so ids cannot be read two ways.
 */
export function readProgrammeTestIdFormats(config: unknown): { formats: ProgrammeTestIdFormat[]; errors: FormatError[] } {
  if (!Array.isArray(config)) return { formats: [], errors: [{ index: 0, message: "Test case id formats must be a list" }] };
  const formats: ProgrammeTestIdFormat[] = [];
  const errors: FormatError[] = [];
  const reserved = new Set<string>(
    DESIGN_REFERENCE_FAMILIES.filter((f) => !DEFAULT_PROGRAMME_TEST_ID_FORMATS.some((d) => d.kind === f.kind)).map((f) => f.prefix),
  );
  config.forEach((entry, index) => {
    const row = `Format ${index + 1}`;
    if (typeof entry !== "object" || entry === null) {
      errors.push({ index, message: `${row} must be a record with prefix, separator and body` });
      return;
    }
    const raw = entry as Record<string, unknown>;
    const prefix = typeof raw.prefix === "string" ? raw.prefix.trim().toUpperCase() : "";
    if (!/^[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*$/.test(prefix)) {
      errors.push({ index, message: `${row}: prefix must start with a letter and use letters, digits and single hyphens` });
      return;
    }
    if (reserved.has(prefix)) {
      errors.push({ index, message: `${row}: ${prefix} is a design reference prefix, not a test case id prefix` });
      return;
    }
    if (formats.some((f) => f.prefix === prefix)) {
      errors.push({ index, message: `${row}: prefix ${prefix} is already configured` });
      return;
    }
    const separator = raw.separator === undefined ? "-" : raw.separator;
    if (separator !== "-" && separator !== "") {
      errors.push({ index, message: `${row}: separator must be "-" or empty` });
      return;
    }
    const body = readBody(raw.body);
    if (typeof body === "string") {
      errors.push({ index, message: `${row}: ${body}` });
      return;
    }
    const known = DEFAULT_PROGRAMME_TEST_ID_FORMATS.find((f) => f.prefix === prefix);
    const format: ProgrammeTestIdFormat = {
      kind: typeof raw.kind === "string" && raw.kind.trim() !== "" ? raw.kind.trim() : (known?.kind ?? prefix),
      prefix,
      separator,
      body,
      name: typeof raw.name === "string" && raw.name.trim() !== "" ? raw.name.trim() : (known?.name ?? `${prefix} test case`),
      example: "",
    };
    if (typeof raw.example === "string" && raw.example.trim() !== "") {
      const read = parseReferenceToken(raw.example, [format]);
      if (!read.ok || read.reference.id !== raw.example.trim()) {
        errors.push({ index, message: `${row}: example "${raw.example.trim()}" is not written in this format (${describeIdPattern(format)})` });
        return;
      }
      format.example = read.reference.id;
    } else {
      format.example = describeIdPattern(format);
    }
    formats.push(format);
  });
  return { formats, errors };
}
