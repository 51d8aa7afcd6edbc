// OData query (./ast) -> parameterised SQL over the store, through the entity model (./model).
// Property paths are resolved against the model and only its static SQL fragments reach the query;
// every value is a bound parameter. Types are checked as ODataLib checks them, so a query that
// compares a string to a number, or a DateTimeOffset to a date without a time zone, is refused with
// a message that says so.
//
// Shape of the SQL: the entity set (with a LEFT JOIN per navigation property used) and its filters
// form the innermost SELECT; each groupby/aggregate makes a grouped SELECT over what came before;
// a filter after a groupby wraps it as a subquery. $orderby, $select and paging apply to the last.
import type { AggregateItem, Expression, Literal, ODataQuery, PropertyPath, Transformation } from "./ast";
import { ODataError } from "./errors";
import {
  DOUBLE,
  edmName,
  EntityDefinition,
  INT,
  ODataModel,
  PropertyDefinition,
  qualifiedName,
  QueryScope,
  SqlParams,
  STRING,
  ValueType,
} from "./model";

type AnyType = ValueType | { kind: "null" };

interface Typed {
  sql: string;
  type: AnyType;
  literal?: Literal;
}

/** A column of the answer: where it goes in the JSON (["TestSuite", "Title"]) and how to read it. */
export interface OutputColumn {
  alias: string;
  segments: string[];
  type: ValueType;
}

export interface SqlStatement {
  text: string;
  params: Record<string, string | number | null>;
}

export interface PageRequest {
  limit: number;
  offset: number;
  /** Keyset paging: only rows whose key is greater. */
  afterKey?: number | string;
}

export interface CompiledQuery {
  columns: OutputColumn[];
  /** Present when pages can continue after a key (an entity set read in key order). */
  keyAlias?: string;
  /** "WorkItems(WorkItemId,Title)", for @odata.context. */
  contextFragment: string;
  page(request: PageRequest): SqlStatement;
  count(): SqlStatement;
}

interface Resolver {
  resolve(path: PropertyPath): Typed;
}

const OPERATOR_KINDS: Record<string, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};
const SQL_OPERATORS: Record<string, string> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

const textual = (type: AnyType) => type.kind === "string" || type.kind === "enum";
const numeric = (type: AnyType) => type.kind === "int" || type.kind === "double";
const collation = (type: AnyType) => (textual(type) ? " COLLATE NOCASE" : "");

/** The entity set and the navigation properties joined to it. */
class EntitySource implements Resolver {
  readonly alias = "e";
  readonly where: string[];
  private readonly joins = new Map<string, { alias: string; entity: EntityDefinition; sql: string }>();

  constructor(
    readonly entity: EntityDefinition,
    private readonly model: ODataModel,
    private readonly scope: QueryScope,
    private readonly params: SqlParams,
  ) {
    entity.prepare?.();
    this.where = entity.scope(this.alias, scope, params);
  }

  resolve(path: PropertyPath): Typed {
    const { entity, alias, property } = this.walk(path);
    if (!property) {
      const last = path.segments[path.segments.length - 1];
      if (entity.navigations.has(last)) {
        throw ODataError.invalid(`'${path.segments.join("/")}' is a navigation property; name one of its properties, such as ${path.segments.join("/")}/${this.firstProperty(last, entity)}.`);
      }
      throw ODataError.unknownProperty(last, qualifiedName(entity));
    }
    return { sql: property.sql(alias, this.params), type: property.type };
  }

