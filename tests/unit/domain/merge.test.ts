import { listChanges, mergeThreeWay } from "../../../src/domain/merge";

const byMpid = (_path: string, item: unknown) => (item && typeof item === "object" && "mpid" in item ? String((item as { mpid: string }).mpid) : undefined);

describe("three-way merge of configuration", () => {
  const base = {
    participants: [
      { mpid: "AAAA", organisation: "A" },
      { mpid: "BBBB", organisation: "B" },
      { mpid: "CCCC", organisation: "C" },
    ],
    limits: { overall: 2 },
  };

  it("keeps both editors' changes to different entries", () => {
    const mine = { ...base, participants: [{ mpid: "AAAA", organisation: "A mine" }, base.participants[1], base.participants[2], { mpid: "DDDD", organisation: "D" }] };
    const theirs = { ...base, participants: [base.participants[0], { mpid: "BBBB", organisation: "B theirs" }], limits: { overall: 3 } };
    const { merged, conflicts } = mergeThreeWay(base, mine, theirs, byMpid);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      participants: [
        { mpid: "AAAA", organisation: "A mine" },
        { mpid: "BBBB", organisation: "B theirs" },
        { mpid: "DDDD", organisation: "D" },
      ],
      limits: { overall: 3 },
    });
  });

  it("keeps the editor's value where both changed the same thing, and says where", () => {
    const mine = { ...base, participants: [{ mpid: "AAAA", organisation: "A mine" }, ...base.participants.slice(1)] };
    const theirs = { ...base, participants: [{ mpid: "AAAA", organisation: "A theirs" }, ...base.participants.slice(1)] };
    const { merged, conflicts } = mergeThreeWay(base, mine, theirs, byMpid);
    expect(merged.participants[0].organisation).toBe("A mine");
    expect(conflicts).toEqual([{ path: "participants[AAAA].organisation" }]);
  });

  it("treats lists without keys as whole values", () => {
    const { merged, conflicts } = mergeThreeWay({ list: [1, 2] }, { list: [1, 2, 3] }, { list: [2] });
    expect(merged).toEqual({ list: [1, 2, 3] });
    expect(conflicts).toEqual([{ path: "list" }]);
  });

  it("lists what changed between two versions", () => {
    expect(listChanges(base.participants, [{ mpid: "AAAA", organisation: "X" }, base.participants[1], { mpid: "EEEE", organisation: "E" }], (p) => (p as { mpid: string }).mpid)).toEqual({
      added: ["EEEE"],
      removed: ["CCCC"],
      changed: ["AAAA"],
    });
  });
});
