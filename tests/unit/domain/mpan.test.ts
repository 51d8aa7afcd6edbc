import fc from "fast-check";
import { extractMpans, isRegionalDistributorId, makeValidMpan, mpanCheckDigit, validateMpanCore } from "../../../src/domain/mpan";

const WORKED_EXAMPLE = "1800021679848";
const WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43];

/** Independent reference: the weighted sum mod 11 (before the final mod 10). */
function remainder11(first12: string): number {
  return WEIGHTS.reduce((sum, w, i) => sum + w * Number(first12[i]), 0) % 11;
}

describe("mpanCheckDigit", () => {
  it("follows the worked example: sum 1328, mod 11 = 8", () => {
    expect(mpanCheckDigit("180002167984")).toBe(8);
  });

  it("maps a remainder of 10 to check digit 0", () => {
    // 3*0 + ... + 43*1 = 43, 43 mod 11 = 10, 10 mod 10 = 0
    expect(remainder11("000000000001")).toBe(10);
    expect(mpanCheckDigit("000000000001")).toBe(0);
  });

  it("is undefined unless given exactly 12 digits", () => {
    expect(mpanCheckDigit("18000216798")).toBeUndefined();
    expect(mpanCheckDigit("1800021679845")).toBeUndefined();
    expect(mpanCheckDigit("18000216798A")).toBeUndefined();
  });
});

describe("validateMpanCore", () => {
  it("accepts the worked example and reports the distributor", () => {
    expect(validateMpanCore(WORKED_EXAMPLE)).toEqual({
      valid: true,
      core: WORKED_EXAMPLE,
      distributorId: "18",
      distributorKind: "regional",
    });
  });

  it("tolerates spaces inside and around the number", () => {
    expect(validateMpanCore("18 0002 1679 848")).toMatchObject({ valid: true, core: WORKED_EXAMPLE });
    expect(validateMpanCore("  1800021679848\t")).toMatchObject({ valid: true, core: WORKED_EXAMPLE });
  });

  it("rejects the public sample MPANs that fail the check digit", () => {
    expect(validateMpanCore("1234567890123")).toEqual({ valid: false, reason: "MPAN core check digit should be 6, not 3" });
    expect(validateMpanCore("1012345678901")).toEqual({ valid: false, reason: "MPAN core check digit should be 3, not 1" });
  });

  it("names the expected check digit", () => {
    expect(validateMpanCore("1800021679843")).toEqual({ valid: false, reason: "MPAN core check digit should be 8, not 3" });
  });

  it("says how many digits it found when the length is wrong", () => {
    expect(validateMpanCore("180002167984")).toEqual({ valid: false, reason: "MPAN core must be 13 digits; found 12" });
    expect(validateMpanCore("18000216798480")).toEqual({ valid: false, reason: "MPAN core must be 13 digits; found 14" });
  });

  it("names the characters that are not digits", () => {
    expect(validateMpanCore("18-0002-1679-848")).toEqual({ valid: false, reason: 'MPAN core must contain digits only; found "-"' });
    expect(validateMpanCore("18000216798AB")).toEqual({ valid: false, reason: 'MPAN core must contain digits only; found "A" and "B"' });
    expect(validateMpanCore("1800021679848\u200b")).toEqual({ valid: false, reason: "MPAN core must contain digits only; found U+200B" });
    expect(validateMpanCore("abcdefghijklm")).toEqual({
      valid: false,
      reason: 'MPAN core must contain digits only; found "a", "b", "c", "d", "e" and 8 more',
    });
  });

  it("treats full-width digits as not digits", () => {
    expect(validateMpanCore("１800021679848")).toEqual({ valid: false, reason: 'MPAN core must contain digits only; found "１"' });
  });

  it("asks for a value when empty", () => {
    expect(validateMpanCore("   ")).toEqual({ valid: false, reason: "Enter a 13-digit MPAN core" });
  });

  it("does not reject independent distributor ids", () => {
    const independent = makeValidMpan("24", "0002167984");
    expect(validateMpanCore(independent)).toMatchObject({ valid: true, distributorId: "24", distributorKind: "independent" });
    expect(validateMpanCore(makeValidMpan("09", "0000000001"))).toMatchObject({ valid: true, distributorKind: "independent" });
  });
});

