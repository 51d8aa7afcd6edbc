import fc from "fast-check";
import {
  DESIGN_REFERENCE_FAMILIES,
  compareInterimReleases,
  formatDesignReferences,
  parseDesignRelease,
  parseDesignReferences,
  parseInterimRelease,
  parseReferenceToken,
} from "../../../src/domain/references";

const BRIEF_EXAMPLE = "IF-033; PUB-033, BP009 DES138 IR8.5 DIN-0123 CR055 QT-093 SITNFT-T2-020 MHHS-DEL2647";

function ids(text: string): string[] {
  return parseDesignReferences(text).references.map((r) => r.id);
}

function reasonFor(text: string): string {
  const { references, errors } = parseDesignReferences(text);
  expect(references).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0].reason;
}

describe("parseDesignReferences: the programme's families", () => {
  it("reads the example list into typed canonical references", () => {
    const result = parseDesignReferences(BRIEF_EXAMPLE);
    expect(result.errors).toEqual([]);
    expect(result.references).toEqual([
      { kind: "interface", id: "IF-033" },
      { kind: "publication", id: "PUB-033" },
      { kind: "businessProcess", id: "BP009" },
      { kind: "designDocument", id: "DES138" },
      { kind: "interimRelease", id: "IR8.5" },
      { kind: "din", id: "DIN-0123" },
      { kind: "changeRequest", id: "CR055" },
      { kind: "qtTestCase", id: "QT-093" },
      { kind: "sitNftTestSet", id: "SITNFT-T2-020" },
      { kind: "deliverable", id: "MHHS-DEL2647" },
    ]);
  });

  it("reads the other artefact families", () => {
    expect(parseDesignReferences("BPD002 E2E014 BRS003 METH001 OPC010").references).toEqual([
      { kind: "businessProcessDescription", id: "BPD002" },
      { kind: "e2eDesign", id: "E2E014" },
      { kind: "brs", id: "BRS003" },
      { kind: "method", id: "METH001" },
      { kind: "operationalChoreography", id: "OPC010" },
    ]);
  });

  it("gives every family a distinct kind and prefix, and its example is canonical", () => {
    const kinds = DESIGN_REFERENCE_FAMILIES.map((f) => f.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const family of DESIGN_REFERENCE_FAMILIES) {
      expect(ids(family.example)).toEqual([family.example]);
    }
  });

  it("returns nothing for empty or separator-only text", () => {
    expect(parseDesignReferences("")).toEqual({ references: [], errors: [] });
    expect(parseDesignReferences(" ;,\n\t ")).toEqual({ references: [], errors: [] });
  });

  it("splits on spaces, commas, semicolons, tabs and new lines", () => {
    expect(ids("IF-031,IF-035;IF-036\nIF-037\r\nIF-041\tPUB-041")).toEqual(["IF-031", "IF-035", "IF-036", "IF-037", "IF-041", "PUB-041"]);
  });

  it("splits an interface pair written with a slash", () => {
    expect(ids("IF-033/PUB-033")).toEqual(["IF-033", "PUB-033"]);
  });
});

