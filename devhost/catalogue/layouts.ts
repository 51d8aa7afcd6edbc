// The default form layout of a system work item type, derived from its fields the way the system
// processes lay them out: long text in Section1, planning fields in Section2, links in Section3.
import { FieldDefinition } from "./systemFields";
import { WorkItemTypeDefinition } from "./systemProcesses";

export type PageType = "custom" | "history" | "links" | "attachments";

export interface ControlDefinition {
  id: string;
  label: string;
  controlType: string;
  readOnly?: boolean;
  height?: number;
}

export interface GroupDefinition {
  id: string;
  label: string;
  controls: ControlDefinition[];
}

export interface PageDefinition {
  id: string;
  label: string;
  pageType: PageType;
  locked: boolean;
  sections: { id: string; groups: GroupDefinition[] }[];
}

export const SECTION_IDS = ["Section1", "Section2", "Section3"] as const;

/** Fields shown in the form header rather than in a group (systemControls). */
export const HEADER_FIELDS = [
  "System.Title",
  "System.AssignedTo",
  "System.State",
  "System.Reason",
  "System.AreaPath",
  "System.IterationPath",
  "System.History",
  "System.Tags",
] as const;

const HIDDEN_FROM_GROUPS = new Set<string>([
  ...HEADER_FIELDS,
  "System.Id",
  "System.Description",
  "System.WorkItemType",
  "System.TeamProject",
  "System.AreaId",
  "System.IterationId",
  "System.NodeName",
  "System.Rev",
  "System.Watermark",
  "System.CommentCount",
  "System.Parent",
  "System.BoardColumn",
  "System.BoardColumnDone",
  "System.RelatedLinkCount",
  "System.ExternalLinkCount",
  "System.HyperLinkCount",
  "System.AttachedFileCount",
  "System.AuthorizedAs",
  "System.AuthorizedDate",
  "System.RevisedDate",
  "System.CreatedBy",
  "System.CreatedDate",
  "System.ChangedBy",
  "System.ChangedDate",
]);

export function controlTypeFor(field: Pick<FieldDefinition, "type" | "isIdentity">): string {
  if (field.isIdentity) return "IdentityControl";
  if (field.type === "html") return "HtmlFieldControl";
  if (field.type === "dateTime") return "DateTimeControl";
  if (field.type === "treePath") return "WorkItemClassificationControl";
  return "FieldControl";
}

export function defaultLayout(type: WorkItemTypeDefinition, fieldsByRef: ReadonlyMap<string, FieldDefinition>): PageDefinition[] {
  const groupId = (label: string) => `${type.referenceName}.${label.replace(/[^A-Za-z0-9]/g, "")}`;
  const longText: GroupDefinition[] = [];
  const planning: ControlDefinition[] = [];
  const description = fieldsByRef.get("System.Description");
  if (description && type.fields.some((f) => f.field === "System.Description")) {
    longText.push({ id: groupId("Description"), label: "Description", controls: [{ id: description.referenceName, label: "", controlType: "HtmlFieldControl", height: 15 }] });
  }
  for (const { field: ref } of type.fields) {
    const field = fieldsByRef.get(ref);
    if (!field || HIDDEN_FROM_GROUPS.has(ref)) continue;
    if (field.type === "html") {
      longText.push({ id: groupId(field.name), label: field.name, controls: [{ id: ref, label: "", controlType: "HtmlFieldControl", height: 15 }] });
    } else {
      planning.push({ id: ref, label: field.name, controlType: controlTypeFor(field), readOnly: field.readOnly || undefined });
    }
  }
  const details: PageDefinition = {
    id: `${type.referenceName}.Details`,
    label: "Details",
    pageType: "custom",
    locked: true,
    sections: [
      { id: "Section1", groups: longText },
      { id: "Section2", groups: planning.length ? [{ id: groupId("Planning"), label: "Planning", controls: planning }] : [] },
      { id: "Section3", groups: [{ id: groupId("RelatedWork"), label: "Related Work", controls: [{ id: `${type.referenceName}.Links`, label: "", controlType: "LinksControl" }] }] },
    ],
  };
  const fixedPage = (label: string, pageType: PageType): PageDefinition => ({ id: `${type.referenceName}.${label}`, label, pageType, locked: true, sections: [] });
  return [details, fixedPage("History", "history"), fixedPage("Links", "links"), fixedPage("Attachments", "attachments")];
}