describe("isRegionalDistributorId", () => {
  it("is true for 10-23 only", () => {
    expect(["10", "14", "23"].map(isRegionalDistributorId)).toEqual([true, true, true]);
    expect(["09", "24", "99", "1", "ab"].map(isRegionalDistributorId)).toEqual([false, false, false, false, false]);
  });
});

describe("makeValidMpan", () => {
  it("rebuilds the worked example", () => {
    expect(makeValidMpan("18", "0002167984")).toBe(WORKED_EXAMPLE);
    expect(makeValidMpan(18, 2167984)).toBe(WORKED_EXAMPLE);
  });

  it("pads numeric input and rejects malformed input", () => {
    expect(makeValidMpan(1, 0)).toMatch(/^010000000000\d$/);
    expect(() => makeValidMpan("1", "0002167984")).toThrow('Distributor id must be 2 digits, not "1"');
    expect(() => makeValidMpan("18", "123")).toThrow('MPAN body must be 10 digits, not "123"');
    expect(() => makeValidMpan(18, -1)).toThrow(RangeError);
    expect(() => makeValidMpan(18, 1e10)).toThrow(RangeError);
  });
});

describe("extractMpans", () => {
  const second = makeValidMpan("23", "1234567890");

  it("splits on new lines, commas and semicolons and keeps the typed order", () => {
    const result = extractMpans(`${WORKED_EXAMPLE}\n${second}, ${makeValidMpan("10", "0000000001")};`);
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.mpans).toEqual([
      { core: WORKED_EXAMPLE, distributorId: "18", position: 1 },
      { core: second, distributorId: "23", position: 2 },
      { core: makeValidMpan("10", "0000000001"), distributorId: "10", position: 3 },
    ]);
  });

  it("reads a spaced-out number as one MPAN", () => {
    expect(extractMpans("18 0002 1679 848").mpans).toEqual([{ core: WORKED_EXAMPLE, distributorId: "18", position: 1 }]);
  });

  it("splits two numbers separated by a space", () => {
    expect(extractMpans(`${WORKED_EXAMPLE} ${second}`).mpans.map((m) => m.core)).toEqual([WORKED_EXAMPLE, second]);
  });

  it("splits a chunk on whitespace when it is not one 13-digit number", () => {
    const result = extractMpans(`${WORKED_EXAMPLE} 1234567890123 12345`);
    expect(result.mpans.map((m) => m.core)).toEqual([WORKED_EXAMPLE]);
    expect(result.errors).toEqual([
      { token: "1234567890123", reason: "MPAN core check digit should be 6, not 3", position: 2 },
      { token: "12345", reason: "MPAN core must be 13 digits; found 5", position: 3 },
    ]);
  });

  it("lists repeated cores once and keeps the first", () => {
    const result = extractMpans(`${WORKED_EXAMPLE}\n18 0002 1679 848\n${second}\n${WORKED_EXAMPLE}\n${second}`);
    expect(result.mpans).toEqual([
      { core: WORKED_EXAMPLE, distributorId: "18", position: 1 },
      { core: second, distributorId: "23", position: 3 },
    ]);
    expect(result.duplicates).toEqual([WORKED_EXAMPLE, second]);
  });

  it("reports bad items with their position and leaves out blanks", () => {
    const result = extractMpans(`\n\n MPAN: , ${WORKED_EXAMPLE} ;; 1800021679843\r\n`);
    expect(result.errors).toEqual([
      { token: "MPAN:", reason: 'MPAN core must contain digits only; found "M", "P", "A", "N" and ":"', position: 1 },
      { token: "1800021679843", reason: "MPAN core check digit should be 8, not 3", position: 3 },
    ]);
    expect(result.mpans).toEqual([{ core: WORKED_EXAMPLE, distributorId: "18", position: 2 }]);
  });

  it("returns empty lists for empty text", () => {
    expect(extractMpans("")).toEqual({ mpans: [], errors: [], duplicates: [] });
  });
});