describe("parseDesignReferences: harmless variants are canonicalised", () => {
  it.each([
    ["if-033", "IF-033"],
    ["IF033", "IF-033"],
    ["pub033", "PUB-033"],
    ["BP-009", "BP009"],
    ["bp009", "BP009"],
    ["Des-138", "DES138"],
    ["E2E-014", "E2E014"],
    ["meth-001", "METH001"],
    ["IR-8.5", "IR8.5"],
    ["ir8.5", "IR8.5"],
    ["IR08.5", "IR8.5"],
    ["IR8.10", "IR8.10"],
    ["din0123", "DIN-0123"],
    ["CR-055", "CR055"],
    ["qt093", "QT-093"],
    ["sitnft-t2-020", "SITNFT-T2-020"],
    ["SITNFTT2-020", "SITNFT-T2-020"],
    ["SIT-NFT-T2-020", "SITNFT-T2-020"],
    ["SITNFT-T02-020", "SITNFT-T2-020"],
    ["mhhs-del2647", "MHHS-DEL2647"],
    ["MHHSDEL2647", "MHHS-DEL2647"],
    ["MHHS-DEL-2647", "MHHS-DEL2647"],
  ])("%s reads as %s", (typed, canonical) => {
    expect(parseDesignReferences(typed)).toEqual({ references: [expect.objectContaining({ id: canonical })], errors: [] });
  });

  it.each([
    ["IF 033", "IF-033"],
    ["IF- 033", "IF-033"],
    ["bp 009", "BP009"],
    ["IR 8.5", "IR8.5"],
    ["MHHS-DEL 2647", "MHHS-DEL2647"],
    ["SITNFT T2-020", "SITNFT-T2-020"],
  ])("a prefix typed apart from its number, %s, reads as %s", (typed, canonical) => {
    expect(parseDesignReferences(typed)).toEqual({ references: [expect.objectContaining({ id: canonical })], errors: [] });
  });

  it("reports a prefix typed apart from a bad number as one token", () => {
    expect(parseDesignReferences("IF 33").errors).toEqual([{ token: "IF 33", reason: "IF needs three digits, as in IF-033; got 2" }]);
  });

  it("collapses duplicates, keeping the first position", () => {
    expect(ids("PUB-033 IF-033 if033 PUB033 IF 033 BP009 pub-033")).toEqual(["PUB-033", "IF-033", "BP009"]);
  });

  it("collapses repeated bad tokens into one error", () => {
    expect(parseDesignReferences("XYZ1 xyz1 XYZ1").errors).toHaveLength(1);
  });

  it("keeps good references when others are bad", () => {
    const result = parseDesignReferences("IF-033 IF-33 BP009");
    expect(result.references.map((r) => r.id)).toEqual(["IF-033", "BP009"]);
    expect(result.errors).toEqual([{ token: "IF-33", reason: "IF needs three digits, as in IF-033; got 2" }]);
  });
});

describe("parseDesignReferences: every unreadable token says why", () => {
  it.each([
    ["if-33", "IF needs three digits, as in IF-033; got 2"],
    ["IF-0333", "IF needs three digits, as in IF-033; got 4"],
    ["IF-03A", 'IF needs three digits, as in IF-033; found "03A"'],
    ["IF", "IF needs three digits, as in IF-033"],
    ["IF-", "IF needs three digits, as in IF-033"],
    ["PUB-33", "PUB needs three digits, as in PUB-033; got 2"],
    ["BP9", "BP needs three digits, as in BP009; got 1"],
    ["DIN-123", "DIN needs four digits, as in DIN-0123; got 3"],
    ["CR55", "CR needs three digits, as in CR055; got 2"],
    ["QT-93", "QT needs three digits, as in QT-093; got 2"],
    ["DES1380", "DES needs three digits, as in DES138; got 4"],
    ["IR8", 'IR needs a version written major.minor, as in IR8.5; found "8"'],
    ["IR8.5.1", 'IR needs a version written major.minor, as in IR8.5; found "8.5.1"'],
    ["IR", "IR needs a version written major.minor, as in IR8.5"],
    ["IR8.05", 'IR minor version must not start with 0, as in IR8.5; found "8.05"'],
    ["SITNFT-T-020", "SITNFT theme is empty: write T and the theme number, as in SITNFT-T2-020"],
    ["SITNFT-2-020", 'SITNFT needs a theme written T<number>, as in SITNFT-T2-020; found "2-020"'],
    ["SITNFT-T2", "SITNFT needs a set number after the theme, as in SITNFT-T2-020"],
    ["SITNFT-T2-", "SITNFT needs a set number after the theme, as in SITNFT-T2-020"],
    ["SITNFT-T2020", 'SITNFT needs a hyphen between theme and set, as in SITNFT-T2-020; found "T2020"'],
    ["SITNFT-T2-20", "SITNFT set needs three digits, as in SITNFT-T2-020; got 2"],
    ["SITNFT-T2-02X", 'SITNFT set needs three digits, as in SITNFT-T2-020; found "02X"'],
    ["SITNFT", "SITNFT needs a theme and a set number, as in SITNFT-T2-020"],
    ["MHHS-DEL", "MHHS-DEL needs a number, as in MHHS-DEL2647"],
    ["MHHS-DELX1", "Unknown reference type \"MHHS-DELX\": use IF, PUB, BP, BPD, DES, E2E, BRS, METH, OPC, IR, DIN, CR, QT, SITNFT or MHHS-DEL"],
    ["MHHS-DEL12a", 'MHHS-DEL needs a number, as in MHHS-DEL2647; found "12A"'],
  ])("%s: %s", (typed, reason) => {
    expect(reasonFor(typed)).toBe(reason);
  });

  it("names an unknown prefix and lists the known ones", () => {
    expect(reasonFor("XYZ-123")).toBe(
      'Unknown reference type "XYZ": use IF, PUB, BP, BPD, DES, E2E, BRS, METH, OPC, IR, DIN, CR, QT, SITNFT or MHHS-DEL',
    );
    expect(reasonFor("design")).toMatch(/^Unknown reference type "DESIGN"/);
    expect(reasonFor("BPX001")).toMatch(/^Unknown reference type "BPX"/);
    expect(reasonFor("SMS")).toMatch(/^Unknown reference type "SMS"/);
  });

  it("says when a token does not start with a type at all", () => {
    expect(reasonFor("033")).toMatch(/^Does not start with a reference type: use IF, PUB/);
    expect(reasonFor("#IF-033")).toMatch(/^Does not start with a reference type/);
  });

  it("keeps the token as written", () => {
    expect(parseDesignReferences("if-33").errors[0].token).toBe("if-33");
  });
});

