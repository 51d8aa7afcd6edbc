import { resolveCatalogues } from "../../../src/domain/catalogues";
import { DEFAULT_ENVIRONMENTS } from "../../../src/domain/environments";
import type { Participant } from "../../../src/domain/model";
import type { ProgrammeContext } from "../../../src/contributions/forms/shared/programme";

export const PARTICIPANTS: Participant[] = [
  { mpid: "ABCD", organisation: "Alpha Energy", roles: ["SUP"], path: "SIT", reliance: "none" },
  { mpid: "ABEX", organisation: "Abex Metering", roles: ["MS"], path: "QT", reliance: "none" },
  { mpid: "LDS1", organisation: "Northern Distribution", roles: ["LDSO"], path: "SIT", reliance: "none" },
];

/** Tuesday 12 March 2024; SIT-FUNC ends five working days later, SIT-MIG months away. */
export const AS_OF = "2024-03-12";

export function programme(overrides: Partial<ProgrammeContext> = {}): ProgrammeContext {
  return {
    catalogues: resolveCatalogues(),
    participants: PARTICIPANTS,
    environments: DEFAULT_ENVIRONMENTS.slice(),
    allocations: [
      { participant: "ABCD", environment: "SIT-B", stage: "SIT-FUNC", from: "2024-01-08", to: "2024-03-29" },
      { participant: "ABCD", environment: "DIP-UIT", stage: "SIT-FUNC", from: "2024-01-08", to: "2024-03-29" },
      { participant: "ABCD", environment: "SIT-A", stage: "SIT-MIG", from: "2024-04-01", to: "2024-06-28" },
      { participant: "LDS1", environment: "SIT-A", stage: "SIT-FUNC", from: "2024-01-08", to: "2024-03-29" },
    ],
    defectRules: {},
    stageEndDates: { "SIT-FUNC": "2024-03-19", "SIT-MIG": "2024-06-28" },
    asOf: AS_OF,
    problems: [],
    ...overrides,
  };
}

export const VALID_MPAN = "1800021679848";
export const BAD_CHECK_DIGIT_MPAN = "1800021679843";
