// How both data sources and the forms turn work items' relations into id lists (dataSources/shared.ts).

import { EVERY_ID, LinkIndex } from "../../../src/ado/dataSources/shared";
import { LINK_TYPES } from "../../../src/ado/workItems";

const url = (id: number | string, tail = "") => `https://dev.azure.com/org/_apis/wit/workItems/${id}${tail}`;

describe("LinkIndex.addRelations", () => {
  it("reads Tested By, Tests and Related links from REST relations, from either end", () => {
    const index = new LinkIndex();
    index.addRelations(1, [
      { rel: LINK_TYPES.testedBy, url: url(20) },
      { rel: LINK_TYPES.related, url: url(30) },
    ]);
    index.addRelations(21, [{ rel: LINK_TYPES.tests, url: url(1) }]);
    expect(index.testedByIds(1, EVERY_ID)).toEqual([20, 21]);
    expect(index.testsIds(20, EVERY_ID)).toEqual([1]);
    expect(index.testsIds(21, EVERY_ID)).toEqual([1]);
    expect(index.linkedIds(30, EVERY_ID)).toEqual([1]);
    expect(index.linkedIds(1, new Set([21, 30]))).toEqual([21, 30]);
  });

  it("takes the id at the end of a work item URL (with or without a trailing slash, in any case) and skips everything else", () => {
    const index = new LinkIndex();
    index.addRelations(1, [
      { rel: LINK_TYPES.testedBy, url: url(7, "/") },
      { rel: LINK_TYPES.testedBy, url: "https://dev.azure.com/org/_apis/wit/WORKITEMS/8" },
      { rel: "Hyperlink", url: "https://example.com/workitems/9" },
      { rel: "ArtifactLink", url: "vstfs:///Build/Build/10" },
      { rel: LINK_TYPES.testedBy, url: url("11/revisions") },
      { rel: LINK_TYPES.testedBy },
      { url: url(12) },
    ]);
    expect(index.testedByIds(1, EVERY_ID)).toEqual([7, 8]);
    expect(index.linkedIds(1, EVERY_ID)).toEqual([7, 8]);
  });
});
