// WIQL AST -> parameterised SQL over the work item store. Field names are resolved through the field
// catalogue and only ever reach SQL as bound parameters; so do all values.
import { identityValue, IdentityStore } from "../store/identities";
import type { Field } from "../store/fields";
import type { LinkTypeDefinition } from "../catalogue/linkTypes";
import type { User } from "../store/identities";
import type { Condition, Expression, FieldReference, LinkEnd, Operand, Query, SortField, SourcePosition } from "./ast";
import { isCondition } from "./ast";
import { syntaxError } from "./grammar";

export type LinkMode = "mustContain" | "mayContain" | "doesNotContain";

export interface TranslationContext {
  field(name: string): Field | undefined;
  linkType(name: string): LinkTypeDefinition | undefined;
  identities: IdentityStore;
  user: User;
  /** The project of the WIQL endpoint, for @project. */
  projectName?: string;
  /** Midnight (UTC) of today, for @today. */
  today: Date;
  /** Compare dates to the second instead of to the day (timePrecision=true). */
  timePrecision: boolean;
  /** The work item types of a category (by reference or display name) of the project's process; undefined when it has none such. */
  categoryTypes?(name: string): string[] | undefined;
}

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface ResolvedSort {
  field: Field;
  descending: boolean;
}

export type CompiledQuery =
  | { kind: "workItems"; columns: Field[]; sort: ResolvedSort[]; select: SqlStatement }
  | { kind: "links"; mode: LinkMode; columns: Field[]; sort: ResolvedSort[]; links: SqlStatement; sources?: SqlStatement };

type Alias = "w" | "s" | "t";
type ComparableValue = { kind: "value"; value: string | number } | { kind: "day"; start: string; end: string } | { kind: "empty" };

const LINK_TYPE_FIELD = "System.Links.LinkType";
const ID_FIELD = "System.Id";
const WORK_ITEM_TYPE_FIELD = "System.WorkItemType";
const HISTORY_FIELD = "System.History";
const TEXT_TYPES = new Set(["string", "plainText", "html", "history", "treePath"]);
const DATE_ONLY = /^\s*\d{4}-\d{1,2}-\d{1,2}\s*$|^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/;
const DAY_MS = 86_400_000;

class Parameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return "?";
  }
}

export function compileQuery(query: Query, context: TranslationContext): CompiledQuery {
  const table = query.table.name.toLowerCase();
  if (table !== "workitems" && table !== "workitemlinks") throw syntaxError("TF51009: The query specifies an unknown table.", query.table.at);
  if (query.asOf) throw syntaxError("ASOF queries are not supported by the local host.", query.asOf.at);
  const translator = new Translator(context, table === "workitemlinks");
  const columns = query.columns.map((c) => translator.resolveField(c));
  return table === "workitems" ? translator.flat(query, columns) : translator.links(query, columns);
}

class Translator {
  constructor(
    private readonly context: TranslationContext,
    private readonly isLinkQuery: boolean,
  ) {}

  flat(query: Query, columns: Field[]): CompiledQuery {
    if (query.mode) throw syntaxError("The MODE keyword can not be used inside work item query.", query.mode.at);
    const params = new Parameters();
    const where = query.where ? ` AND ${this.expression(query.where, params)}` : "";
    const sort = this.resolveSort(query.orderBy);
    const orderBy = [...sort.map((s) => this.sortTerm("w", s, params)), "w.id"].join(", ");
    return { kind: "workItems", columns, sort, select: { text: `SELECT w.id AS id FROM work_items w WHERE w.is_deleted = 0${where} ORDER BY ${orderBy}`, params: params.values } };
  }

