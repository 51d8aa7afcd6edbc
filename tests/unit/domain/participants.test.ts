import fc from "fast-check";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import { Participant } from "../../../src/domain/model";
import {
  findParticipant,
  normaliseMpid,
  searchParticipants,
  validateMpid,
  validateParticipant,
  validateParticipantRegister,
} from "../../../src/domain/participants";

const catalogues = resolveCatalogues();

const supplier = { mpid: "ABCD", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" };

function errorsOf(input: unknown) {
  const result = validateParticipant(input, catalogues);
  if (result.valid) throw new Error("expected invalid");
  return result.errors;
}

describe("MPID", () => {
  it("normalises by trimming and upper-casing", () => {
    expect(normaliseMpid("  abcd ")).toBe("ABCD");
  });

  it("accepts 4 letters or digits, upper-casing lower case", () => {
    expect(validateMpid("ab1d")).toEqual({ valid: true, mpid: "AB1D" });
    expect(validateMpid(" 1234 ")).toEqual({ valid: true, mpid: "1234" });
  });

  it.each([
    ["", "Enter an MPID: 4 letters or digits"],
    ["   ", "Enter an MPID: 4 letters or digits"],
    ["ABC", "MPID must be 4 characters; found 3"],
    ["ABCDE", "MPID must be 4 characters; found 5"],
    ["AB-D", 'MPID may contain only letters A-Z and digits 0-9; found "-"'],
    ["AB D", "MPID may contain only letters A-Z and digits 0-9; found a space"],
    ["ÄBCD", 'MPID may contain only letters A-Z and digits 0-9; found "Ä"'],
  ])("%j: %s", (typed, reason) => {
    expect(validateMpid(typed)).toEqual({ valid: false, reason });
  });

  it("never throws on any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => void validateMpid(text)));
  });

  it("accepts exactly the 4-character alphanumeric strings, in any case", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789"), minLength: 4, maxLength: 4 }), (mpid) => {
        expect(validateMpid(mpid)).toEqual({ valid: true, mpid: mpid.toUpperCase() });
      }),
    );
  });
});

