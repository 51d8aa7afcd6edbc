// The seed's sample qualification requirements against the seeded programme, read back through the
// extension's REST data source as the programme hub reads it: they pass their own checks, name test
// cases that exist for their roles, and Placing Reliance evidences some required tests.
import "../../../src/ado/node";
import { ConfigStore, QUALIFICATION_REQUIREMENTS, readConfig } from "../../../src/ado/configStore";
import { restDataSource } from "../../../src/ado/dataSources";
import { loadHubConfiguration } from "../../../src/contributions/hubs/programme/configuration";
import { emptyData } from "../../../src/contributions/hubs/programme/loadProgramme";
import { participantsView } from "../../../src/contributions/hubs/programme/views";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import type { TestCaseRecord, TestPointRecord, DefectRecord } from "../../../src/domain/model";
import { qualificationView } from "../../../src/domain/qualification";
import type { HubConfiguration } from "../../../src/contributions/hubs/programme/programmeServices";
import { qualificationRequirementsDocument, SAMPLE_REQUIREMENT_ROLES, SeedTestCase, sampleQualificationRequirements } from "../../../devhost/seed/programme";
import type { DevhostHandle } from "../../../devhost/server";
import { connectToDevhost } from "../../support/devhostConnection";
import { ANCHOR, startTestHost } from "./host";

describe("the seed's sample qualification requirements", () => {
  let host: DevhostHandle;
  let data: { testCases: TestCaseRecord[]; points: TestPointRecord[]; defects: DefectRecord[]; configuration: HubConfiguration };

  const connect = () => connectToDevhost(host).connection;

  beforeAll(async () => {
    host = await startTestHost({ seedScale: 0.2 });
    const connection = connect();
    const rest = restDataSource(connection);
    const [testCases, points, defects, configuration] = await Promise.all([rest.testCases(), rest.testPoints(), rest.defects(), loadHubConfiguration(connection)]);
    data = { testCases, points, defects, configuration };
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  const seedCases = (): SeedTestCase[] =>
    data.testCases.map((tc) => ({ id: tc.id, title: tc.title, programmeId: tc.programmeTestCaseId, stage: tc.stage ?? "", role: tc.role ?? "", participant: tc.participant ?? "", cycle: "", priority: 2, mpans: [], references: [] }));

  const sample = () => sampleQualificationRequirements(seedCases(), data.configuration.participants);
  const asOf = ANCHOR.toISOString().slice(0, 10);

  it("covers some roles on both paths, passes its own checks and names test cases that exist for each role", () => {
    const doc = sample();
    expect(QUALIFICATION_REQUIREMENTS.validate(doc, { catalogues: resolveCatalogues() })).toEqual([]);
    expect(doc.requiredTests.map((r) => `${r.role} ${r.path}`)).toEqual(SAMPLE_REQUIREMENT_ROLES.flatMap((role) => [`${role} QT`, `${role} SIT`]));
    const view = qualificationView({ participants: data.configuration.participants, testCases: data.testCases, points: data.points, defects: data.defects, asOf, config: doc });
    expect(view.requiredTestsSource).toBe("configured");
    expect(view.messages).toEqual([]);
    // Deterministic: the same programme gives the same sample.
    expect(sample()).toEqual(doc);
    // As the seed stores it, the extension's config store reads it without problems.
    const stored = qualificationRequirementsDocument({ qualificationRequirements: doc }, ANCHOR, "Alex Admin");
    expect(stored.id).toBe(QUALIFICATION_REQUIREMENTS.id);
    const loaded = readConfig(QUALIFICATION_REQUIREMENTS, { id: stored.id, __etag: 1, ...stored.body }, { catalogues: resolveCatalogues() });
    expect(loaded).toMatchObject({ exists: true, problems: [], data: doc, savedBy: "Alex Admin" });
  });

  it("gives participants with Placing Reliance tests relied upon, each passed by a party they rely on", () => {
    const view = qualificationView({ participants: data.configuration.participants, testCases: data.testCases, points: data.points, defects: data.defects, asOf, config: sample() });
    const relying = view.rows.filter((r) => r.reliedUpon > 0);
    expect(relying.length).toBeGreaterThan(2);
    for (const row of relying) {
      expect(row.reliance).not.toBe("none");
      for (const test of row.tests.filter((t) => t.status === "reliedUpon")) expect(row.reliesOn).toContain(test.reliedOn);
    }
    expect(view.rows.filter((r) => r.evidenced > 0).length).toBeGreaterThan(2);
    // Participants acting only in roles without a rule have nothing required.
    const uncovered = view.rows.filter((r) => !r.roles.some((role) => (SAMPLE_REQUIREMENT_ROLES as readonly string[]).includes(role)));
    expect(uncovered.length).toBeGreaterThan(0);
    expect(uncovered.every((r) => r.required === 0)).toBe(true);
  });

  it("stored as the extension stores it, is what the programme hub's participants pivot judges", async () => {
    const connection = connect();
    const store = new ConfigStore(connection.documents);
    const current = await store.load(QUALIFICATION_REQUIREMENTS);
    await store.save(QUALIFICATION_REQUIREMENTS, sample(), current.exists ? current.etag : undefined);
    const configuration = await loadHubConfiguration(connection);
    expect(configuration.problems).toEqual([]);
    const view = participantsView({ ...emptyData(), configuration, testCases: data.testCases, points: data.points, defects: data.defects }, {}, asOf);
    const expected = qualificationView({ participants: data.configuration.participants, testCases: data.testCases, points: data.points, defects: data.defects, asOf, config: { ...sample(), defectRules: configuration.defectRules } });
    expect(view.requiredTestsSource).toBe("configured");
    expect(view.rows).toEqual(expected.rows);
    expect(view.rows.reduce((n, r) => n + r.reliedUpon, 0)).toBeGreaterThan(0);
  });
});
