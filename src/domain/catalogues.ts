// Programme catalogues with the defaults of the MHHS public record; every list can be replaced
// or extended by the project's configuration (see mergeCatalogue).

export type Phase = "PIT" | "SIT" | "UIT";

export interface Stage {
  code: string;
  name: string;
  phase: Phase;
  order: number;
}

export type RoleKind = "central" | "participant";

export interface MarketRole {
  code: string;
  name: string;
  kind: RoleKind;
}

export interface CatalogueEntry {
  code: string;
  name: string;
}

export const DEFAULT_STAGES: readonly Stage[] = [
  { code: "PIT", name: "Pre-Integration Testing", phase: "PIT", order: 10 },
  { code: "SIT-CIT", name: "SIT Component Integration Testing", phase: "SIT", order: 20 },
  { code: "SIT-FUNC", name: "SIT Functional", phase: "SIT", order: 30 },
  { code: "SIT-MIG", name: "SIT Migration", phase: "SIT", order: 40 },
  { code: "SIT-NFT", name: "SIT Non-Functional", phase: "SIT", order: 50 },
  { code: "SIT-OPS", name: "SIT Operational", phase: "SIT", order: 60 },
  { code: "SIT-REG", name: "SIT Regression", phase: "SIT", order: 70 },
  { code: "QT", name: "Qualification Testing", phase: "UIT", order: 80 },
  { code: "E2E-SANDBOX", name: "End-to-End Sandbox", phase: "UIT", order: 90 },
];

export const DEFAULT_MARKET_ROLES: readonly MarketRole[] = [
  { code: "SUP", name: "Supplier", kind: "participant" },
  { code: "LDSO", name: "Licensed Distribution System Operator", kind: "participant" },
  { code: "REGS", name: "Registration Service", kind: "participant" },
  { code: "ADS", name: "Advanced Data Service", kind: "participant" },
  { code: "SDS", name: "Smart Data Service", kind: "participant" },
  { code: "UMSDS", name: "Unmetered Supplies Data Service", kind: "participant" },
  { code: "MS", name: "Metering Service", kind: "participant" },
  { code: "UMSO", name: "Unmetered Supplies Operator", kind: "participant" },
  { code: "MA", name: "Meter Administrator", kind: "participant" },
  { code: "LSS", name: "Load Shaping Service", kind: "central" },
  { code: "VAS", name: "Volume Allocation Service", kind: "central" },
  { code: "ECS", name: "Elexon Central Systems", kind: "central" },
  { code: "DIP", name: "Data Integration Platform", kind: "central" },
  { code: "ISD", name: "Industry Standing Data service", kind: "central" },
  { code: "CSS", name: "Central Switching Service", kind: "central" },
  { code: "EES", name: "Electricity Enquiry Service", kind: "central" },
  { code: "DCC", name: "Data Communications Company", kind: "central" },
];

export const DEFAULT_REQUIREMENT_TYPES: readonly CatalogueEntry[] = [
  { code: "Functional", name: "Functional" },
  { code: "Migration", name: "Migration" },
  { code: "Non-Functional", name: "Non-Functional" },
  { code: "Operational", name: "Operational" },
];

export const DEFAULT_NFT_CATEGORIES: readonly CatalogueEntry[] = [
  { code: "Performance/Volume", name: "Performance and volume" },
  { code: "Stress", name: "Stress against SLAs" },
  { code: "Resilience", name: "Resilience and failover" },
  { code: "BC/DR", name: "Business continuity / disaster recovery" },
  { code: "Security", name: "Security" },
  { code: "Operational Acceptance", name: "Operational acceptance" },
  { code: "DIP Onboarding", name: "DIP onboarding checks" },
];

export const DEFAULT_DEFECT_CATEGORIES: readonly CatalogueEntry[] = [
  { code: "Participant Code", name: "Participant code (fixed by the participant)" },
  { code: "Central System", name: "Central system (fixed by the central party)" },
  { code: "Design", name: "Design (fixed by a DIN or Interim Release)" },
  { code: "Environment", name: "Environment (fixed by its owner)" },
  { code: "Test Data", name: "Test data (fixed by its owner)" },
  { code: "Test Script", name: "Test script" },
];

export interface Catalogues {
  stages: Stage[];
  roles: MarketRole[];
  requirementTypes: CatalogueEntry[];
  nftCategories: CatalogueEntry[];
  defectCategories: CatalogueEntry[];
}

export type CatalogueOverrides = Partial<{
  [K in keyof Catalogues]: { replace?: Catalogues[K]; add?: Catalogues[K]; remove?: string[] };
}>;

/** Applies a list override: replace the whole list, or add (same code replaces) and remove codes. */
export function mergeCatalogue<T extends { code: string }>(
  defaults: readonly T[],
  override?: { replace?: T[]; add?: T[]; remove?: string[] },
): T[] {
  if (!override) return defaults.slice();
  const base = override.replace ? override.replace.slice() : defaults.slice();
  const removed = new Set((override.remove ?? []).map((c) => c.toUpperCase()));
  const byCode = new Map<string, T>();
  for (const entry of base) if (!removed.has(entry.code.toUpperCase())) byCode.set(entry.code.toUpperCase(), entry);
  for (const entry of override.add ?? []) byCode.set(entry.code.toUpperCase(), entry);
  return Array.from(byCode.values());
}

export function resolveCatalogues(overrides: CatalogueOverrides = {}): Catalogues {
  return {
    stages: mergeCatalogue(DEFAULT_STAGES, overrides.stages).sort((a, b) => a.order - b.order),
    roles: mergeCatalogue(DEFAULT_MARKET_ROLES, overrides.roles),
    requirementTypes: mergeCatalogue(DEFAULT_REQUIREMENT_TYPES, overrides.requirementTypes),
    nftCategories: mergeCatalogue(DEFAULT_NFT_CATEGORIES, overrides.nftCategories),
    defectCategories: mergeCatalogue(DEFAULT_DEFECT_CATEGORIES, overrides.defectCategories),
  };
}

export function findStage(catalogues: Pick<Catalogues, "stages">, code: string): Stage | undefined {
  const wanted = code.trim().toUpperCase();
  return catalogues.stages.find((s) => s.code.toUpperCase() === wanted);
}

export function findRole(catalogues: Pick<Catalogues, "roles">, code: string): MarketRole | undefined {
  const wanted = code.trim().toUpperCase();
  return catalogues.roles.find((r) => r.code.toUpperCase() === wanted);
}
