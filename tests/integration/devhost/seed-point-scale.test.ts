// The seed's point scale: each plan runs its test cases on that many variants of each of its
// configurations, so a store with the same work items holds that many times the test points (the
// benchmark's 50,000 work items with 200,000 points). The default (point scale 1) is the programme's
// own plans, unchanged.
import { parseArguments } from "../../../devhost/cli";
import { seedProgramme } from "../../../devhost/seed";
import { openStore } from "../../../devhost/store/store";
import { bootstrapOrganization } from "../../../devhost/store/bootstrap";
import { ANCHOR, PROJECT } from "./host";

const SCALE = 0.05;

function seededStore(pointScale?: number) {
  const store = openStore(":memory:");
  bootstrapOrganization(store, { defaultProject: PROJECT });
  const result = seedProgramme(store, { scale: SCALE, anchor: ANCHOR, ...(pointScale === undefined ? {} : { pointScale }) });
  return { store, result };
}

type Store = ReturnType<typeof seededStore>["store"];

/** "plan|suite|test case" -> the names of its points' configurations, sorted. */
function configurationsByEntry(store: Store): Map<string, string[]> {
  const rows = store.db
    .prepare(
      `SELECT p.name AS plan, t.suite_id AS suite, t.test_case_id AS testCase, c.name AS configuration
         FROM test_points t JOIN test_plans p ON p.id = t.plan_id JOIN test_configurations c ON c.id = t.configuration_id`,
    )
    .all() as { plan: string; suite: number; testCase: number; configuration: string }[];
  const byEntry = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.plan}|${row.suite}|${row.testCase}`;
    byEntry.set(key, [...(byEntry.get(key) ?? []), row.configuration]);
  }
  for (const names of byEntry.values()) names.sort();
  return byEntry;
}

/** The configurations the programme's plans run on: one per environment of the plan. */
function planEnvironments(plan: string): string[] {
  if (plan.startsWith("QT ")) return ["QTF"];
  if (plan === "PIT") return ["PIT"];
  if (plan === "E2E-SANDBOX") return ["E2E Sandbox"];
  return ["SIT-A", "SIT-B"];
}

/** Rows of a table in order, without the project's id (a new GUID in each store). */
const rows = (store: Store, table: string, order: string) =>
  (store.db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]).map(({ project_id: _, ...row }) => row);
const workItems = (store: Store) => store.db.prepare("SELECT id, fields FROM work_items ORDER BY id").all();
const points = (store: Store) => rows(store, "test_points", "id");

describe("devhost seed: points per test case", () => {
  const defaults = seededStore();
  const one = seededStore(1);
  const two = seededStore(2);
  afterAll(() => [defaults, one, two].forEach(({ store }) => store.close()));

  it("by default gives each test case one point per environment of each plan it is in, as before", () => {
    const entries = configurationsByEntry(defaults.store);
    expect(entries.size).toBe((defaults.store.db.prepare("SELECT COUNT(*) AS n FROM test_suite_test_cases").get() as { n: number }).n);
    for (const [key, names] of entries) expect({ key, names }).toEqual({ key, names: planEnvironments(key.split("|")[0]) });
    const configurations = defaults.store.db.prepare("SELECT name FROM test_configurations").all() as { name: string }[];
    expect(configurations.every((c) => !c.name.includes("#"))).toBe(true);
    expect(defaults.result.testPoints).toBe([...entries.values()].reduce((sum, names) => sum + names.length, 0));
  });

  it("point scale 1 is the default: the same work items, points, runs and results", () => {
    expect(one.result).toEqual({ ...defaults.result, milliseconds: one.result.milliseconds });
    expect(workItems(one.store)).toEqual(workItems(defaults.store));
    expect(points(one.store)).toEqual(points(defaults.store));
  });

  it("point scale 2 keeps the work items and doubles every test case's points, on variants of the plan's environments", () => {
    expect(workItems(two.store)).toEqual(workItems(defaults.store));
    expect(two.result.workItems).toBe(defaults.result.workItems);
    expect(two.result.testPoints).toBe(2 * defaults.result.testPoints);
    const base = configurationsByEntry(defaults.store);
    const doubled = configurationsByEntry(two.store);
    expect([...doubled.keys()].sort()).toEqual([...base.keys()].sort());
    for (const [key, names] of doubled) expect({ key, names }).toEqual({ key, names: base.get(key)!.flatMap((name) => [name, `${name} #2`]).sort() });
    const variant = two.store.db.prepare("SELECT description, is_default AS isDefault, variable_values AS vals FROM test_configurations WHERE name = 'SIT-A #2'").get() as {
      description: string;
      isDefault: number;
      vals: string;
    };
    expect(variant).toEqual({ description: "SIT environment A, variant 2", isDefault: 0, vals: JSON.stringify([{ name: "Environment", value: "SIT-A" }]) });
    // The extra points run too: results grow with them.
    expect(two.result.testResults).toBeGreaterThan(1.5 * defaults.result.testResults);
  });

  it("is deterministic for a seed, scale, point scale and anchor date", () => {
    const again = seededStore(2);
    try {
      expect(points(again.store)).toEqual(points(two.store));
      expect(rows(again.store, "test_results", "run_id, id")).toEqual(rows(two.store, "test_results", "run_id, id"));
    } finally {
      again.store.close();
    }
  });

  it("multiplies by any whole number and refuses anything else", () => {
    const three = seededStore(3);
    try {
      expect(three.result.testPoints).toBe(3 * defaults.result.testPoints);
    } finally {
      three.store.close();
    }
    const store = openStore(":memory:");
    bootstrapOrganization(store, { defaultProject: PROJECT });
    for (const wrong of [0, 1.5, -1, Number.NaN]) expect(() => seedProgramme(store, { scale: SCALE, anchor: ANCHOR, pointScale: wrong })).toThrow(/Invalid point scale/);
    expect(store.workItems.count()).toBe(0);
    store.close();
  });

  it("takes the point scale from the command line and the environment", () => {
    expect(parseArguments([], {})).toMatchObject({ pointScale: 1 });
    expect(parseArguments(["--point-scale", "2"], {})).toMatchObject({ pointScale: 2 });
    expect(parseArguments([], { DEVHOST_POINT_SCALE: "3" })).toMatchObject({ pointScale: 3 });
    expect(() => parseArguments(["--point-scale", "1.5"], {})).toThrow(/Invalid point scale/);
    expect(() => parseArguments(["--point-scale", "0"], {})).toThrow(/Invalid point scale/);
  });
});
