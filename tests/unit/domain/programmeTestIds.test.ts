import fc from "fast-check";
import {
  DEFAULT_PROGRAMME_TEST_ID_FORMATS,
  canonicaliseProgrammeTestId,
  describeIdPattern,
  readProgrammeTestIdFormats,
  validateProgrammeTestId,
} from "../../../src/domain/programmeTestIds";
import { DESIGN_REFERENCE_FAMILIES } from "../../../src/domain/references";

describe("default formats", () => {
  it("are QT and SITNFT, shared with the design reference reader", () => {
    expect(DEFAULT_PROGRAMME_TEST_ID_FORMATS.map((f) => f.prefix)).toEqual(["QT", "SITNFT"]);
    for (const format of DEFAULT_PROGRAMME_TEST_ID_FORMATS) expect(DESIGN_REFERENCE_FAMILIES).toContain(format);
  });

  it("describe themselves as patterns", () => {
    expect(DEFAULT_PROGRAMME_TEST_ID_FORMATS.map(describeIdPattern)).toEqual(["QT-nnn", "SITNFT-T<theme>-nnn"]);
    expect(DESIGN_REFERENCE_FAMILIES.map(describeIdPattern)).toContain("IR<major>.<minor>");
    expect(DESIGN_REFERENCE_FAMILIES.map(describeIdPattern)).toContain("MHHS-DEL<number>");
  });
});

describe("validateProgrammeTestId", () => {
  it.each([
    ["QT-093", "QT-093", "qtTestCase"],
    ["qt093", "QT-093", "qtTestCase"],
    [" QT 093 ", "QT-093", "qtTestCase"],
    ["SITNFT-T2-020", "SITNFT-T2-020", "sitNftTestSet"],
    ["sit-nft-t2-020", "SITNFT-T2-020", "sitNftTestSet"],
  ])("%j is %s", (typed, id, kind) => {
    expect(validateProgrammeTestId(typed)).toEqual({ valid: true, id, kind });
    expect(canonicaliseProgrammeTestId(typed)).toBe(id);
  });

  it("asks for a value when empty", () => {
    expect(validateProgrammeTestId("")).toEqual({ valid: false, reason: "Enter a programme test case id such as QT-093 or SITNFT-T2-020" });
  });

  it("accepts one id only", () => {
    expect(validateProgrammeTestId("QT-093, QT-094")).toEqual({
      valid: false,
      reason: "Enter one test case id only (such as QT-093 or SITNFT-T2-020); found 2",
    });
  });

  it("passes on the reader's reason", () => {
    expect(validateProgrammeTestId("QT-93")).toEqual({ valid: false, reason: "QT needs three digits, as in QT-093; got 2" });
    expect(validateProgrammeTestId("SITNFT-T-020")).toEqual({
      valid: false,
      reason: "SITNFT theme is empty: write T and the theme number, as in SITNFT-T2-020",
    });
    expect(validateProgrammeTestId("XYZ-1")).toEqual({ valid: false, reason: 'Unknown reference type "XYZ": use QT or SITNFT' });
    expect(canonicaliseProgrammeTestId("QT-93")).toBeUndefined();
  });

  it("says when the value is a design reference rather than a test case id", () => {
    expect(validateProgrammeTestId("if033")).toEqual({
      valid: false,
      reason: "IF-033 is an interface reference, not a test case id: use QT-093 or SITNFT-T2-020",
    });
    expect(validateProgrammeTestId("DES138")).toEqual({
      valid: false,
      reason: "DES138 is a design document reference, not a test case id: use QT-093 or SITNFT-T2-020",
    });
  });

  it("says when no formats are configured", () => {
    expect(validateProgrammeTestId("QT-093", [])).toEqual({ valid: false, reason: "No programme test case id formats are configured" });
  });

  it("never throws, and valid ids are canonical fixed points", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const result = validateProgrammeTestId(text);
        if (result.valid) expect(validateProgrammeTestId(result.id)).toEqual(result);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."QTSINF-t0123456789 "), maxLength: 16 }), (text) => {
        const result = validateProgrammeTestId(text);
        if (result.valid) {
          expect(validateProgrammeTestId(result.id)).toEqual(result);
          expect(validateProgrammeTestId(text.toLowerCase())).toEqual(result);
        }
      }),
    );
  });
});

