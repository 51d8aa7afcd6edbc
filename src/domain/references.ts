// Design references (interfaces, processes, documents, releases, programme test ids) read from
// free text into canonical ids. The families are data so that other id sets (programme test
// case ids) reuse the same reader.

/** How the part after the prefix is written. */
export type ReferenceBody =
  /** A fixed number of digits, kept as written (IF-033, DIN-0123). */
  | { form: "digits"; count: number }
  /** One or more digits, kept as written (MHHS-DEL2647). */
  | { form: "number" }
  /** major.minor (IR8.5). */
  | { form: "version" }
  /** T<theme>-<set> with a fixed number of set digits (SITNFT-T2-020). */
  | { form: "themeSet"; setDigits: number };

export interface ReferenceFamily<K extends string = string> {
  kind: K;
  /** Canonical prefix, upper case (IF, MHHS-DEL). */
  prefix: string;
  /** Other accepted spellings of the prefix, upper case; the prefix without hyphens is always accepted. */
  aliases?: readonly string[];
  /** What goes between prefix and body in the canonical id. */
  separator: "" | "-";
  body: ReferenceBody;
  /** Plain-language name used in messages ("interface"). */
  name: string;
  /** A real-looking id used in messages. */
  example: string;
}

export interface Reference<K extends string = string> {
  kind: K;
  id: string;
}

export interface ReferenceError {
  /** The text as written (two words when a bare prefix was joined with the number after it). */
  token: string;
  reason: string;
}

export interface ReferenceParseResult<K extends string = string> {
  references: Reference<K>[];
  errors: ReferenceError[];
}

export const DESIGN_REFERENCE_FAMILIES = [
  { kind: "interface", prefix: "IF", separator: "-", body: { form: "digits", count: 3 }, name: "interface", example: "IF-033" },
  { kind: "publication", prefix: "PUB", separator: "-", body: { form: "digits", count: 3 }, name: "publication", example: "PUB-033" },
  { kind: "businessProcess", prefix: "BP", separator: "", body: { form: "digits", count: 3 }, name: "business process", example: "BP009" },
  { kind: "businessProcessDescription", prefix: "BPD", separator: "", body: { form: "digits", count: 3 }, name: "business process description", example: "BPD009" },
  { kind: "designDocument", prefix: "DES", separator: "", body: { form: "digits", count: 3 }, name: "design document", example: "DES138" },
  { kind: "e2eDesign", prefix: "E2E", separator: "", body: { form: "digits", count: 3 }, name: "end-to-end design document", example: "E2E001" },
  { kind: "brs", prefix: "BRS", separator: "", body: { form: "digits", count: 3 }, name: "business requirements specification", example: "BRS001" },
  { kind: "method", prefix: "METH", separator: "", body: { form: "digits", count: 3 }, name: "method statement", example: "METH001" },
  { kind: "operationalChoreography", prefix: "OPC", separator: "", body: { form: "digits", count: 3 }, name: "operational choreography", example: "OPC001" },
  { kind: "interimRelease", prefix: "IR", separator: "", body: { form: "version" }, name: "interim release", example: "IR8.5" },
  { kind: "din", prefix: "DIN", separator: "-", body: { form: "digits", count: 4 }, name: "design issue notification", example: "DIN-0123" },
  { kind: "changeRequest", prefix: "CR", separator: "", body: { form: "digits", count: 3 }, name: "change request", example: "CR055" },
  { kind: "qtTestCase", prefix: "QT", separator: "-", body: { form: "digits", count: 3 }, name: "Qualification Testing test case", example: "QT-093" },
  { kind: "sitNftTestSet", prefix: "SITNFT", aliases: ["SIT-NFT"], separator: "-", body: { form: "themeSet", setDigits: 3 }, name: "SIT Non-Functional test set", example: "SITNFT-T2-020" },
  { kind: "deliverable", prefix: "MHHS-DEL", separator: "", body: { form: "number" }, name: "programme deliverable", example: "MHHS-DEL2647" },
] as const satisfies readonly ReferenceFamily[];

export type DesignReferenceKind = (typeof DESIGN_REFERENCE_FAMILIES)[number]["kind"];
export type DesignReference = Reference<DesignReferenceKind>;

export const DESIGN_RELEASE_KINDS: readonly DesignReferenceKind[] = ["interimRelease", "din", "changeRequest"];

