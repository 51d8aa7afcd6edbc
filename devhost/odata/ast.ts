// The parsed form of the OData query options the local Analytics endpoint understands. Every node
// keeps where it came from (the query option and the 0-based position in it), for error messages.

export type QueryOptionName = "$filter" | "$apply" | "$orderby" | "$select" | "$expand";

export interface Position {
  option: QueryOptionName;
  /** 0-based, as ODataLib counts in its messages. */
  offset: number;
  image: string;
}

export type LiteralType = "string" | "int" | "decimal" | "boolean" | "null" | "dateTimeOffset" | "date";

export interface Literal {
  kind: "literal";
  type: LiteralType;
  value: string | number | boolean | null;
  /** A date-time written without a time zone (refused when compared to a DateTimeOffset). */
  withoutOffset?: boolean;
  at: Position;
}

export interface PropertyPath {
  kind: "path";
  /** Navigation properties then the property: ["TestSuite", "Title"]. */
  segments: string[];
  at: Position;
}

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type Expression =
  | Literal
  | PropertyPath
  | { kind: "and" | "or"; left: Expression; right: Expression; at: Position }
  | { kind: "not"; operand: Expression; at: Position }
  | { kind: "compare"; operator: ComparisonOperator; left: Expression; right: Expression; at: Position }
  | { kind: "in"; operand: Expression; values: Expression[]; at: Position }
  | { kind: "call"; name: string; args: Expression[]; at: Position }
  | { kind: "cast"; operand: Expression; type: string; at: Position };

export type AggregateMethod = "sum" | "min" | "max" | "average" | "countdistinct";

export type AggregateItem =
  | { kind: "count"; alias: string; at: Position }
  | { kind: "with"; operand: Expression; method: string; alias: string; at: Position };

export type Transformation =
  | { kind: "filter"; expression: Expression; at: Position }
  | { kind: "groupby"; paths: PropertyPath[]; aggregate?: AggregateItem[]; at: Position }
  | { kind: "aggregate"; items: AggregateItem[]; at: Position };

export interface OrderItem {
  path: PropertyPath;
  descending: boolean;
}

export interface ExpandItem {
  navigation: string;
  /** The properties of the expanded entity to return; all when absent. */
  select?: PropertyPath[];
  at: Position;
}

/** Everything a request asks for, parsed and checked for form (not yet against the model). */
export interface ODataQuery {
  entitySet: string;
  filter?: Expression;
  apply: Transformation[];
  orderBy: OrderItem[];
  /** Undefined: every property; the star is expanded by the translator. */
  select?: PropertyPath[];
  expand: ExpandItem[];
  top?: number;
  skip?: number;
  count: boolean;
  skipToken?: string;
}