  links(query: Query, columns: Field[]): CompiledQuery {
    const mode = this.linkMode(query);
    const sort = this.resolveSort(query.orderBy);
    const params = new Parameters();
    const where = query.where ? ` AND ${this.expression(query.where, params)}` : "";
    const orderBy = [...query.orderBy.map((s, i) => this.sortTerm(this.aliasOf(s.field), sort[i], params)), "s.id", "t.id"].join(", ");
    const links: SqlStatement = {
      text:
        "SELECT r.work_item_id AS sourceId, r.target_id AS targetId, r.rel AS rel FROM work_item_relations r " +
        "JOIN work_items s ON s.id = r.work_item_id AND s.is_deleted = 0 " +
        "JOIN work_items t ON t.id = r.target_id AND t.is_deleted = 0 " +
        `WHERE r.target_id IS NOT NULL${where} ORDER BY ${orderBy}`,
      params: params.values,
    };
    if (mode === "mustContain") return { kind: "links", mode, columns, sort, links };

    // MayContain / DoesNotContain list the sources that match the source conditions alone.
    const sourceParams = new Parameters();
    const sourceConjuncts = conjuncts(query.where).filter((c) => {
      const ends = this.endsOf(c);
      return ends.size > 0 && [...ends].every((e) => e === "source");
    });
    const sourceWhere = sourceConjuncts.map((c) => ` AND ${this.expression(c, sourceParams)}`).join("");
    const sourceOrder = [...query.orderBy.filter((s) => this.aliasOf(s.field) === "s").map((s) => this.sortTerm("s", { field: this.resolveField(s.field), descending: s.descending }, sourceParams)), "s.id"].join(", ");
    const sources: SqlStatement = { text: `SELECT s.id AS id FROM work_items s WHERE s.is_deleted = 0${sourceWhere} ORDER BY ${sourceOrder}`, params: sourceParams.values };
    return { kind: "links", mode, columns, sort, links, sources };
  }

  resolveField(reference: FieldReference): Field {
    const field = this.context.field(reference.name);
    if (!field) throw syntaxError("TF51005: The query references a field that does not exist.", reference.at);
    if (reference.end && !this.isLinkQuery) throw syntaxError("The work item link field can not be used inside work item query.", reference.at);
    if (field.referenceName === LINK_TYPE_FIELD && !this.isLinkQuery) throw syntaxError("The work item link field can not be used inside work item query.", reference.at);
    return field;
  }

  private linkMode(query: Query): LinkMode {
    const names = (query.mode?.names ?? ["MustContain"]).map((n) => n.toLowerCase());
    if (names.includes("recursive")) throw syntaxError("Tree (recursive) link queries are not supported by the local host.", query.mode!.at);
    if (names.length !== 1) throw syntaxError("Unknown MODE parameter.", query.mode!.at);
    const modes: Record<string, LinkMode> = { mustcontain: "mustContain", maycontain: "mayContain", doesnotcontain: "doesNotContain" };
    const mode = modes[names[0]];
    if (!mode) throw syntaxError("Unknown MODE parameter.", query.mode!.at);
    return mode;
  }

  private resolveSort(orderBy: SortField[]): ResolvedSort[] {
    return orderBy.map((s) => {
      const field = this.resolveField(s.field);
      if (!field.canSortBy || field.referenceName === LINK_TYPE_FIELD) throw syntaxError("The specified field cannot be sorted by.", s.field.at);
      return { field, descending: s.descending };
    });
  }

  private sortTerm(alias: Alias, sort: ResolvedSort, params: Parameters): string {
    const direction = sort.descending ? "DESC" : "ASC";
    if (sort.field.referenceName === ID_FIELD) return `${alias}.id ${direction}`;
    return `(SELECT v.value FROM work_item_field_values v WHERE v.work_item_id = ${alias}.id AND v.field = ${params.bind(sort.field.referenceName)}) ${direction}`;
  }

  private aliasOf(reference: FieldReference): Alias {
    if (!this.isLinkQuery) return "w";
    return reference.end === "target" ? "t" : "s";
  }

  private endsOf(expression: Expression): Set<LinkEnd | "link"> {
    const ends = new Set<LinkEnd | "link">();
    const visit = (e: Expression) => {
      if (e.kind === "and" || e.kind === "or") e.operands.forEach(visit);
      else if (e.kind === "not") visit(e.operand);
      else {
        const field = this.context.field(e.field.name);
        ends.add(field?.referenceName === LINK_TYPE_FIELD ? "link" : (e.field.end ?? "source"));
        if ("operand" in e && e.operand.kind === "field") ends.add(e.operand.end ?? "source");
      }
    };
    visit(expression);
    return ends;
  }

