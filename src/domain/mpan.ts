// MPAN cores used as test data: 13 digits, 2-digit distributor id, 10 digits, check digit.

const CHECK_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

/** Regional distribution operators (DNOs) have ids 10-23; anything else is treated as independent. */
export type DistributorKind = "regional" | "independent";

export type MpanValidation =
  | { valid: true; core: string; distributorId: string; distributorKind: DistributorKind }
  | { valid: false; reason: string };

export interface ExtractedMpan {
  core: string;
  distributorId: string;
  /** 1-based place of the item in the list as typed (valid and invalid items both count). */
  position: number;
}

export interface MpanListError {
  token: string;
  reason: string;
  position: number;
}

export interface MpanExtraction {
  /** Valid cores, each once, in the order first typed. */
  mpans: ExtractedMpan[];
  errors: MpanListError[];
  /** Valid cores typed more than once, each listed once. */
  duplicates: string[];
}

export function isRegionalDistributorId(distributorId: string): boolean {
  if (!/^\d{2}$/.test(distributorId)) return false;
  const n = Number(distributorId);
  return n >= 10 && n <= 23;
}

/** The check digit for the first 12 digits of an MPAN core, or undefined if not exactly 12 digits. */
export function mpanCheckDigit(first12: string): number | undefined {
  if (!/^\d{12}$/.test(first12)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * CHECK_WEIGHTS[i];
  return (sum % 11) % 10;
}

function describeCharacter(ch: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch)) return `"${ch}"`;
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Checks one MPAN core; spaces inside the number are ignored. */
export function validateMpanCore(text: string): MpanValidation {
  const compact = String(text ?? "").replace(/\s+/g, "");
  if (compact === "") return { valid: false, reason: "Enter a 13-digit MPAN core" };
  const foreign = Array.from(new Set(Array.from(compact).filter((ch) => !/^[0-9]$/.test(ch))));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).map(describeCharacter);
    if (foreign.length > 5) shown.push(`${foreign.length - 5} more`);
    return { valid: false, reason: `MPAN core must contain digits only; found ${listWords(shown)}` };
  }
  if (compact.length !== 13) {
    return { valid: false, reason: `MPAN core must be 13 digits; found ${compact.length}` };
  }
  const expected = mpanCheckDigit(compact.slice(0, 12)) as number;
  const actual = Number(compact[12]);
  if (expected !== actual) {
    return { valid: false, reason: `MPAN core check digit should be ${expected}, not ${actual}` };
  }
  const distributorId = compact.slice(0, 2);
  return {
    valid: true,
    core: compact,
    distributorId,
    distributorKind: isRegionalDistributorId(distributorId) ? "regional" : "independent",
  };
}

/** Splits a typed list: new lines, commas and semicolons always separate; spaces separate unless the chunk is one spaced-out 13-digit number. */
function splitMpanList(text: string): string[] {
  const items: string[] = [];
  for (const rawChunk of String(text ?? "").split(/[\r\n,;]+/)) {
    const chunk = rawChunk.trim();
    if (chunk === "") continue;
    if (/^\d{13}$/.test(chunk.replace(/\s+/g, ""))) items.push(chunk);
    else items.push(...chunk.split(/\s+/));
  }
  return items;
}

/** Reads the Test MPANs field into valid cores, per-item errors and repeated cores. */
export function extractMpans(text: string): MpanExtraction {
  const mpans: ExtractedMpan[] = [];
  const errors: MpanListError[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  splitMpanList(text).forEach((token, index) => {
    const position = index + 1;
    const result = validateMpanCore(token);
    if (!result.valid) {
      errors.push({ token, reason: result.reason, position });
      return;
    }
    if (seen.has(result.core)) {
      if (!duplicates.includes(result.core)) duplicates.push(result.core);
      return;
    }
    seen.add(result.core);
    mpans.push({ core: result.core, distributorId: result.distributorId, position });
  });
  return { mpans, errors, duplicates };
}

/** Builds a check-digit-valid MPAN core (for seeds and tests); throws on malformed input. */
export function makeValidMpan(distributorId: string | number, body10: string | number): string {
  const id = typeof distributorId === "number" ? String(distributorId).padStart(2, "0") : distributorId;
  const body = typeof body10 === "number" ? String(body10).padStart(10, "0") : body10;
  if (!/^\d{2}$/.test(id)) throw new RangeError(`Distributor id must be 2 digits, not "${id}"`);
  if (!/^\d{10}$/.test(body)) throw new RangeError(`MPAN body must be 10 digits, not "${body}"`);
  const first12 = id + body;
  return first12 + String(mpanCheckDigit(first12));
}