// A slash is accepted too: interface pairs are often written IF-033/PUB-033.
const SEPARATORS = /[\s,;/]+/;
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export function withArticle(name: string): string {
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

const spellingCache = new WeakMap<ReferenceFamily, string[]>();

function spellingsOf(family: ReferenceFamily): string[] {
  let spellings = spellingCache.get(family);
  if (!spellings) {
    const all = [family.prefix, ...(family.aliases ?? [])].map((s) => s.toUpperCase());
    spellings = Array.from(new Set([...all, ...all.map((s) => s.replace(/-/g, ""))]));
    spellingCache.set(family, spellings);
  }
  return spellings;
}

function describeBody(body: ReferenceBody): string {
  switch (body.form) {
    case "digits":
      return `${countWord(body.count)} digits`;
    case "number":
      return "a number";
    case "version":
      return "a version written major.minor";
    case "themeSet":
      return "a theme and a set number";
  }
}

function listPrefixes(families: readonly ReferenceFamily[]): string {
  const prefixes = families.map((f) => f.prefix);
  if (prefixes.length <= 1) return prefixes.join("");
  return `${prefixes.slice(0, -1).join(", ")} or ${prefixes[prefixes.length - 1]}`;
}

export type ReferenceTokenResult<K extends string> =
  | { ok: true; reference: Reference<K> }
  | { ok: false; reason: string; family?: ReferenceFamily<K> };

interface PrefixMatch<K extends string> {
  family: ReferenceFamily<K>;
  spelling: string;
}

function matchPrefix<K extends string>(upper: string, families: readonly ReferenceFamily<K>[]): PrefixMatch<K> | undefined {
  let best: PrefixMatch<K> | undefined;
  for (const family of families) {
    for (const spelling of spellingsOf(family)) {
      if (upper.startsWith(spelling) && (!best || spelling.length > best.spelling.length)) best = { family, spelling };
    }
  }
  return best;
}

function readBody(family: ReferenceFamily, rest: string): { ok: true; body: string } | { ok: false; reason: string } {
  const { prefix, example, body } = family;
  if (rest === "") return { ok: false, reason: `${prefix} needs ${describeBody(body)}, as in ${example}` };
  switch (body.form) {
    case "digits": {
      if (!/^\d+$/.test(rest)) return { ok: false, reason: `${prefix} needs ${countWord(body.count)} digits, as in ${example}; found "${rest}"` };
      if (rest.length !== body.count) {
        return { ok: false, reason: `${prefix} needs ${countWord(body.count)} digits, as in ${example}; got ${rest.length}` };
      }
      return { ok: true, body: rest };
    }
    case "number": {
      if (!/^\d+$/.test(rest)) return { ok: false, reason: `${prefix} needs a number, as in ${example}; found "${rest}"` };
      return { ok: true, body: rest };
    }
    case "version": {
      const m = /^(\d+)\.(\d+)$/.exec(rest);
      if (!m) return { ok: false, reason: `${prefix} needs a version written major.minor, as in ${example}; found "${rest}"` };
      // IR8.05 could mean 8.5 or a decimal; refuse to guess.
      if (m[2].length > 1 && m[2].startsWith("0")) {
        return { ok: false, reason: `${prefix} minor version must not start with 0, as in ${example}; found "${rest}"` };
      }
      return { ok: true, body: `${stripLeadingZeros(m[1])}.${m[2]}` };
    }
    case "themeSet": {
      if (!rest.startsWith("T")) {
        return { ok: false, reason: `${prefix} needs a theme written T<number>, as in ${example}; found "${rest}"` };
      }
      const m = /^T(\d*)(.*)$/s.exec(rest) as RegExpExecArray;
      const theme = m[1];
      const after = m[2];
      if (theme === "") return { ok: false, reason: `${prefix} theme is empty: write T and the theme number, as in ${example}` };
      // T2020 is more likely a missing hyphen than theme 2020.
      if (after === "" && theme.length > 2) {
        return { ok: false, reason: `${prefix} needs a hyphen between theme and set, as in ${example}; found "${rest}"` };
      }
      if (after === "" || after === "-") return { ok: false, reason: `${prefix} needs a set number after the theme, as in ${example}` };
      if (!after.startsWith("-")) {
        return { ok: false, reason: `${prefix} needs a hyphen between theme and set, as in ${example}; found "${rest}"` };
      }
      const set = after.slice(1);
      if (!/^\d+$/.test(set)) {
        return { ok: false, reason: `${prefix} set needs ${countWord(body.setDigits)} digits, as in ${example}; found "${set}"` };
      }
      if (set.length !== body.setDigits) {
        return { ok: false, reason: `${prefix} set needs ${countWord(body.setDigits)} digits, as in ${example}; got ${set.length}` };
      }
      return { ok: true, body: `T${stripLeadingZeros(theme)}-${set}` };
    }
  }
}

/** Reads one token (no separators inside) against the given families. */
export function parseReferenceToken<K extends string>(token: string, families: readonly ReferenceFamily<K>[]): ReferenceTokenResult<K> {
  const upper = token.trim().toUpperCase();
  if (upper === "") return { ok: false, reason: "Empty reference" };
  const match = matchPrefix(upper, families);
  if (!match) {
    const letters = /^[A-Z][A-Z0-9]*?(?=[-\d.]|$)/.exec(upper)?.[0];
    if (!letters) return { ok: false, reason: `Does not start with a reference type: use ${listPrefixes(families)}` };
    return { ok: false, reason: `Unknown reference type "${letters}": use ${listPrefixes(families)}` };
  }
  const { family, spelling } = match;
  let rest = upper.slice(spelling.length);
  if (family.body.form !== "themeSet" && /^-?[A-Z]/.test(rest)) {
    const letters = spelling + /^-?[A-Z]+/.exec(rest)?.[0];
    return { ok: false, reason: `Unknown reference type "${letters}": use ${listPrefixes(families)}` };
  }
  if (rest.startsWith("-")) rest = rest.slice(1);
  const body = readBody(family, rest);
  if (!body.ok) return { ok: false, reason: body.reason, family };
  return { ok: true, reference: { kind: family.kind, id: `${family.prefix}${family.separator}${body.body}` } };
}

function isBarePrefix(upper: string, families: readonly ReferenceFamily[]): ReferenceFamily | undefined {
  const withoutHyphen = upper.endsWith("-") ? upper.slice(0, -1) : upper;
  return families.find((f) => spellingsOf(f).includes(withoutHyphen));
}

/** Reads a list of references separated by spaces, commas, semicolons, slashes or new lines. */
export function parseReferenceList<K extends string>(text: string, families: readonly ReferenceFamily<K>[]): ReferenceParseResult<K> {
  const tokens = String(text ?? "").split(SEPARATORS).filter((t) => t !== "");
  const references: Reference<K>[] = [];
  const errors: ReferenceError[] = [];
  const seenIds = new Set<string>();
  const seenErrors = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i];
    const bare = isBarePrefix(token.toUpperCase(), families);
    const next = tokens[i + 1];
    // "IF 033" and "SITNFT T2-020": a prefix typed apart from its number is one reference.
    if (bare && next !== undefined && (/^\d/.test(next) || (bare.body.form === "themeSet" && /^t/i.test(next)))) {
      const joined = token.endsWith("-") ? token + next : `${token}-${next}`;
      const result = parseReferenceToken(joined, families);
      token = `${token} ${next}`;
      i++;
      record(token, result);
      continue;
    }
    record(token, parseReferenceToken(token, families));
  }
  return { references, errors };

  function record(token: string, result: ReferenceTokenResult<K>): void {
    if (result.ok) {
      if (!seenIds.has(result.reference.id)) {
        seenIds.add(result.reference.id);
        references.push(result.reference);
      }
      return;
    }
    const key = token.toUpperCase();
    if (seenErrors.has(key)) return;
    seenErrors.add(key);
    errors.push({ token, reason: result.reason });
  }
}

