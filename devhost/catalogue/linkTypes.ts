// Work item link types (each end separately, as /_apis/wit/workItemRelationTypes lists them) and the
// resource link types (hyperlinks, artifact links, attachments).

export type LinkTopology = "tree" | "network" | "dependency";

export interface LinkTypeDefinition {
  referenceName: string;
  name: string;
  usage: "workItemLink" | "resourceLink";
  /** The end stored on the other work item; the same as referenceName for non-directional types. */
  oppositeReferenceName?: string;
  topology?: LinkTopology;
  isDirectional?: boolean;
  isAcyclic?: boolean;
  /** A work item may have at most one link of this end (the Parent end of the hierarchy). */
  isSingleTarget?: boolean;
}

function pair(
  baseName: string,
  forwardName: string,
  reverseName: string,
  topology: LinkTopology,
  extra: { acyclic?: boolean; singleTargetReverse?: boolean } = {},
): LinkTypeDefinition[] {
  const forward = `${baseName}-Forward`;
  const reverse = `${baseName}-Reverse`;
  return [
    { referenceName: forward, name: forwardName, usage: "workItemLink", oppositeReferenceName: reverse, topology, isDirectional: true, isAcyclic: extra.acyclic },
    {
      referenceName: reverse,
      name: reverseName,
      usage: "workItemLink",
      oppositeReferenceName: forward,
      topology,
      isDirectional: true,
      isAcyclic: extra.acyclic,
      isSingleTarget: extra.singleTargetReverse,
    },
  ];
}

export const LINK_TYPES: readonly LinkTypeDefinition[] = [
  ...pair("System.LinkTypes.Hierarchy", "Child", "Parent", "tree", { acyclic: true, singleTargetReverse: true }),
  { referenceName: "System.LinkTypes.Related", name: "Related", usage: "workItemLink", oppositeReferenceName: "System.LinkTypes.Related", topology: "network" },
  ...pair("System.LinkTypes.Dependency", "Successor", "Predecessor", "dependency", { acyclic: true }),
  ...pair("System.LinkTypes.Duplicate", "Duplicate", "Duplicate Of", "tree", { acyclic: true, singleTargetReverse: true }),
  ...pair("Microsoft.VSTS.Common.TestedBy", "Tested By", "Tests", "dependency", { acyclic: true }),
  ...pair("Microsoft.VSTS.Common.Affects", "Affects", "Affected By", "dependency", { acyclic: true }),
  ...pair("Microsoft.VSTS.TestCase.SharedStepReferencedBy", "Test Case", "Shared Steps", "dependency", { acyclic: true }),
  ...pair("Microsoft.VSTS.TestCase.SharedParameterReferencedBy", "Referenced By", "References", "dependency", { acyclic: true }),
  { referenceName: "Hyperlink", name: "Hyperlink", usage: "resourceLink" },
  { referenceName: "ArtifactLink", name: "Artifact Link", usage: "resourceLink" },
  { referenceName: "AttachedFile", name: "Attached File", usage: "resourceLink" },
];