describe("parseReferenceToken", () => {
  it("does not break on a line break inside a SITNFT token", () => {
    expect(parseReferenceToken("SITNFT-T2\n-020", DESIGN_REFERENCE_FAMILIES).ok).toBe(false);
  });

  it("rejects an empty token", () => {
    expect(parseReferenceToken("  ", DESIGN_REFERENCE_FAMILIES)).toEqual({ ok: false, reason: "Empty reference" });
  });
});

describe("formatDesignReferences", () => {
  it("joins canonical ids with '; ' and drops repeats", () => {
    expect(formatDesignReferences(parseDesignReferences("if033 pub-033, bp-009 IF-033").references)).toBe("IF-033; PUB-033; BP009");
    expect(formatDesignReferences([])).toBe("");
  });
});

describe("parseDesignRelease", () => {
  it.each([
    ["IR8.5", { kind: "interimRelease", id: "IR8.5" }],
    [" ir 8.8 ", { kind: "interimRelease", id: "IR8.8" }],
    ["DIN-0123", { kind: "din", id: "DIN-0123" }],
    ["din0123", { kind: "din", id: "DIN-0123" }],
    ["CR055", { kind: "changeRequest", id: "CR055" }],
  ])("%s is a design release", (typed, release) => {
    expect(parseDesignRelease(typed)).toEqual({ valid: true, release });
  });

  it("asks for a value when empty", () => {
    expect(parseDesignRelease("  ")).toEqual({ valid: false, reason: "Enter a design release such as IR8.5, DIN-0123 or CR055" });
  });

  it("accepts one value only", () => {
    expect(parseDesignRelease("IR8.5; DIN-0123")).toEqual({
      valid: false,
      reason: "Enter one design release only (such as IR8.5, DIN-0123 or CR055); found 2",
    });
  });

  it("passes on the reason of an unreadable value", () => {
    expect(parseDesignRelease("DIN-12")).toEqual({ valid: false, reason: "DIN needs four digits, as in DIN-0123; got 2" });
  });

  it("refuses a design reference that is not a release", () => {
    expect(parseDesignRelease("IF-033")).toEqual({
      valid: false,
      reason: "IF-033 is an interface, not a design release: use IR8.5, DIN-0123 or CR055",
    });
    expect(parseDesignRelease("BP009")).toEqual({
      valid: false,
      reason: "BP009 is a business process, not a design release: use IR8.5, DIN-0123 or CR055",
    });
  });
});

describe("Interim Releases", () => {
  it("reads major and minor", () => {
    expect(parseInterimRelease("IR8.10")).toEqual({ major: "8", minor: "10" });
    expect(parseInterimRelease("ir 8.5")).toBeUndefined();
    expect(parseInterimRelease("DIN-0123")).toBeUndefined();
  });

  it("orders versions numerically", () => {
    expect(compareInterimReleases("IR8.10", "IR8.9")).toBeGreaterThan(0);
    expect(compareInterimReleases("IR8.9", "IR8.10")).toBeLessThan(0);
    expect(compareInterimReleases("IR10.0", "IR9.9")).toBeGreaterThan(0);
    expect(compareInterimReleases("ir8.5", "IR08.5")).toBe(0);
    expect(compareInterimReleases({ id: "IR5.5" }, { id: "IR8.8" })).toBeLessThan(0);
    expect(["IR8.8", "IR5.5", "IR8.10", "IR8.5", "IR10.1"].sort(compareInterimReleases)).toEqual([
      "IR5.5",
      "IR8.5",
      "IR8.8",
      "IR8.10",
      "IR10.1",
    ]);
  });

  it("sorts unreadable values after releases, by text", () => {
    expect(["junk", "IR8.5", "CR055", "IR5.5"].sort(compareInterimReleases)).toEqual(["IR5.5", "IR8.5", "CR055", "junk"]);
    expect(compareInterimReleases("b", "a")).toBeGreaterThan(0);
    expect(compareInterimReleases("a", "a")).toBe(0);
  });

  it("orders versions too long for floating point", () => {
    expect(compareInterimReleases("IR1.99999999999999999999", "IR1.99999999999999999998")).toBeGreaterThan(0);
  });
});

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