  /** The entity reached through all but the last segment, and the property the last one names. */
  walk(path: PropertyPath): { entity: EntityDefinition; alias: string; property?: PropertyDefinition } {
    let entity = this.entity;
    let alias = this.alias;
    for (let i = 0; i < path.segments.length - 1; i++) {
      const segment = path.segments[i];
      const navigation = entity.navigations.get(segment);
      if (!navigation) {
        if (entity.properties.has(segment)) throw ODataError.invalid(`'${segment}' is not a navigation property of '${qualifiedName(entity)}', so '${path.segments.join("/")}' does not lead anywhere.`);
        throw ODataError.unknownProperty(segment, qualifiedName(entity));
      }
      const target = this.model.types.get(navigation.target);
      if (!target) throw new Error(`The model has no entity type ${navigation.target}`);
      const key = path.segments.slice(0, i + 1).join("/");
      let join = this.joins.get(key);
      if (!join) {
        target.prepare?.();
        const joinAlias = `j${this.joins.size}`;
        const on = [navigation.on(alias, joinAlias), ...target.scope(joinAlias, this.scope, this.params)].join(" AND ");
        join = { alias: joinAlias, entity: target, sql: `LEFT JOIN ${target.table(joinAlias)} ON ${on}` };
        this.joins.set(key, join);
      }
      entity = join.entity;
      alias = join.alias;
    }
    return { entity, alias, property: entity.properties.get(path.segments[path.segments.length - 1]) };
  }

  navigationTarget(name: string): EntityDefinition | undefined {
    const navigation = this.entity.navigations.get(name);
    return navigation ? this.model.types.get(navigation.target) : undefined;
  }

  from(): string {
    return [this.entity.table(this.alias), ...[...this.joins.values()].map((j) => j.sql)].join(" ");
  }

  private firstProperty(navigation: string, entity: EntityDefinition): string {
    const target = this.model.types.get(entity.navigations.get(navigation)!.target);
    return target ? [...target.properties.keys()][0] : "Name";
  }
}

interface DerivedColumn {
  /** The path or alias it is known by: "TestSuite/Title", "Count". */
  key: string;
  segments: string[];
  alias: string;
  type: ValueType;
}

/** The result of a groupby or aggregate (possibly filtered), as a subquery. */
class Derived implements Resolver {
  constructor(
    readonly sql: string,
    readonly columns: DerivedColumn[],
    readonly alias: string,
    /** The grouped columns, in order: the default sort. */
    readonly groupKeys: string[],
  ) {}

  resolve(path: PropertyPath): Typed {
    const key = path.segments.join("/");
    const found = this.columns.find((c) => c.key === key);
    if (!found) {
      const known = this.columns.map((c) => c.key).join(", ");
      throw ODataError.invalid(`Could not find a property named '${key}' in the result of $apply; after groupby or aggregate only ${known || "nothing"} can be used.`);
    }
    return { sql: `${this.alias}.${found.alias}`, type: found.type };
  }
}

export function compileQuery(query: ODataQuery, model: ODataModel, scope: QueryScope): CompiledQuery {
  const entity = model.entitySets.get(query.entitySet);
  if (!entity) throw ODataError.notFound(`The entity set '${query.entitySet}' does not exist. Entity sets: ${[...model.entitySets.keys()].join(", ")}.`);
  return new Compiler(entity, model, scope).compile(query);
}

class Compiler {
  private readonly params = new SqlParams();
  private readonly source: EntitySource;
  private aliases = 0;

  constructor(
    private readonly entity: EntityDefinition,
    model: ODataModel,
    scope: QueryScope,
  ) {
    this.source = new EntitySource(entity, model, scope, this.params);
  }

  compile(query: ODataQuery): CompiledQuery {
    const transformations: Transformation[] = [...query.apply];
    if (query.filter) transformations.push({ kind: "filter", expression: query.filter, at: query.filter.at });
    let current: EntitySource | Derived = this.source;
    for (const transformation of transformations) current = this.transform(current, transformation);
    return current instanceof EntitySource ? this.entityQuery(query) : this.derivedQuery(query, current);
  }

  private nextAlias(prefix: string): string {
    return `${prefix}${this.aliases++}`;
  }

