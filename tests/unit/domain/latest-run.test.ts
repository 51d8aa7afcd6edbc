import fc from "fast-check";
import { isLaterRun, outcomeIndex } from "../../../src/domain/progress";

const FAILED = outcomeIndex("failed");
const BLOCKED = outcomeIndex("blocked");
const PASSED = outcomeIndex("passed");

describe("which of two runs of a test is the later", () => {
  it("is the one on the later date, whatever its outcome", () => {
    expect(isLaterRun("2025-03-10", PASSED, "2025-03-03", FAILED)).toBe(true);
    expect(isLaterRun("2025-03-03", FAILED, "2025-03-10", PASSED)).toBe(false);
  });

  it("on the same date is the more pessimistic: failed, then blocked, then passed", () => {
    expect(isLaterRun("2025-03-10", FAILED, "2025-03-10", BLOCKED)).toBe(true);
    expect(isLaterRun("2025-03-10", BLOCKED, "2025-03-10", PASSED)).toBe(true);
    expect(isLaterRun("2025-03-10", PASSED, "2025-03-10", FAILED)).toBe(false);
    expect(isLaterRun("2025-03-10", PASSED, "2025-03-10", PASSED)).toBe(false);
  });

  it("orders any two different runs one way only", () => {
    const run = fc.record({ date: fc.constantFrom("2025-03-01", "2025-03-02", ""), outcome: fc.constantFrom(PASSED, FAILED, BLOCKED) });
    fc.assert(
      fc.property(run, run, (a, b) => {
        const same = a.date === b.date && a.outcome === b.outcome;
        expect(isLaterRun(a.date, a.outcome, b.date, b.outcome) !== isLaterRun(b.date, b.outcome, a.date, a.outcome)).toBe(!same);
      }),
    );
  });
});
