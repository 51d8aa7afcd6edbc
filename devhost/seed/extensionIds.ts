// Where the seed puts programme configuration: the extension's publisher and id (vss-extension.json)
// and the extension's configuration collection and document ids (src/ado/configStore.ts).

export const MHHS_EXTENSION = { publisher: "mhhs-local", extension: "mhhs-test-management" } as const;

export const CONFIG_COLLECTION = "mhhs-configuration";

export const CONFIG_DOCUMENT = {
  participantRegister: "participant-register",
  environmentsPlan: "environments-plan",
  exitCriteria: "exit-criteria",
  planStageMapping: "plan-stage-mapping",
} as const;

/** The envelope the extension's config store reads: schema version plus data. */
export const CONFIG_SCHEMA_VERSION = 1;