  private transform(current: EntitySource | Derived, transformation: Transformation): EntitySource | Derived {
    if (transformation.kind === "filter") {
      const condition = this.condition(transformation.expression, current);
      if (current instanceof EntitySource) {
        current.where.push(condition);
        return current;
      }
      return new Derived(`SELECT * FROM (${current.sql}) AS ${current.alias} WHERE ${condition}`, current.columns, this.nextAlias("r"), current.groupKeys);
    }
    const paths = transformation.kind === "groupby" ? transformation.paths : [];
    const items = transformation.kind === "groupby" ? (transformation.aggregate ?? []) : transformation.items;
    const keys: DerivedColumn[] = [];
    const selected: string[] = [];
    for (const path of paths) {
      const key = path.segments.join("/");
      if (keys.some((k) => k.key === key)) throw ODataError.invalid(`The property '${key}' is grouped by more than once.`);
      const value = current.resolve(path);
      if (value.type.kind === "null") throw ODataError.invalid(`'${key}' cannot be grouped by.`);
      const alias = this.nextAlias("g");
      keys.push({ key, segments: path.segments, alias, type: value.type });
      selected.push(`${value.sql} AS ${alias}`);
    }
    const aggregates = this.aggregates(items, current, keys);
    selected.push(...aggregates.map((a) => `${a.sql} AS ${a.column.alias}`));
    const groupBy = keys.length ? ` GROUP BY ${keys.map((k) => k.alias).join(", ")}` : "";
    const sql =
      current instanceof EntitySource
        ? `SELECT ${selected.join(", ")} FROM ${current.from()} WHERE ${current.where.join(" AND ") || "1"}${groupBy}`
        : `SELECT ${selected.join(", ")} FROM (${current.sql}) AS ${current.alias}${groupBy}`;
    return new Derived(sql, [...keys, ...aggregates.map((a) => a.column)], this.nextAlias("r"), keys.map((k) => k.alias));
  }

  private aggregates(items: readonly AggregateItem[], current: Resolver, keys: readonly DerivedColumn[]): { sql: string; column: DerivedColumn }[] {
    const result: { sql: string; column: DerivedColumn }[] = [];
    for (const item of items) {
      if (keys.some((k) => k.key === item.alias) || result.some((r) => r.column.key === item.alias)) {
        throw ODataError.invalid(`The alias '${item.alias}' is used more than once in the same transformation.`);
      }
      const alias = this.nextAlias("a");
      const column = (type: ValueType): DerivedColumn => ({ key: item.alias, segments: [item.alias], alias, type });
      if (item.kind === "count") {
        result.push({ sql: "COUNT(*)", column: column(INT) });
        continue;
      }
      const operand = this.value(item.operand, current);
      switch (item.method) {
        case "sum":
          if (!numeric(operand.type)) throw ODataError.invalid(`The aggregation method 'sum' needs a number, but the expression is of type '${edmName(operand.type)}'.`);
          result.push({ sql: `TOTAL(${operand.sql})`, column: column(operand.type.kind === "int" ? INT : DOUBLE) });
          break;
        case "average":
          if (!numeric(operand.type)) throw ODataError.invalid(`The aggregation method 'average' needs a number, but the expression is of type '${edmName(operand.type)}'.`);
          result.push({ sql: `AVG(${operand.sql})`, column: column(DOUBLE) });
          break;
        case "min":
        case "max":
          if (operand.type.kind === "null" || operand.type.kind === "boolean") throw ODataError.invalid(`The aggregation method '${item.method}' cannot be applied to '${edmName(operand.type)}'.`);
          result.push({ sql: `${item.method.toUpperCase()}(${operand.sql}${collation(operand.type)})`, column: column(operand.type) });
          break;
        case "countdistinct":
          throw ODataError.invalid("The aggregation method 'countdistinct' is not supported by Analytics; group by the property and count the groups instead.");
        default:
          throw ODataError.invalid(`'${item.method}' is not an aggregation method; use sum, average, min or max (or $count as Alias).`);
      }
    }
    return result;
  }

  // --- the final SELECT ------------------------------------------------------------------------

