// The parsed form of a WIQL query. Every node keeps where it came from, for error messages.

export interface SourcePosition {
  line: number;
  column: number;
  /** The text that produced the node, as written. */
  image: string;
}

export type LinkEnd = "source" | "target";

export interface FieldReference {
  kind: "field";
  /** Reference name or display name, as written (without brackets). */
  name: string;
  /** [Source].[...] or [Target].[...] in link queries. */
  end?: LinkEnd;
  at: SourcePosition;
}

export type Operand =
  | { kind: "string"; value: string; at: SourcePosition }
  | { kind: "number"; value: number; at: SourcePosition }
  | { kind: "macro"; name: string; offset: number; at: SourcePosition }
  | FieldReference;

export type ComparisonOperator = "=" | "<>" | "<" | ">" | "<=" | ">=";

export type Condition =
  | { kind: "compare"; field: FieldReference; operator: ComparisonOperator; operand: Operand }
  | { kind: "in"; field: FieldReference; negated: boolean; operands: Operand[] }
  /** [System.WorkItemType] IN GROUP 'Microsoft.RequirementCategory': the types of a category. */
  | { kind: "inGroup"; field: FieldReference; negated: boolean; operand: Operand }
  | { kind: "contains"; field: FieldReference; negated: boolean; words: boolean; operand: Operand }
  | { kind: "under"; field: FieldReference; negated: boolean; operand: Operand }
  | { kind: "ever"; field: FieldReference; negated: boolean; operand: Operand }
  | { kind: "isEmpty"; field: FieldReference; negated: boolean };

export type Expression = { kind: "and"; operands: Expression[] } | { kind: "or"; operands: Expression[] } | { kind: "not"; operand: Expression } | Condition;

export interface SortField {
  field: FieldReference;
  descending: boolean;
}

export interface Query {
  columns: FieldReference[];
  /** The FROM table as written: WorkItems or WorkItemLinks (checked by the translator). */
  table: { name: string; at: SourcePosition };
  where?: Expression;
  orderBy: SortField[];
  asOf?: Operand;
  mode?: { names: string[]; at: SourcePosition };
}

export function isCondition(expression: Expression): expression is Condition {
  return expression.kind !== "and" && expression.kind !== "or" && expression.kind !== "not";
}