describe("configured formats", () => {
  const configured = [
    { prefix: "QT", separator: "-", body: { form: "digits", count: 3 }, example: "QT-093" },
    { prefix: "sitft", kind: "sitFtTestSet", name: "SIT Functional test set", body: { form: "themeSet", setDigits: 3 }, example: "SITFT-T3-012" },
    { prefix: "UIT", separator: "", body: { form: "number" } },
  ];

  it("are read from configuration data", () => {
    const { formats, errors } = readProgrammeTestIdFormats(configured);
    expect(errors).toEqual([]);
    expect(formats).toEqual([
      { kind: "qtTestCase", prefix: "QT", separator: "-", body: { form: "digits", count: 3 }, name: "Qualification Testing test case", example: "QT-093" },
      { kind: "sitFtTestSet", prefix: "SITFT", separator: "-", body: { form: "themeSet", setDigits: 3 }, name: "SIT Functional test set", example: "SITFT-T3-012" },
      { kind: "UIT", prefix: "UIT", separator: "", body: { form: "number" }, name: "UIT test case", example: "UIT<number>" },
    ]);
  });

  it("validate ids in those formats", () => {
    const { formats } = readProgrammeTestIdFormats(configured);
    expect(validateProgrammeTestId("sitft t3-012", formats)).toEqual({ valid: true, id: "SITFT-T3-012", kind: "sitFtTestSet" });
    expect(validateProgrammeTestId("UIT-42", formats)).toEqual({ valid: true, id: "UIT42", kind: "UIT" });
    expect(validateProgrammeTestId("SITFT-T3-12", formats)).toEqual({
      valid: false,
      reason: "SITFT set needs three digits, as in SITFT-T3-012; got 2",
    });
    expect(validateProgrammeTestId("SITNFT-T2-020", formats)).toEqual({
      valid: false,
      reason: "SITNFT-T2-020 is a SIT Non-Functional test set reference, not a test case id: use QT-093, SITFT-T3-012 or UIT<number>",
    });
  });

  it.each([
    [{}, 'Format 1: prefix must start with a letter and use letters, digits and single hyphens'],
    [{ prefix: "9X", body: { form: "number" } }, "Format 1: prefix must start with a letter and use letters, digits and single hyphens"],
    [{ prefix: "IF", body: { form: "digits", count: 3 } }, "Format 1: IF is a design reference prefix, not a test case id prefix"],
    [{ prefix: "ABC", separator: "/", body: { form: "number" } }, 'Format 1: separator must be "-" or empty'],
    [{ prefix: "ABC" }, "Format 1: needs a body: digits, number, version or themeSet"],
    [{ prefix: "ABC", body: { form: "regex" } }, "Format 1: body form must be digits, number, version or themeSet"],
    [{ prefix: "ABC", body: { form: "digits", count: 0 } }, "Format 1: digit count must be a whole number from 1 to 10"],
    [{ prefix: "ABC", body: { form: "themeSet", setDigits: 2.5 } }, "Format 1: set digit count must be a whole number from 1 to 10"],
    [{ prefix: "ABC", body: { form: "digits", count: 3 }, example: "ABC-12" }, 'Format 1: example "ABC-12" is not written in this format (ABC-nnn)'],
    ["QT", "Format 1 must be a record with prefix, separator and body"],
  ])("refuse %j", (entry, message) => {
    expect(readProgrammeTestIdFormats([entry])).toEqual({ formats: [], errors: [{ index: 0, message }] });
  });

  it("refuse a repeated prefix and a configuration that is not a list", () => {
    const twice = { prefix: "ABC", body: { form: "number" } };
    expect(readProgrammeTestIdFormats([twice, { ...twice, prefix: "abc" }]).errors).toEqual([
      { index: 1, message: "Format 2: prefix ABC is already configured" },
    ]);
    expect(readProgrammeTestIdFormats("QT")).toEqual({ formats: [], errors: [{ index: 0, message: "Test case id formats must be a list" }] });
  });

  it("never throw on arbitrary configuration", () => {
    fc.assert(fc.property(fc.anything(), (config) => void readProgrammeTestIdFormats(config)));
    fc.assert(fc.property(fc.array(fc.anything()), (config) => void readProgrammeTestIdFormats(config)));
  });
});