const canonicalId = fc.oneof(
  fc.tuple(fc.constantFrom("IF-", "PUB-", "BP", "BPD", "DES", "E2E", "BRS", "METH", "OPC", "CR", "QT-"), digits(3)).map(([p, d]) => p + d),
  digits(4).map((d) => `DIN-${d}`),
  fc.tuple(fc.nat(30), fc.nat(30)).map(([a, b]) => `IR${a}.${b}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(3)).map(([t, s]) => `SITNFT-T${t}-${s}`),
  fc.integer({ min: 1, max: 99999 }).map((n) => `MHHS-DEL${n}`),
);

const separator = fc.constantFrom(" ", ", ", ";", "\n", " ; ", "\t");

function randomCase(text: string, flips: boolean[]): string {
  return Array.from(text)
    .map((ch, i) => (flips[i % Math.max(flips.length, 1)] ? ch.toLowerCase() : ch.toUpperCase()))
    .join("");
}

describe("properties", () => {
  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const result = parseDesignReferences(text);
        expect(Array.isArray(result.references)).toBe(true);
        for (const e of result.errors) expect(typeof e.reason).toBe("string");
        parseDesignRelease(text);
        compareInterimReleases(text, "IR8.5");
      }),
    );
  });

  it("never throws on reference-like text", () => {
    const alphabet = fc.constantFrom(..."IFPUBDESRNCQTMHL-T.0123456789 ;,\n");
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (text) => void parseDesignReferences(text)));
  });

  it("canonical ids re-parse to themselves", () => {
    fc.assert(
      fc.property(canonicalId, (id) => {
        expect(parseDesignReferences(id)).toEqual({ references: [expect.objectContaining({ id })], errors: [] });
      }),
    );
  });

  it("formatting then parsing is the identity on references", () => {
    fc.assert(
      fc.property(fc.array(canonicalId, { maxLength: 12 }), (list) => {
        const refs = parseDesignReferences(list.join(" ")).references;
        expect(parseDesignReferences(formatDesignReferences(refs)).references).toEqual(refs);
      }),
    );
  });

  it("order and repetition of tokens do not change the set of references", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(canonicalId, { maxLength: 10 }).chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray([...list, ...list], { minLength: list.length * 2, maxLength: list.length * 2 }), separator),
        ),
        ([list, shuffled, sep]) => {
          const once = new Set(ids(list.join(sep)));
          const again = ids(shuffled.join(sep));
          expect(new Set(again)).toEqual(once);
          expect(again).toHaveLength(once.size);
        },
      ),
    );
  });

  it("letter case does not change the result", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(canonicalId, fc.constantFrom("IF-33", "xyz", "IR8", "SITNFT-T-1", "bp 009")), { maxLength: 8 }), fc.array(fc.boolean(), { minLength: 1 }), separator, (list, flips, sep) => {
        const text = list.join(sep);
        const base = parseDesignReferences(text);
        const varied = parseDesignReferences(randomCase(text, flips));
        expect(varied.references).toEqual(base.references);
        expect(varied.errors.map((e) => [e.token.toUpperCase(), e.reason])).toEqual(base.errors.map((e) => [e.token.toUpperCase(), e.reason]));
      }),
    );
  });

  it("Interim Release order matches numeric order", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (a1, a2, b1, b2) => {
        const expected = Math.sign(a1 - b1 || a2 - b2);
        expect(Math.sign(compareInterimReleases(`IR${a1}.${a2}`, `IR${b1}.${b2}`))).toBe(expected);
      }),
    );
  });
});