describe("validateParticipant", () => {
  it("accepts a supplier and returns it normalised", () => {
    expect(validateParticipant({ ...supplier, mpid: " abcd", organisation: " Alpha Energy ", roles: ["sup"], path: "sit" }, catalogues)).toEqual({
      valid: true,
      participant: { mpid: "ABCD", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
    });
  });

  it("reads roles and relied-upon parties from delimited text (CSV import)", () => {
    const result = validateParticipant(
      { mpid: "ABCD", organisation: "Alpha", roles: "SUP; sds, MS", path: "QT", reliance: "Partial", mdrChoice: "supplier/dcc", reliesOn: "wxyz, VEND" },
      catalogues,
    );
    expect(result).toEqual({
      valid: true,
      participant: {
        mpid: "ABCD",
        organisation: "Alpha",
        roles: ["SUP", "SDS", "MS"],
        path: "QT",
        reliance: "partial",
        mdrChoice: "SupplierDCC",
        reliesOn: ["WXYZ", "VEND"],
      },
    });
  });

  it("defaults a missing reliance to none", () => {
    const { reliance: _omit, ...withoutReliance } = supplier;
    expect(validateParticipant(withoutReliance, catalogues)).toMatchObject({ valid: true, participant: { reliance: "none" } });
    expect(validateParticipant({ ...supplier, reliance: " " }, catalogues)).toMatchObject({ valid: true, participant: { reliance: "none" } });
  });

  it("collapses repeated roles and relied-upon parties", () => {
    expect(validateParticipant({ ...supplier, roles: ["SUP", "sup"], reliance: "combined", reliesOn: ["WXYZ", "wxyz"] }, catalogues)).toMatchObject({
      valid: true,
      participant: { roles: ["SUP"], reliesOn: ["WXYZ"] },
    });
  });

  it("refuses input that is not a record", () => {
    for (const input of [null, undefined, "ABCD", 42, ["ABCD"]]) {
      expect(errorsOf(input)).toEqual([
        { field: "participant", message: "A participant must be a record with an MPID, organisation and roles" },
      ]);
    }
  });

  it("reports every missing field at once", () => {
    expect(errorsOf({})).toEqual([
      { field: "mpid", message: "Enter an MPID: 4 letters or digits" },
      { field: "organisation", message: "Enter the organisation name" },
      { field: "roles", message: "Choose at least one market role" },
      { field: "path", message: "Choose the path to migration: SIT or QT" },
    ]);
  });

  it("checks the MPID", () => {
    expect(errorsOf({ ...supplier, mpid: "AB" })).toEqual([{ field: "mpid", message: "MPID must be 4 characters; found 2" }]);
    expect(errorsOf({ ...supplier, mpid: 1234 })).toEqual([{ field: "mpid", message: "Enter an MPID: 4 letters or digits" }]);
  });

  it("needs an organisation", () => {
    expect(errorsOf({ ...supplier, organisation: "  " })).toEqual([{ field: "organisation", message: "Enter the organisation name" }]);
  });

  it("checks the roles against the catalogue", () => {
    expect(errorsOf({ ...supplier, roles: [] })).toEqual([{ field: "roles", message: "Choose at least one market role" }]);
    expect(errorsOf({ ...supplier, roles: ["SUP", "XYZ"] })).toEqual([{ field: "roles", message: 'Unknown market role "XYZ"' }]);
    expect(errorsOf({ ...supplier, roles: 7 })).toEqual([{ field: "roles", message: "Market roles must be a list of role codes such as SUP, SDS" }]);
  });

  it("says that central roles are not participant roles", () => {
    expect(errorsOf({ ...supplier, roles: ["SUP", "dip"] })).toEqual([
      { field: "roles", message: "DIP (Data Integration Platform) is a central system role, not a participant role" },
    ]);
  });

  it("refuses the ambiguous SMS code with a pointer to MS and SDS", () => {
    expect(errorsOf({ ...supplier, roles: ["SMS"] })).toEqual([
      { field: "roles", message: 'Role "SMS" is ambiguous in MHHS papers: use MS for the Metering Service or SDS for the Smart Data Service' },
    ]);
  });

  it("follows a catalogue that adds a role", () => {
    const extended = resolveCatalogues({ roles: { add: [{ code: "SMS", name: "Smart Metering Service", kind: "participant" }] } });
    expect(validateParticipant({ ...supplier, roles: ["SMS"] }, extended)).toMatchObject({ valid: true, participant: { roles: ["SMS"] } });
  });

  it("checks the path", () => {
    expect(errorsOf({ ...supplier, path: "UIT" })).toEqual([{ field: "path", message: 'Path to migration must be SIT or QT, not "UIT"' }]);
  });

  it("describes values that cannot be shown as text", () => {
    expect(errorsOf({ ...supplier, path: { toString: false } })).toEqual([{ field: "path", message: 'Path to migration must be SIT or QT, not "a record"' }]);
    expect(errorsOf({ ...supplier, roles: [Object.create(null)] })).toEqual([{ field: "roles", message: 'Unknown market role "A RECORD"' }]);
  });

  it("checks the reliance level", () => {
    expect(errorsOf({ ...supplier, reliance: "full" })).toEqual([
      { field: "reliance", message: 'Reliance must be none, partial or combined, not "full"' },
    ]);
  });

  describe("MDR choice", () => {
    const sds = { ...supplier, roles: ["SDS"] };

    it("is required for a Smart Data Service", () => {
      expect(errorsOf(sds)).toEqual([
        {
          field: "mdrChoice",
          message:
            "A Smart Data Service must say how it collects half-hourly data: MDR (the new MDR services) or SupplierDCC (existing Supplier functionality via the DCC)",
        },
      ]);
      expect(validateParticipant({ ...sds, mdrChoice: "mdr" }, catalogues)).toMatchObject({ valid: true, participant: { mdrChoice: "MDR" } });
    });

    it("must be one of the two choices", () => {
      expect(errorsOf({ ...sds, mdrChoice: "DCC" })).toEqual([{ field: "mdrChoice", message: 'MDR choice must be MDR or SupplierDCC, not "DCC"' }]);
    });

    it("is dropped, not refused, for other roles", () => {
      const result = validateParticipant({ ...supplier, mdrChoice: "MDR" }, catalogues);
      expect(result.valid).toBe(true);
      if (result.valid) expect(result.participant).not.toHaveProperty("mdrChoice");
      expect(validateParticipant({ ...supplier, mdrChoice: "nonsense" }, catalogues).valid).toBe(true);
    });
  });

  describe("relied-upon parties", () => {
    it("must be valid MPIDs", () => {
      expect(errorsOf({ ...supplier, reliance: "partial", reliesOn: ["WXYZ", "AB"] })).toEqual([
        { field: "reliesOn", message: 'Relied-upon party "AB": MPID must be 4 characters; found 2' },
      ]);
      expect(errorsOf({ ...supplier, reliance: "partial", reliesOn: 5 })).toEqual([
        { field: "reliesOn", message: "Relied-upon parties must be a list of MPIDs" },
      ]);
    });

    it("cannot include the participant itself", () => {
      expect(errorsOf({ ...supplier, reliance: "combined", reliesOn: ["abcd"] })).toEqual([
        { field: "reliesOn", message: "A participant cannot rely on its own testing" },
      ]);
    });

    it("must be empty when reliance is none", () => {
      expect(errorsOf({ ...supplier, reliance: "none", reliesOn: ["WXYZ"] })).toEqual([
        {
          field: "reliesOn",
          message: "Reliance is none, so no relied-upon parties should be listed: choose partial or combined, or clear the list",
        },
      ]);
    });

    it("may be empty with partial or combined reliance (the relied-upon party may be a software provider without an MPID)", () => {
      expect(validateParticipant({ ...supplier, reliance: "combined" }, catalogues)).toMatchObject({ valid: true });
    });
  });

  it("never throws on arbitrary records", () => {
    fc.assert(
      fc.property(
        fc.record({ mpid: fc.anything(), organisation: fc.anything(), roles: fc.anything(), path: fc.anything(), reliance: fc.anything(), mdrChoice: fc.anything(), reliesOn: fc.anything() }, { requiredKeys: [] }),
        (input) => {
          const result = validateParticipant(input, catalogues);
          if (!result.valid) expect(result.errors.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("validateParticipantRegister", () => {
  it("accepts a register of distinct valid participants", () => {
    const result = validateParticipantRegister([supplier, { ...supplier, mpid: "WXYZ", organisation: "Wye Metering", roles: ["MS"] }], catalogues);
    expect(result.valid).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.participants.map((p) => p.mpid)).toEqual(["ABCD", "WXYZ"]);
  });

  it("reports duplicate MPIDs with the row of the first use, in any case", () => {
    const result = validateParticipantRegister([supplier, { ...supplier, mpid: "WXYZ" }, { ...supplier, mpid: "abcd", organisation: "Other" }], catalogues);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ index: 2, field: "mpid", message: "MPID ABCD is already used in row 1" }]);
    expect(result.participants.map((p) => p.mpid)).toEqual(["ABCD", "WXYZ"]);
  });

  it("reports entry errors with their index and keeps the valid entries", () => {
    const result = validateParticipantRegister([{ ...supplier, path: "" }, { ...supplier, mpid: "WXYZ" }], catalogues);
    expect(result.errors).toEqual([{ index: 0, field: "path", message: "Choose the path to migration: SIT or QT" }]);
    expect(result.participants.map((p) => p.mpid)).toEqual(["WXYZ"]);
  });

  it("counts an invalid entry's MPID as used", () => {
    const result = validateParticipantRegister([{ ...supplier, path: "" }, supplier], catalogues);
    expect(result.errors).toContainEqual({ index: 1, field: "mpid", message: "MPID ABCD is already used in row 1" });
    expect(result.participants).toEqual([]);
  });

  it("refuses a register that is not a list", () => {
    expect(validateParticipantRegister({}, catalogues)).toEqual({
      valid: false,
      participants: [],
      errors: [{ index: 0, field: "participant", message: "The participant register must be a list" }],
    });
  });
});

const register: Participant[] = [
  { mpid: "ABCD", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "ABXY", organisation: "Northern Metering", roles: ["MS"], path: "QT", reliance: "none" },
  { mpid: "NORT", organisation: "Abbey Data Services", roles: ["SDS"], path: "QT", reliance: "partial", mdrChoice: "MDR" },
  { mpid: "ZZZZ", organisation: "Crab Supply", roles: ["SUP"], path: "QT", reliance: "none" },
  { mpid: "MMMM", organisation: "Middle Power", roles: ["SUP"], path: "SIT", reliance: "none" },
];

describe("findParticipant", () => {
  it("finds by MPID in any case, ignoring spaces around it", () => {
    expect(findParticipant(register, " abxy ")?.organisation).toBe("Northern Metering");
    expect(findParticipant(register, "QQQQ")).toBeUndefined();
    expect(findParticipant(register, "")).toBeUndefined();
  });
});

describe("searchParticipants", () => {
  const mpids = (query: string, limit?: number) => searchParticipants(register, query, limit).map((p) => p.mpid);

  it("ranks MPID-prefix matches before organisation matches", () => {
    expect(mpids("ab")).toEqual(["ABCD", "ABXY", "NORT", "ZZZZ"]);
  });

  it("ranks an exact MPID first, then organisation names starting with the query", () => {
    expect(mpids("nort")).toEqual(["NORT", "ABXY"]);
    expect(mpids("abcd")).toEqual(["ABCD"]);
  });

  it("matches organisation substrings case-insensitively", () => {
    expect(mpids("POWER")).toEqual(["MMMM"]);
    expect(mpids("supply")).toEqual(["ZZZZ"]);
  });

  it("honours the limit", () => {
    expect(mpids("ab", 2)).toEqual(["ABCD", "ABXY"]);
    expect(mpids("ab", 0)).toEqual([]);
    expect(mpids("ab", -3)).toEqual([]);
  });

  it("lists the register by MPID for an empty query", () => {
    expect(mpids("  ")).toEqual(["ABCD", "ABXY", "MMMM", "NORT", "ZZZZ"]);
    expect(mpids("", 2)).toEqual(["ABCD", "ABXY"]);
  });

  it("returns only matching participants, never more than the limit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 8 }), (query, limit) => {
        const found = searchParticipants(register, query, limit);
        expect(found.length).toBeLessThanOrEqual(Math.max(limit, 0));
        const q = query.trim().toLowerCase();
        for (const p of found) expect(q === "" || p.mpid.toLowerCase().startsWith(q) || p.organisation.toLowerCase().includes(q)).toBe(true);
      }),
    );
  });
});
