import fc from "fast-check";
import { resolveCatalogues } from "../../../src/domain/catalogues";
import { describeFilters, missingSentence, parseWidgetSettings, serialiseWidgetSettings, WIDGET_KINDS } from "../../../src/domain/widgetSettings";

const catalogues = resolveCatalogues();

describe("widget settings", () => {
  it("reads a widget never configured as unconfigured, saying what to set", () => {
    for (const data of [null, undefined, "", "   "]) {
      const parsed = parseWidgetSettings("stage-progress", data);
      expect(parsed).toEqual({ settings: { version: 1 }, missing: ["a stage"], problems: [], configured: false });
    }
    expect(parseWidgetSettings("participant-readiness", null).missing).toEqual(["a path (SIT or Qualification Testing)"]);
    expect(missingSentence(["a stage"])).toBe("Set a stage in this widget's configuration to see figures.");
    expect(missingSentence(["a stage", "a path", "a role"])).toBe("Set a stage, a path and a role in this widget's configuration to see figures.");
  });

  it("reads every setting, in the catalogue's spelling", () => {
    const data = JSON.stringify({ version: 1, stage: "sit-func", cycle: " C2 ", role: "sup", participant: "alwb", title: " Suppliers ", groupBy: "participant" });
    expect(parseWidgetSettings("stage-progress", data, catalogues)).toEqual({
      settings: { version: 1, stage: "SIT-FUNC", cycle: "C2", role: "SUP", participant: "ALWB", title: "Suppliers", groupBy: "participant" },
      missing: [],
      problems: [],
      configured: true,
    });
    expect(parseWidgetSettings("defects-by-severity", JSON.stringify({ stage: "QT", exitBlockingOnly: true })).settings.exitBlockingOnly).toBe(true);
    expect(parseWidgetSettings("participant-readiness", JSON.stringify({ path: "qt" })).settings.path).toBe("QT");
  });

  it("leaves out what it does not understand, with a sentence each, and keeps the rest", () => {
    const data = JSON.stringify({ version: "two", stage: "SIT-XYZ", role: "ZZZ", participant: "too-long", groupBy: "week", exitBlockingOnly: "yes", path: "UAT", cycle: 3 });
    const progress = parseWidgetSettings("stage-progress", data, catalogues);
    expect(progress.settings).toEqual({ version: 1 });
    expect(progress.problems).toEqual([
      'Settings version "two" is not understood; the settings were read as version 1.',
      "The cycle must be text, not a number; it was left out.",
      'Stage "SIT-XYZ" is not a stage of this project; choose another.',
      'Market role "ZZZ" is not a role of this project; choose another.',
      'Participant "too-long" is not an MPID (four letters or digits).',
      'Bars "week" are not understood: choose by role or by participant.',
    ]);
    expect(parseWidgetSettings("defects-by-severity", data).problems).toContain('"Only exit-blocking defects" must be on or off.');
    expect(parseWidgetSettings("participant-readiness", data).problems).toContain('Path "UAT" is not understood: choose SIT or Qualification Testing (QT).');
    expect(parseWidgetSettings("stage-progress", "{not json").problems).toEqual(["The saved settings are not readable JSON and were ignored."]);
    expect(parseWidgetSettings("stage-progress", "[1,2]").problems).toEqual(["The saved settings are not a set of named values and were ignored."]);
    expect(parseWidgetSettings("stage-progress", JSON.stringify({ version: 7, stage: "QT" })).problems[0]).toMatch(/newer version of the extension \(7\)/);
  });

  it("writes only the values set, with the version, and reads back what it wrote", () => {
    const written = serialiseWidgetSettings({ stage: "QT", cycle: "", role: undefined, exitBlockingOnly: false, title: " Board " });
    expect(JSON.parse(written)).toEqual({ version: 1, stage: "QT", title: "Board" });
    expect(parseWidgetSettings("exit-criteria", written).settings).toEqual({ version: 1, stage: "QT", title: "Board" });
  });

  it("never throws, whatever is stored", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WIDGET_KINDS), fc.oneof(fc.string(), fc.json(), fc.anything()), (kind, data) => {
        const parsed = parseWidgetSettings(kind, data, catalogues);
        expect(parsed.settings.version).toBe(1);
        expect(parsed.configured).toBe(parsed.missing.length === 0);
      }),
    );
  });

  it("describes the filters in a line", () => {
    expect(describeFilters({ stage: "SIT-FUNC", cycle: "C1", role: "SUP", participant: "ALWB" })).toBe("SIT-FUNC · C1 · SUP · ALWB");
    expect(describeFilters({ path: "QT" })).toBe("Qualification Testing");
  });
});