  private entityQuery(query: ODataQuery): CompiledQuery {
    const source = this.source;
    const columns: OutputColumn[] = [];
    const selected: string[] = [];
    const add = (segments: string[], value: Typed) => {
      const alias = this.nextAlias("c");
      columns.push({ alias, segments, type: value.type as ValueType });
      selected.push(`${value.sql} AS ${alias}`);
    };
    const selectPaths = query.select ?? [...this.entity.properties.keys()].map((name) => ({ kind: "path" as const, segments: [name], at: { option: "$select" as const, offset: 0, image: name } }));
    for (const path of selectPaths) {
      if (path.segments.length > 1 || this.entity.navigations.has(path.segments[0])) {
        throw ODataError.invalid(`$select names properties of the entity; to return '${path.segments[0]}' use $expand=${path.segments[0]}($select=...).`);
      }
      if (columns.some((c) => c.segments[0] === path.segments[0])) continue;
      add(path.segments, source.resolve(path));
    }
    for (const item of query.expand) {
      const target = source.navigationTarget(item.navigation);
      if (!target) {
        if (this.entity.properties.has(item.navigation)) throw ODataError.invalid(`'${item.navigation}' is not a navigation property and cannot be expanded.`);
        throw ODataError.unknownProperty(item.navigation, qualifiedName(this.entity));
      }
      const names = item.select ? item.select.map((p) => p.segments.join("/")) : [...target.properties.keys()];
      for (const name of names) {
        const path: PropertyPath = { kind: "path", segments: [item.navigation, ...name.split("/")], at: item.at };
        if (path.segments.length > 2) throw ODataError.invalid(`$select inside $expand names properties of '${item.navigation}', not paths such as '${name}'.`);
        add(path.segments, source.resolve(path));
      }
    }
    const keyValue = source.resolve({ kind: "path", segments: [this.entity.key], at: { option: "$select", offset: 0, image: this.entity.key } });
    const keyAlias = this.nextAlias("k");
    selected.push(`${keyValue.sql} AS ${keyAlias}`);
    const order = query.orderBy.map((item) => {
      const value = source.resolve(item.path);
      return `${value.sql}${collation(value.type)} ${item.descending ? "DESC" : "ASC"}`;
    });
    const keyset = order.length === 0;
    const contextFragment = `${query.entitySet}(${columns.map((c) => c.segments.join("/")).join(",")})`;
    const base = () => `FROM ${source.from()} WHERE ${source.where.join(" AND ") || "1"}`;
    return {
      columns,
      keyAlias: keyset ? keyAlias : undefined,
      contextFragment,
      page: (request) => {
        const params = new SqlParams("page");
        const after = keyset && request.afterKey !== undefined ? ` AND ${keyValue.sql} > ${params.bind(request.afterKey)}` : "";
        const orderBy = [...order, `${keyValue.sql} ASC`].join(", ");
        const text = `SELECT ${selected.join(", ")} ${base()}${after} ORDER BY ${orderBy} LIMIT ${params.bind(request.limit)} OFFSET ${params.bind(request.offset)}`;
        return { text, params: { ...this.params.values, ...params.values } };
      },
      count: () => ({ text: `SELECT COUNT(*) AS n ${base()}`, params: { ...this.params.values } }),
    };
  }

