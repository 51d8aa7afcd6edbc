// A WIQL builder: conditions are made by functions that quote every value, field names must be
// plain reference names, and macros (@project, @today, @me) are typed constants, so no text
// typed by a user or read from a work item can change the shape of a query.

import { assertReferenceName } from "./fields";

/** A WIQL macro; only the constants and functions below make one. */
export class WiqlMacro {
  private constructor(readonly text: string) {}

  static readonly project = new WiqlMacro("@project");
  static readonly me = new WiqlMacro("@me");

  /** `@today`, or `@today - 7` for a week ago. */
  static today(offsetDays = 0): WiqlMacro {
    if (!Number.isInteger(offsetDays)) throw new RangeError(`@today offset must be a whole number of days, not ${offsetDays}`);
    if (offsetDays === 0) return new WiqlMacro("@today");
    return new WiqlMacro(`@today ${offsetDays < 0 ? "-" : "+"} ${Math.abs(offsetDays)}`);
  }
}

/** A date and time compared to the millisecond; the query then runs with time precision. */
export class WiqlDateTime {
  constructor(readonly date: Date) {}
}

export function dateTime(date: Date): WiqlDateTime {
  return new WiqlDateTime(date);
}

/** A Date compares as its UTC day (yyyy-mm-dd); wrap it in dateTime() to compare to the instant. */
export type WiqlValue = string | number | Date | WiqlDateTime | WiqlMacro;

export interface WiqlCondition {
  readonly text: string;
  /** True when a value carries a time of day (the query needs timePrecision). */
  readonly timePrecision: boolean;
}

const conditions = new WeakSet<WiqlCondition>();

function condition(text: string, timePrecision: boolean): WiqlCondition {
  const made = Object.freeze({ text, timePrecision });
  conditions.add(made);
  return made;
}

function assertCondition(value: WiqlCondition): WiqlCondition {
  if (!conditions.has(value)) throw new TypeError("A WIQL condition must be made with the builder functions (eq, inList, and, ...)");
  return value;
}

function validDate(date: Date): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError("A WIQL date must be a valid Date");
  return date;
}

/** A value as a WIQL literal: strings in single quotes with quotes doubled. */
export function literal(value: WiqlValue): string {
  if (value instanceof WiqlMacro) return value.text;
  if (value instanceof WiqlDateTime) return `'${validDate(value.date).toISOString()}'`;
  if (value instanceof Date) return `'${validDate(value).toISOString().slice(0, 10)}'`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`A WIQL number must be finite, not ${value}`);
    return String(value);
  }
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  throw new TypeError(`A WIQL value must be a string, number, Date or macro, not ${typeof value}`);
}

function field(referenceName: string): string {
  return `[${assertReferenceName(referenceName)}]`;
}

function needsTime(values: readonly WiqlValue[]): boolean {
  return values.some((value) => value instanceof WiqlDateTime);
}

function compare(operator: string) {
  return (referenceName: string, value: WiqlValue): WiqlCondition =>
    condition(`${field(referenceName)} ${operator} ${literal(value)}`, needsTime([value]));
}

export const eq = compare("=");
export const ne = compare("<>");
export const gt = compare(">");
export const ge = compare(">=");
export const lt = compare("<");
export const le = compare("<=");
export const contains = compare("CONTAINS");
export const containsWords = compare("CONTAINS WORDS");

/** An area or iteration path and everything under it. */
export function under(referenceName: string, path: string): WiqlCondition {
  return condition(`${field(referenceName)} UNDER ${literal(path)}`, false);
}

function list(operator: string) {
  return (referenceName: string, values: readonly WiqlValue[]): WiqlCondition => {
    if (values.length === 0) throw new RangeError(`${operator} needs at least one value for ${referenceName}`);
    return condition(`${field(referenceName)} ${operator} (${values.map(literal).join(", ")})`, needsTime(values));
  };
}

export const inList = list("IN");
export const notInList = list("NOT IN");

/** Work item types of a category, whatever the process calls them: `[System.WorkItemType] IN GROUP 'Microsoft.BugCategory'`. */
export function inCategory(categoryReferenceName: string): WiqlCondition {
  return condition(`[System.WorkItemType] IN GROUP ${literal(assertReferenceName(categoryReferenceName))}`, false);
}

export function isEmpty(referenceName: string): WiqlCondition {
  return condition(`${field(referenceName)} = ''`, false);
}

export function isNotEmpty(referenceName: string): WiqlCondition {
  return condition(`${field(referenceName)} <> ''`, false);
}

function join(operator: "AND" | "OR", parts: readonly WiqlCondition[]): WiqlCondition {
  if (parts.length === 0) throw new RangeError(`${operator} needs at least one condition`);
  parts.forEach(assertCondition);
  if (parts.length === 1) return parts[0];
  return condition(`(${parts.map((part) => part.text).join(` ${operator} `)})`, parts.some((part) => part.timePrecision));
}

export function and(...parts: WiqlCondition[]): WiqlCondition {
  return join("AND", parts);
}

export function or(...parts: WiqlCondition[]): WiqlCondition {
  return join("OR", parts);
}

export type SortDirection = "asc" | "desc";

export interface WiqlOrder {
  readonly field: string;
  readonly direction: SortDirection;
}

/** A flat work item query (FROM WorkItems). Immutable: each method returns a new query. */
export class WiqlQuery {
  private constructor(
    readonly fields: readonly string[],
    readonly condition: WiqlCondition | undefined,
    readonly order: readonly WiqlOrder[],
  ) {}

  static select(fields: readonly string[]): WiqlQuery {
    if (fields.length === 0) throw new RangeError("A query must select at least one field");
    fields.forEach(assertReferenceName);
    return new WiqlQuery(fields.slice(), undefined, []);
  }

  /** Sets the condition, or adds it with AND when there is one already. */
  where(extra: WiqlCondition): WiqlQuery {
    assertCondition(extra);
    return new WiqlQuery(this.fields, this.condition ? and(this.condition, extra) : extra, this.order);
  }

  orderBy(referenceName: string, direction: SortDirection = "asc"): WiqlQuery {
    assertReferenceName(referenceName);
    if (direction !== "asc" && direction !== "desc") throw new RangeError(`Sort direction must be asc or desc, not ${String(direction)}`);
    return new WiqlQuery(this.fields, this.condition, [...this.order, { field: referenceName, direction }]);
  }

  /** The same query with its order replaced. */
  reorder(order: readonly WiqlOrder[]): WiqlQuery {
    return order.reduce<WiqlQuery>((query, o) => query.orderBy(o.field, o.direction), new WiqlQuery(this.fields, this.condition, []));
  }

  get timePrecision(): boolean {
    return this.condition?.timePrecision ?? false;
  }

  get text(): string {
    const where = this.condition ? ` WHERE ${this.condition.text}` : "";
    const order = this.order.length
      ? ` ORDER BY ${this.order.map((o) => `${field(o.field)} ${o.direction.toUpperCase()}`).join(", ")}`
      : "";
    return `SELECT ${this.fields.map(field).join(", ")} FROM WorkItems${where}${order}`;
  }

  toString(): string {
    return this.text;
  }
}

/** Starts a query: `select(FIELD.id).where(eq(FIELD.teamProject, WiqlMacro.project)).orderBy(FIELD.id)`. */
export function select(...fields: string[]): WiqlQuery {
  return WiqlQuery.select(fields);
}