  private expression(expression: Expression, params: Parameters): string {
    if (expression.kind === "and" || expression.kind === "or") {
      const joiner = expression.kind === "and" ? " AND " : " OR ";
      return `(${expression.operands.map((e) => this.expression(e, params)).join(joiner)})`;
    }
    if (expression.kind === "not") return `NOT (${this.expression(expression.operand, params)})`;
    if (!isCondition(expression)) throw new Error("unreachable");
    return this.condition(expression, params);
  }

  private condition(condition: Condition, params: Parameters): string {
    const field = this.resolveField(condition.field);
    if (field.referenceName === LINK_TYPE_FIELD) return this.linkTypeCondition(condition, params);
    const alias = this.aliasOf(condition.field);
    switch (condition.kind) {
      case "compare": {
        if (condition.operand.kind === "field") return this.fieldComparison(alias, field, condition.operator, condition.operand, params);
        const value = this.comparable(field, condition.operand);
        if (value.kind === "empty") {
          if (condition.operator === "=") return this.valuePredicate(alias, field, params, () => "1 = 1", true);
          if (condition.operator === "<>") return this.valuePredicate(alias, field, params, () => "1 = 1", false);
          throw syntaxError("The specified operator cannot be used in conjunction with an empty string.", condition.operand.at);
        }
        if (condition.operator === "<>") return this.valuePredicate(alias, field, params, (column) => this.equals(column, value, params), true);
        return this.valuePredicate(alias, field, params, (column) => this.compare(column, condition.operator, value, params), false);
      }
      case "in": {
        const values = condition.operands.map((o) => {
          if (o.kind === "field") throw syntaxError("The list contains unknown or incompatible types.", o.at);
          return this.comparable(field, o);
        });
        const predicate = (column: string) => `(${values.map((v) => (v.kind === "empty" ? "0 = 1" : this.equals(column, v, params))).join(" OR ")})`;
        return this.valuePredicate(alias, field, params, predicate, condition.negated);
      }
      case "inGroup": {
        if (field.referenceName !== WORK_ITEM_TYPE_FIELD) throw syntaxError("The local host supports IN GROUP for [System.WorkItemType] and work item type categories only.", condition.field.at);
        const category = this.text(condition.operand);
        const types = this.context.categoryTypes?.(category);
        if (!types) throw syntaxError(`The specified category '${category}' does not exist.`, condition.operand.at);
        const values: ComparableValue[] = types.map((type) => ({ kind: "value", value: type }));
        const predicate = (column: string) => (values.length ? `(${values.map((v) => this.equals(column, v, params)).join(" OR ")})` : "0 = 1");
        return this.valuePredicate(alias, field, params, predicate, condition.negated);
      }
      case "contains": {
        if (!TEXT_TYPES.has(field.type) && !field.isIdentity) throw syntaxError("Operator CONTAINS can be used with string type fields only.", condition.field.at);
        const text = this.text(condition.operand);
        if (text.trim() === "") throw syntaxError("Searches on large text fields cannot be white space only.", condition.operand.at);
        const pattern = `%${escapeLike(text)}%`;
        if (field.referenceName === HISTORY_FIELD) return this.revisionPredicate(alias, field, params, (json) => `${json} LIKE ${params.bind(pattern)} ESCAPE '!'`, condition.negated);
        return this.valuePredicate(alias, field, params, (column) => `${column} LIKE ${params.bind(pattern)} ESCAPE '!'`, condition.negated);
      }
      case "under": {
        if (field.type !== "treePath") throw syntaxError("TF51012: The UNDER operator can only be used with classification fields.", condition.field.at);
        const path = this.text(condition.operand).replace(/\\+$/, "");
        if (path.startsWith("\\")) throw syntaxError("TF51008: Classification paths cannot start with a backslash.", condition.operand.at);
        const predicate = (column: string) => `(${column} = ${params.bind(path)} OR ${column} LIKE ${params.bind(`${escapeLike(path)}\\%`)} ESCAPE '!')`;
        return this.valuePredicate(alias, field, params, predicate, condition.negated);
      }
      case "ever": {
        const value = this.comparable(field, condition.operand);
        if (value.kind !== "value") throw syntaxError("TF51010: The query contains a value for the EVER operator that is not supported.", condition.operand.at);
        return this.revisionPredicate(alias, field, params, (json) => `${json} = ${params.bind(value.value)} COLLATE NOCASE`, condition.negated);
      }
      case "isEmpty":
        return this.valuePredicate(alias, field, params, () => "1 = 1", !condition.negated);
    }
  }