/** Reads the Design References field: `IF-033; PUB-033, BP009 DES138 IR8.5 ...`. */
export function parseDesignReferences(text: string): ReferenceParseResult<DesignReferenceKind> {
  return parseReferenceList(text, DESIGN_REFERENCE_FAMILIES);
}

/** Canonical text for the field: ids in order, duplicates dropped, joined with "; ". */
export function formatDesignReferences(refs: readonly { id: string }[]): string {
  return Array.from(new Set(refs.map((r) => r.id))).join("; ");
}

export function findReferenceFamily(kind: string): ReferenceFamily<DesignReferenceKind> | undefined {
  return DESIGN_REFERENCE_FAMILIES.find((f) => f.kind === kind);
}

export type DesignReleaseResult = { valid: true; release: DesignReference } | { valid: false; reason: string };

const RELEASE_EXAMPLES = "IR8.5, DIN-0123 or CR055";

/** Reads the single Design Release value of a defect or requirement (IR, DIN or CR). */
export function parseDesignRelease(text: string): DesignReleaseResult {
  const parsed = parseDesignReferences(text);
  const count = parsed.references.length + parsed.errors.length;
  if (count === 0) return { valid: false, reason: `Enter a design release such as ${RELEASE_EXAMPLES}` };
  if (count > 1) return { valid: false, reason: `Enter one design release only (such as ${RELEASE_EXAMPLES}); found ${count}` };
  if (parsed.errors.length === 1) return { valid: false, reason: parsed.errors[0].reason };
  const release = parsed.references[0];
  if (!DESIGN_RELEASE_KINDS.includes(release.kind)) {
    const family = findReferenceFamily(release.kind);
    return { valid: false, reason: `${release.id} is ${withArticle(family?.name ?? release.kind)}, not a design release: use ${RELEASE_EXAMPLES}` };
  }
  return { valid: true, release };
}

export interface InterimReleaseVersion {
  major: string;
  minor: string;
}

/** The major and minor numbers (as digit strings, no leading zeros on major) of an IR id, or undefined. */
export function parseInterimRelease(text: string): InterimReleaseVersion | undefined {
  const result = parseReferenceToken(String(text ?? ""), DESIGN_REFERENCE_FAMILIES);
  if (!result.ok || result.reference.kind !== "interimRelease") return undefined;
  const [major, minor] = result.reference.id.slice(2).split(".");
  return { major, minor };
}

function compareDigitStrings(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders Interim Releases by version (IR8.9 before IR8.10); unreadable values sort last, by text. */
export function compareInterimReleases(a: string | { id: string }, b: string | { id: string }): number {
  const textA = typeof a === "string" ? a : a.id;
  const textB = typeof b === "string" ? b : b.id;
  const va = parseInterimRelease(textA);
  const vb = parseInterimRelease(textB);
  if (va && vb) return compareDigitStrings(va.major, vb.major) || compareDigitStrings(va.minor, vb.minor);
  if (va) return -1;
  if (vb) return 1;
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}