  private derivedQuery(query: ODataQuery, derived: Derived): CompiledQuery {
    if (query.expand.length > 0) throw ODataError.invalid("$expand cannot be combined with $apply: name the navigation properties' properties in groupby instead.");
    const wanted = query.select ? query.select.map((p) => p.segments.join("/")) : derived.columns.map((c) => c.key);
    const columns: OutputColumn[] = [];
    const selected: string[] = [];
    for (const key of wanted) {
      const found = derived.columns.find((c) => c.key === key);
      if (!found) derived.resolve({ kind: "path", segments: key.split("/"), at: { option: "$select", offset: 0, image: key } });
      if (columns.some((c) => c.alias === found!.alias)) continue;
      columns.push({ alias: found!.alias, segments: found!.segments, type: found!.type });
      selected.push(`${derived.alias}.${found!.alias} AS ${found!.alias}`);
    }
    const order = query.orderBy.length
      ? query.orderBy.map((item) => {
          const value = derived.resolve(item.path);
          return `${value.sql}${collation(value.type)} ${item.descending ? "DESC" : "ASC"}`;
        })
      : derived.groupKeys.map((alias) => `${derived.alias}.${alias} ASC`);
    const contextFragment = `${query.entitySet}(${columns.map((c) => c.segments.join("/")).join(",")})`;
    return {
      columns,
      contextFragment,
      page: (request) => {
        const params = new SqlParams("page");
        const orderBy = order.length ? ` ORDER BY ${order.join(", ")}` : "";
        const text = `SELECT ${selected.join(", ")} FROM (${derived.sql}) AS ${derived.alias}${orderBy} LIMIT ${params.bind(request.limit)} OFFSET ${params.bind(request.offset)}`;
        return { text, params: { ...this.params.values, ...params.values } };
      },
      count: () => ({ text: `SELECT COUNT(*) AS n FROM (${derived.sql})`, params: { ...this.params.values } }),
    };
  }

  // --- expressions -----------------------------------------------------------------------------

  /**
   * A $filter expression as SQL for a WHERE clause, where NULL already counts as false: comparisons
   * stay bare so SQLite can use them to pick rows by index (a date key range, an id list). Under a
   * `not`, where NULL must count as false before it is negated (OData's two-valued logic), they are
   * made strict: 1 or 0, never NULL.
   */
  private condition(expression: Expression, resolver: Resolver): string {
    const value = this.value(expression, resolver, false);
    if (value.type.kind !== "boolean") throw ODataError.invalid(`The filter expression must be true or false, but '${expression.at.image}' is of type '${edmName(value.type)}'.`);
    return value.sql;
  }

  private truth(value: Typed, strict: boolean): string {
    return strict && !value.literal ? `COALESCE(${value.sql}, 0)` : value.sql;
  }

  private value(expression: Expression, resolver: Resolver, strict = true): Typed {
    switch (expression.kind) {
      case "literal":
        return this.literal(expression);
      case "path": {
        const value = resolver.resolve(expression);
        return value.type.kind === "boolean" ? { ...value, sql: this.truth(value, strict) } : value;
      }
      case "and":
      case "or": {
        const side = (operand: Expression) => {
          const value = this.value(operand, resolver, strict);
          if (value.type.kind !== "boolean") throw ODataError.invalid(`'${expression.kind}' joins conditions, but '${operand.at.image}' is of type '${edmName(value.type)}'.`);
          return value.sql;
        };
        return { sql: `(${side(expression.left)} ${expression.kind.toUpperCase()} ${side(expression.right)})`, type: { kind: "boolean" } };
      }
      case "not": {
        const operand = this.value(expression.operand, resolver, true);
        if (operand.type.kind !== "boolean") throw ODataError.invalid(`'not' negates a condition, but '${expression.operand.at.image}' is of type '${edmName(operand.type)}'.`);
        return { sql: `(NOT ${operand.sql})`, type: { kind: "boolean" } };
      }
      case "compare":
        return { sql: this.compare(expression.operator, this.value(expression.left, resolver), this.value(expression.right, resolver), strict), type: { kind: "boolean" } };
      case "in":
        return this.inList(expression.operand, expression.values, resolver, strict);
      case "call": {
        const value = this.call(expression.name, expression.args, resolver, expression.at.image);
        return value.type.kind === "boolean" ? { ...value, sql: this.truth(value, strict) } : value;
      }
      case "cast":
        return this.cast(expression.operand, expression.type, resolver);
    }
  }