  /** The work item's value of field satisfies predicate (or, negated, it does not / the field is empty). */
  private valuePredicate(alias: Alias, field: Field, params: Parameters, predicate: (column: string) => string, negated: boolean): string {
    if (field.referenceName === ID_FIELD) {
      const sql = predicate(`${alias}.id`);
      return negated ? `NOT (${sql})` : sql;
    }
    const fieldParameter = params.bind(field.referenceName);
    const subquery = `SELECT v.work_item_id FROM work_item_field_values v WHERE v.field = ${fieldParameter} AND ${predicate("v.value")}`;
    return `${alias}.id ${negated ? "NOT IN" : "IN"} (${subquery})`;
  }

  /** Some revision of the work item satisfies predicate (EVER, and History which lives in revisions). */
  private revisionPredicate(alias: Alias, field: Field, params: Parameters, predicate: (jsonValue: string) => string, negated: boolean): string {
    const json = `json_extract(h.fields, ${params.bind(`$."${field.referenceName}"`)})`;
    return `${alias}.id ${negated ? "NOT IN" : "IN"} (SELECT h.work_item_id FROM work_item_revisions h WHERE ${predicate(json)})`;
  }

  private fieldComparison(alias: Alias, field: Field, operator: string, other: FieldReference, params: Parameters): string {
    const otherField = this.resolveField(other);
    if (this.aliasOf(other) !== alias) {
      throw syntaxError(
        "TF212024: To find work items by comparing fields of linked work items, you can only specify fields that belong to the same endpoint of the work item link. You cannot compare fields that belong to different endpoints of a linked work item.",
        other.at,
      );
    }
    const valueOf = (f: Field) =>
      f.referenceName === ID_FIELD ? `${alias}.id` : `(SELECT v.value FROM work_item_field_values v WHERE v.work_item_id = ${alias}.id AND v.field = ${params.bind(f.referenceName)})`;
    const left = valueOf(field);
    const right = valueOf(otherField);
    return `${left} ${operator} ${right}`;
  }

  private linkTypeCondition(condition: Condition, params: Parameters): string {
    const resolve = (operand: Operand) => {
      const name = this.text(operand);
      const linkType = this.context.linkType(name);
      if (!linkType || linkType.usage !== "workItemLink") throw syntaxError("The value is not a valid name of Link Type.", operand.at);
      return params.bind(linkType.referenceName);
    };
    if (condition.kind === "compare" && (condition.operator === "=" || condition.operator === "<>")) {
      return `r.rel ${condition.operator === "=" ? "=" : "<>"} ${resolve(condition.operand)} COLLATE NOCASE`;
    }
    if (condition.kind === "in") return `r.rel COLLATE NOCASE ${condition.negated ? "NOT IN" : "IN"} (${condition.operands.map(resolve).join(", ")})`;
    throw syntaxError("The operator can not be used with Link Type field.", condition.field.at);
  }

  private equals(column: string, value: ComparableValue, params: Parameters): string {
    if (value.kind === "day") return `(${column} >= ${params.bind(value.start)} AND ${column} < ${params.bind(value.end)})`;
    if (value.kind === "value") return `${column} = ${params.bind(value.value)}`;
    return "0 = 1";
  }

  private compare(column: string, operator: string, value: ComparableValue, params: Parameters): string {
    if (operator === "=") return this.equals(column, value, params);
    if (value.kind === "value") return `${column} ${operator} ${params.bind(value.value)}`;
    if (value.kind !== "day") return "0 = 1";
    // Date precision: a day is the interval [start, end).
    switch (operator) {
      case "<":
        return `${column} < ${params.bind(value.start)}`;
      case "<=":
        return `${column} < ${params.bind(value.end)}`;
      case ">":
        return `${column} >= ${params.bind(value.end)}`;
      default:
        return `${column} >= ${params.bind(value.start)}`;
    }
  }

