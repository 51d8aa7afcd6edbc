import { BUILT_IN_FIELDS, MHHS_FIELDS, MhhsFieldKey } from "../../../ado/fields";
import type { BoundField } from "./formBinding";

/** An MHHS field as a group binds it, labelled with its field name unless the group says otherwise. */
export function mhhsField(key: MhhsFieldKey, label?: string): BoundField {
  return { name: MHHS_FIELDS[key].referenceName, label: label ?? MHHS_FIELDS[key].name };
}

export const BUILT_IN = {
  id: BUILT_IN_FIELDS.id.referenceName,
  title: BUILT_IN_FIELDS.title.referenceName,
  state: BUILT_IN_FIELDS.state.referenceName,
  severity: BUILT_IN_FIELDS.severity.referenceName,
  createdDate: BUILT_IN_FIELDS.createdDate.referenceName,
  closedDate: BUILT_IN_FIELDS.closedDate.referenceName,
} as const;