  private literal(literal: Literal): Typed {
    const type: AnyType =
      literal.type === "null"
        ? { kind: "null" }
        : literal.type === "int"
          ? INT
          : literal.type === "decimal"
            ? DOUBLE
            : literal.type === "boolean"
              ? { kind: "boolean" }
              : literal.type === "dateTimeOffset"
                ? { kind: "dateTimeOffset" }
                : literal.type === "date"
                  ? { kind: "date" }
                  : STRING;
    return { sql: literal.type === "null" ? "NULL" : this.params.bind(literal.value), type, literal };
  }

  /** Checks that two operands can be compared, binding a string literal against an enum as the member's name. */
  private unify(operator: string, left: Typed, right: Typed): [Typed, Typed] {
    const incompatible = () =>
      ODataError.invalid(`A binary operator with incompatible types was detected. Found operand types '${edmName(left.type)}' and '${edmName(right.type)}' for operator kind '${OPERATOR_KINDS[operator] ?? operator}'.`);
    const l = left.type;
    const r = right.type;
    if (l.kind === "enum" || r.kind === "enum") {
      const [enumSide, other] = l.kind === "enum" ? [left, right] : [right, left];
      const enumType = enumSide.type as Extract<ValueType, { kind: "enum" }>;
      if (other.type.kind === "enum") {
        if ((other.type as { name: string }).name !== enumType.name) throw incompatible();
        return [left, right];
      }
      if (other.type.kind !== "string" || !other.literal) throw incompatible();
      const member = enumType.members.find((m) => m.toLowerCase() === String(other.literal!.value).toLowerCase());
      if (!member) {
        throw ODataError.invalid(`The string '${String(other.literal.value)}' is not a valid enumerated type constant of '${edmName(enumType)}'; the constants are ${enumType.members.join(", ")}.`);
      }
      const bound: Typed = { sql: this.params.bind(member), type: enumType, literal: other.literal };
      return l.kind === "enum" ? [left, bound] : [bound, right];
    }
    for (const [side, other] of [
      [left, right],
      [right, left],
    ] as const) {
      if (side.type.kind === "dateTimeOffset" && other.literal?.type === "dateTimeOffset" && other.literal.withoutOffset) {
        throw ODataError.invalid(`The date-time '${other.literal.at.image}' has no time zone offset: write it with one (such as ${other.literal.at.image}Z), or compare a date key instead (such as CreatedDateSK ge 20240101).`);
      }
    }
    if (l.kind === r.kind || (numeric(l) && numeric(r))) return [left, right];
    throw incompatible();
  }

  private compare(operator: string, left: Typed, right: Typed, strict: boolean): string {
    if (left.type.kind === "null" || right.type.kind === "null") {
      const other = left.type.kind === "null" ? right : left;
      if (operator === "eq") return `(${other.sql} IS NULL)`;
      if (operator === "ne") return `(${other.sql} IS NOT NULL)`;
      return "0";
    }
    const [l, r] = this.unify(operator, left, right);
    const collate = collation(l.type);
    if (operator === "eq") return strict || !r.literal ? `(${l.sql} IS ${r.sql}${collate})` : `(${l.sql} = ${r.sql}${collate})`;
    if (operator === "ne") return `(${l.sql} IS NOT ${r.sql}${collate})`;
    if (l.type.kind === "boolean") throw ODataError.invalid(`'${operator}' cannot compare Edm.Boolean values; use eq or ne.`);
    const bare = `${l.sql} ${SQL_OPERATORS[operator]} ${r.sql}${collate}`;
    return strict ? `COALESCE(${bare}, 0)` : `(${bare})`;
  }

  private inList(operand: Expression, values: readonly Expression[], resolver: Resolver, strict: boolean): Typed {
    const left = this.value(operand, resolver);
    const items: string[] = [];
    let includesNull = false;
    for (const value of values) {
      if (value.kind !== "literal") throw ODataError.invalid(`The list after 'in' may hold only values, not '${value.at.image}'.`);
      const right = this.literal(value);
      if (right.type.kind === "null") {
        includesNull = true;
        continue;
      }
      items.push(this.unify("in", left, right)[1].sql);
    }
    const parts: string[] = [];
    const bare = `${left.sql}${collation(left.type)} IN (${items.join(", ")})`;
    if (items.length) parts.push(strict ? `COALESCE(${bare}, 0)` : `(${bare})`);
    if (includesNull) parts.push(`(${left.sql} IS NULL)`);
    return { sql: `(${parts.join(" OR ") || "0"})`, type: { kind: "boolean" } };
  }