  private text(operand: Operand): string {
    if (operand.kind === "string") return operand.value;
    if (operand.kind === "number") return String(operand.value);
    if (operand.kind === "macro") {
      const value = this.comparableMacro(operand.name, operand.offset, operand.at);
      return value.kind === "value" ? String(value.value) : value.kind === "day" ? value.start.slice(0, 10) : "";
    }
    throw syntaxError("Expecting constant value.", operand.at);
  }

  /** A literal or macro converted to the stored form of the field's type. */
  private comparable(field: Field, operand: Operand): ComparableValue {
    if (operand.kind === "field") throw syntaxError("Expecting constant value.", operand.at);
    if (operand.kind === "macro") return this.coerce(field, this.comparableMacro(operand.name, operand.offset, operand.at), operand.at);
    if (operand.kind === "string" && operand.value === "") return { kind: "empty" };
    return this.coerce(field, { kind: "value", value: operand.value }, operand.at);
  }

  private comparableMacro(name: string, offset: number, at: SourcePosition): ComparableValue {
    switch (name.toLowerCase()) {
      case "me":
        return { kind: "value", value: identityValue(this.context.user) };
      case "project":
        if (!this.context.projectName) throw syntaxError("Queries with an @project clause can only be executed on the project specific WIQL endpoint.", at);
        return { kind: "value", value: this.context.projectName };
      case "today": {
        const start = new Date(this.context.today.getTime() + offset * DAY_MS);
        return { kind: "day", start: start.toISOString(), end: new Date(start.getTime() + DAY_MS).toISOString() };
      }
      default:
        throw syntaxError(`The macro '@${name}' is not defined.`, at);
    }
  }

  private coerce(field: Field, value: ComparableValue, at: SourcePosition): ComparableValue {
    if (value.kind !== "value") {
      if (value.kind === "day" && field.type !== "dateTime") throw syntaxError("TF212023: You cannot compare fields with different data types in the WHERE clause of a work item query.", at);
      return value;
    }
    const raw = value.value;
    switch (field.type) {
      case "integer":
      case "double": {
        const n = typeof raw === "number" ? raw : Number(raw);
        if (raw === "" || !Number.isFinite(n) || (field.type === "integer" && !Number.isInteger(n))) {
          throw syntaxError("TF212023: You cannot compare fields with different data types in the WHERE clause of a work item query.", at);
        }
        return { kind: "value", value: n };
      }
      case "boolean": {
        const text = String(raw).toLowerCase();
        if (text !== "true" && text !== "false") throw syntaxError("TF212023: You cannot compare fields with different data types in the WHERE clause of a work item query.", at);
        return { kind: "value", value: text === "true" ? 1 : 0 };
      }
      case "dateTime": {
        const text = String(raw);
        const date = parseWiqlDate(text);
        if (typeof raw !== "string" || Number.isNaN(date.getTime())) throw syntaxError("TF51000: An unsupported date format.", at);
        if (!DATE_ONLY.test(text)) {
          if (!this.context.timePrecision) throw syntaxError("You cannot supply a time with the date when running a query using date precision.", at);
          return { kind: "value", value: date.toISOString() };
        }
        const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
        if (this.context.timePrecision) return { kind: "value", value: start.toISOString() };
        return { kind: "day", start: start.toISOString(), end: new Date(start.getTime() + DAY_MS).toISOString() };
      }
      default: {
        const text = String(raw);
        if (field.isIdentity) {
          const user = this.context.identities.find(text);
          return { kind: "value", value: user ? identityValue(user) : text };
        }
        return { kind: "value", value: text };
      }
    }
  }
}

/** ISO dates and times, and the US "M/D/YYYY" form WIQL also accepts; dates without a time are UTC midnight. */
function parseWiqlDate(text: string): Date {
  const trimmed = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  if (us) return new Date(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2])));
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
  return new Date(trimmed);
}

function conjuncts(expression: Expression | undefined): Expression[] {
  if (!expression) return [];
  return expression.kind === "and" ? expression.operands.flatMap(conjuncts) : [expression];
}

/** LIKE with '!' as the escape character (the backslash is the classification path separator). */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, "!$&");
}