const digitString = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
const validMpan = fc.tuple(digitString(2), digitString(10)).map(([id, body]) => makeValidMpan(id, body));

describe("properties", () => {
  it("validateMpanCore never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const result = validateMpanCore(text);
        if (!result.valid) expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it("extractMpans never throws and accounts for every item", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 ,;\nx") }), (text) => {
        const result = extractMpans(text);
        const positions = [...result.mpans.map((m) => m.position), ...result.errors.map((e) => e.position)];
        expect(new Set(positions).size).toBe(positions.length);
      }),
    );
  });

  it("every makeValidMpan output validates", () => {
    fc.assert(
      fc.property(digitString(2), digitString(10), (id, body) => {
        const core = makeValidMpan(id, body);
        expect(validateMpanCore(core)).toEqual({
          valid: true,
          core,
          distributorId: id,
          distributorKind: isRegionalDistributorId(id) ? "regional" : "independent",
        });
      }),
    );
  });

  it("changing only the check digit always invalidates", () => {
    fc.assert(
      fc.property(validMpan, fc.integer({ min: 1, max: 9 }), (core, shift) => {
        const changed = core.slice(0, 12) + String((Number(core[12]) + shift) % 10);
        expect(validateMpanCore(changed).valid).toBe(false);
      }),
    );
  });

  it("changing one body digit invalidates unless the remainder moves between 0 and 10", () => {
    // Every weight is non-zero mod 11, so the remainder always changes; only 0 and 10 share check digit 0.
    fc.assert(
      fc.property(validMpan, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (core, index, shift) => {
        const digit = String((Number(core[index]) + shift) % 10);
        const changed = core.slice(0, index) + digit + core.slice(index + 1);
        const before = remainder11(core.slice(0, 12));
        const after = remainder11(changed.slice(0, 12));
        expect(after).not.toBe(before);
        const collision = (before === 0 && after === 10) || (before === 10 && after === 0);
        expect(validateMpanCore(changed).valid).toBe(collision);
      }),
    );
  });

  it("such collisions exist, so the check cannot catch every single-digit error", () => {
    const core = makeValidMpan("00", "0000000001");
    expect(remainder11(core.slice(0, 12))).toBe(10);
    const twin = "000000000000" + core[12];
    expect(remainder11(twin.slice(0, 12))).toBe(0);
    expect(validateMpanCore(twin).valid).toBe(true);
    expect(validateMpanCore(core).valid).toBe(true);
  });

  it("inserting whitespace does not change validity", () => {
    fc.assert(
      fc.property(
        fc.oneof(validMpan, digitString(13), fc.string({ unit: fc.constantFrom(..."0123456789a-"), maxLength: 16 })),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(" ", "  ", "\t")), { maxLength: 5 }),
        (text, inserts) => {
          let spaced = text;
          for (const [at, ws] of inserts) {
            const i = at % (spaced.length + 1);
            spaced = spaced.slice(0, i) + ws + spaced.slice(i);
          }
          expect(validateMpanCore(spaced)).toEqual(validateMpanCore(text));
        },
      ),
    );
  });

  it("a list of valid MPANs comes back whole, whatever the separators", () => {
    fc.assert(
      fc.property(fc.uniqueArray(validMpan, { maxLength: 10 }), fc.constantFrom("\n", ", ", ";", " ", "\r\n"), (cores, sep) => {
        const result = extractMpans(cores.join(sep));
        expect(result.errors).toEqual([]);
        expect(result.mpans.map((m) => m.core)).toEqual(cores);
      }),
    );
  });
});