  private call(name: string, args: readonly Expression[], resolver: Resolver, image: string): Typed {
    const typed = args.map((a) => this.value(a, resolver));
    const expect = (count: number, ...kinds: ValueType["kind"][][]) => {
      if (typed.length !== count) throw ODataError.invalid(`The function '${name}' takes ${count} argument${count === 1 ? "" : "s"}, not ${typed.length}.`);
      typed.forEach((t, i) => {
        if (!kinds[i].includes(t.type.kind as ValueType["kind"])) {
          throw ODataError.invalid(`Argument ${i + 1} of '${name}' must be of type ${kinds[i].map((k) => edmName({ kind: k } as ValueType)).join(" or ")}, not '${edmName(t.type)}'.`);
        }
      });
    };
    const text: ValueType["kind"][] = ["string", "enum"];
    switch (name) {
      case "contains":
        expect(2, text, text);
        return { sql: `(instr(lower(${typed[0].sql}), lower(${typed[1].sql})) > 0)`, type: { kind: "boolean" } };
      case "startswith":
        expect(2, text, text);
        return { sql: `(substr(lower(${typed[0].sql}), 1, length(${typed[1].sql})) = lower(${typed[1].sql}))`, type: { kind: "boolean" } };
      case "endswith":
        expect(2, text, text);
        return { sql: `(length(${typed[1].sql}) = 0 OR substr(lower(${typed[0].sql}), -length(${typed[1].sql})) = lower(${typed[1].sql}))`, type: { kind: "boolean" } };
      case "tolower":
      case "toupper":
        expect(1, text);
        return { sql: `${name === "tolower" ? "lower" : "upper"}(${typed[0].sql})`, type: STRING };
      case "trim":
        expect(1, text);
        return { sql: `trim(${typed[0].sql})`, type: STRING };
      case "length":
        expect(1, text);
        return { sql: `length(${typed[0].sql})`, type: INT };
      case "year":
      case "month":
      case "day": {
        expect(1, ["dateTimeOffset", "date"]);
        const format = name === "year" ? "%Y" : name === "month" ? "%m" : "%d";
        return { sql: `CAST(strftime('${format}', ${typed[0].sql}) AS INTEGER)`, type: INT };
      }
      default:
        throw ODataError.invalid(`An unknown function with name '${name}' was found (in '${image}'). Functions: contains, startswith, endswith, tolower, toupper, trim, length, year, month, day, cast.`);
    }
  }

  private cast(operand: Expression, type: string, resolver: Resolver): Typed {
    const value = this.value(operand, resolver);
    switch (type) {
      case "Edm.Int32":
      case "Edm.Int64":
        if (value.type.kind === "boolean") return { sql: `(CASE WHEN ${value.sql} THEN 1 ELSE 0 END)`, type: INT };
        if (numeric(value.type)) return { sql: `CAST(${value.sql} AS INTEGER)`, type: INT };
        break;
      case "Edm.Double":
      case "Edm.Decimal":
        if (value.type.kind === "boolean") return { sql: `(CASE WHEN ${value.sql} THEN 1.0 ELSE 0.0 END)`, type: DOUBLE };
        if (numeric(value.type)) return { sql: `CAST(${value.sql} AS REAL)`, type: DOUBLE };
        break;
      case "Edm.String":
        return { sql: `CAST(${value.sql} AS TEXT)`, type: STRING };
    }
    throw ODataError.invalid(`'${edmName(value.type)}' cannot be cast to '${type}'; cast supports Edm.Int32, Edm.Int64, Edm.Double, Edm.Decimal and Edm.String.`);
  }
}
