import {
  DEFAULT_MARKET_ROLES,
  DEFAULT_STAGES,
  findRole,
  findStage,
  mergeCatalogue,
  resolveCatalogues,
} from "../../../src/domain/catalogues";

describe("catalogues", () => {
  it("ships the programme's stages in order with their phases", () => {
    const { stages } = resolveCatalogues();
    expect(stages.map((s) => s.code)).toEqual([
      "PIT", "SIT-CIT", "SIT-FUNC", "SIT-MIG", "SIT-NFT", "SIT-OPS", "SIT-REG", "QT", "E2E-SANDBOX",
    ]);
    expect(findStage({ stages }, "qt")?.phase).toBe("UIT");
    expect(findStage({ stages }, "SIT-FUNC")?.phase).toBe("SIT");
  });

  it("marks central systems and never ships a bare SMS role", () => {
    expect(findRole({ roles: DEFAULT_MARKET_ROLES.slice() }, "DIP")?.kind).toBe("central");
    expect(findRole({ roles: DEFAULT_MARKET_ROLES.slice() }, "sup")?.kind).toBe("participant");
    expect(DEFAULT_MARKET_ROLES.some((r) => r.code === "SMS")).toBe(false);
  });

  it("lets configuration add, replace and remove entries", () => {
    const merged = mergeCatalogue(DEFAULT_MARKET_ROLES, {
      add: [{ code: "MS-SMART", name: "Smart Metering Service", kind: "participant" }, { code: "SUP", name: "Energy Supplier", kind: "participant" }],
      remove: ["dcc"],
    });
    expect(merged.find((r) => r.code === "MS-SMART")?.name).toBe("Smart Metering Service");
    expect(merged.find((r) => r.code === "SUP")?.name).toBe("Energy Supplier");
    expect(merged.some((r) => r.code === "DCC")).toBe(false);
    expect(merged.filter((r) => r.code === "SUP")).toHaveLength(1);

    const replaced = resolveCatalogues({ stages: { replace: [{ code: "X", name: "Only", phase: "SIT", order: 1 }] } });
    expect(replaced.stages).toEqual([{ code: "X", name: "Only", phase: "SIT", order: 1 }]);
  });

  it("orders configured stages by their order, not by list position", () => {
    const { stages } = resolveCatalogues({ stages: { add: [{ code: "PRE", name: "Pre", phase: "PIT", order: 1 }] } });
    expect(stages[0].code).toBe("PRE");
    expect(stages).toHaveLength(DEFAULT_STAGES.length + 1);
  });

  it("does not mutate the defaults", () => {
    const before = JSON.stringify(DEFAULT_STAGES);
    resolveCatalogues({ stages: { remove: ["PIT"] } });
    expect(JSON.stringify(DEFAULT_STAGES)).toBe(before);
  });
});
