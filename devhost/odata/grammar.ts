// The OData query option grammar the local Analytics endpoint understands: a chevrotain lexer and
// embedded-actions parser for $filter expressions, $apply transformations, $orderby, $select and
// $expand, producing the AST of ./ast. chevrotain is passed in (see ../wiql/engine for why it is
// loaded with import()). Messages follow ODataLib's wording ("... at position N in '...'.").
import type * as Chevrotain from "chevrotain";
import type { AggregateItem, ComparisonOperator, ExpandItem, Expression, Literal, OrderItem, Position, PropertyPath, QueryOptionName, Transformation } from "./ast";
import { ODataError } from "./errors";

export interface ODataParser {
  filter(text: string): Expression;
  apply(text: string): Transformation[];
  orderBy(text: string): OrderItem[];
  select(text: string): PropertyPath[] | undefined;
  expand(text: string): ExpandItem[];
}

const TRANSFORMATIONS = ["filter", "groupby", "aggregate"];
const UNSUPPORTED_TRANSFORMATIONS = ["compute", "expand", "concat", "identity", "topcount", "bottomcount", "search", "orderby", "top", "skip", "ancestors", "descendants", "traverse"];

export function createODataParser(c: typeof Chevrotain): ODataParser {
  const token = (name: string, pattern: RegExp, extra: Partial<Chevrotain.ITokenConfig> = {}) => c.createToken({ name, pattern, ...extra });

  const WhiteSpace = token("WhiteSpace", /\s+/, { group: c.Lexer.SKIPPED, line_breaks: true });
  const Identifier = token("Identifier", /[A-Za-z_][A-Za-z0-9_]*/);
  const keyword = (word: string) => token(word, new RegExp(word), { longer_alt: Identifier, label: `'${word}'` });
  const And = keyword("and");
  const Or = keyword("or");
  const Not = keyword("not");
  const Eq = keyword("eq");
  const Ne = keyword("ne");
  const Gt = keyword("gt");
  const Ge = keyword("ge");
  const Lt = keyword("lt");
  const Le = keyword("le");
  const In = keyword("in");
  const Asc = keyword("asc");
  const Desc = keyword("desc");
  const With = keyword("with");
  const As = keyword("as");
  const Null = keyword("null");
  const True = keyword("true");
  const False = keyword("false");
  const EdmType = token("EdmType", /Edm\.[A-Za-z][A-Za-z0-9]*/, { label: "a type name such as Edm.Int32" });
  const DollarCount = token("DollarCount", /\$count/, { label: "'$count'" });
  const DollarOption = token("DollarOption", /\$[A-Za-z]+/, { label: "a query option such as $select" });
  const DateTimeLiteral = token("DateTimeLiteral", /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?/, { label: "a date-time" });
  const DateLiteral = token("DateLiteral", /\d{4}-\d{2}-\d{2}/, { label: "a date" });
  const NumberLiteral = token("NumberLiteral", /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, { label: "a number" });
  const StringLiteral = token("StringLiteral", /'(?:[^']|'')*'/, { label: "a string in single quotes" });
  const LParen = token("LParen", /\(/, { label: "'('" });
  const RParen = token("RParen", /\)/, { label: "')'" });
  const Comma = token("Comma", /,/, { label: "','" });
  const Slash = token("Slash", /\//, { label: "'/'" });
  const Semicolon = token("Semicolon", /;/, { label: "';'" });
  const Equals = token("Equals", /=/, { label: "'='" });
  const Star = token("Star", /\*/, { label: "'*'" });

  const allTokens = [
    WhiteSpace,
    DateTimeLiteral,
    DateLiteral,
    NumberLiteral,
    StringLiteral,
    EdmType,
    DollarCount,
    DollarOption,
    And,
    Or,
    Not,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    Asc,
    Desc,
    With,
    As,
    Null,
    True,
    False,
    Identifier,
    LParen,
    RParen,
    Comma,
    Slash,
    Semicolon,
    Equals,
    Star,
  ];
  const lexer = new c.Lexer(allTokens, { positionTracking: "onlyOffset" });

  let option: QueryOptionName = "$filter";
  let source = "";
  const at = (t: Chevrotain.IToken): Position => ({ option, offset: t.startOffset, image: t.image });
  const fail = (message: string, offset: number): never => {
    throw ODataError.syntax(`${message} at position ${offset} in ${option} '${source}'.`);
  };
  const unquote = (image: string) => image.slice(1, -1).split("''").join("'");

  const errorMessageProvider: Chevrotain.IParserErrorMessageProvider = {
    buildMismatchTokenMessage: ({ expected }) => `${expected.LABEL ?? expected.name} expected`,
    buildNotAllInputParsedMessage: ({ firstRedundant }) => `Syntax error: '${firstRedundant.image}' was not expected here`,
    buildNoViableAltMessage: ({ ruleName }) => EXPECTED_IN_RULE[ruleName] ?? "Expression expected",
    buildEarlyExitMessage: ({ ruleName }) => EXPECTED_IN_RULE[ruleName] ?? "Expression expected",
  };

  class ODataGrammar extends c.EmbeddedActionsParser {
    constructor() {
      super(allTokens, { errorMessageProvider, maxLookahead: 3 });
      this.performSelfAnalysis();
    }

    // --- $filter -------------------------------------------------------------------------------

    filterOption = this.RULE("filterOption", (): Expression => this.SUBRULE(this.orExpression));

    private orExpression = this.RULE("orExpression", (): Expression => {
      let left = this.SUBRULE(this.andExpression);
      this.MANY(() => {
        const operator = this.CONSUME(Or);
        const right = this.SUBRULE2(this.andExpression);
        this.ACTION(() => (left = { kind: "or", left, right, at: at(operator) }));
      });
      return left;
    });

    private andExpression = this.RULE("andExpression", (): Expression => {
      let left = this.SUBRULE(this.unaryExpression);
      this.MANY(() => {
        const operator = this.CONSUME(And);
        const right = this.SUBRULE2(this.unaryExpression);
        this.ACTION(() => (left = { kind: "and", left, right, at: at(operator) }));
      });
      return left;
    });

    private unaryExpression = this.RULE("unaryExpression", (): Expression =>
      this.OR([
        {
          ALT: () => {
            const operator = this.CONSUME(Not);
            const operand = this.SUBRULE(this.unaryExpression);
            return this.ACTION(() => ({ kind: "not", operand, at: at(operator) }) as Expression);
          },
        },
        { ALT: () => this.SUBRULE(this.comparison) },
      ]),
    );

    private comparison = this.RULE("comparison", (): Expression => {
      const left = this.SUBRULE(this.primary);
      let result: Expression = left;
      this.OPTION(() =>
        this.OR([
          {
            ALT: () => {
              const operator = this.SUBRULE(this.comparisonOperator);
              const right = this.SUBRULE2(this.primary);
              this.ACTION(() => (result = { kind: "compare", operator: operator.image as ComparisonOperator, left, right, at: at(operator) }));
            },
          },
          {
            ALT: () => {
              const operator = this.CONSUME(In);
              this.CONSUME(LParen);
              const values: Expression[] = [];
              this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => values.push(this.SUBRULE3(this.primary)) });
              this.CONSUME(RParen);
              this.ACTION(() => (result = { kind: "in", operand: left, values, at: at(operator) }));
            },
          },
        ]),
      );
      return result;
    });

    private comparisonOperator = this.RULE("comparisonOperator", (): Chevrotain.IToken =>
      this.OR([
        { ALT: () => this.CONSUME(Eq) },
        { ALT: () => this.CONSUME(Ne) },
        { ALT: () => this.CONSUME(Gt) },
        { ALT: () => this.CONSUME(Ge) },
        { ALT: () => this.CONSUME(Lt) },
        { ALT: () => this.CONSUME(Le) },
      ]),
    );

    private primary = this.RULE("primary", (): Expression =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(LParen);
            const inner = this.SUBRULE(this.orExpression);
            this.CONSUME(RParen);
            return inner;
          },
        },
        { ALT: () => this.SUBRULE(this.literal) },
        { GATE: () => this.LA(2).tokenType === LParen, ALT: () => this.SUBRULE(this.call) },
        { ALT: () => this.SUBRULE(this.path) },
      ]),
    );

    private call = this.RULE("call", (): Expression => {
      const name = this.CONSUME(Identifier);
      this.CONSUME(LParen);
      const args: Expression[] = [];
      let type: Chevrotain.IToken | undefined;
      this.OPTION(() => {
        args.push(this.SUBRULE(this.orExpression));
        this.MANY(() => {
          this.CONSUME(Comma);
          this.OR([{ ALT: () => (type = this.CONSUME(EdmType)) }, { ALT: () => args.push(this.SUBRULE2(this.orExpression)) }]);
        });
      });
      this.CONSUME(RParen);
      return this.ACTION((): Expression => {
        if (name.image === "cast") {
          if (args.length !== 1 || !type) fail("The function 'cast' takes an expression and a type such as Edm.Int32", name.startOffset);
          return { kind: "cast", operand: args[0], type: type!.image, at: at(name) };
        }
        if (type) fail(`A type name is only allowed in 'cast', not in '${name.image}'`, type.startOffset);
        return { kind: "call", name: name.image, args, at: at(name) };
      });
    });

    private literal = this.RULE("literal", (): Literal =>
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(StringLiteral);
            return this.ACTION(() => ({ kind: "literal", type: "string", value: unquote(t.image), at: at(t) }) as Literal);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(NumberLiteral);
            return this.ACTION(() => {
              const integral = /^-?\d+$/.test(t.image);
              return { kind: "literal", type: integral ? "int" : "decimal", value: Number(t.image), at: at(t) } as Literal;
            });
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(DateTimeLiteral);
            return this.ACTION(() => {
              const withoutOffset = !/(Z|[+-]\d{2}:\d{2})$/.test(t.image);
              const instant = new Date(withoutOffset ? `${t.image}Z` : t.image);
              if (Number.isNaN(instant.getTime())) fail(`'${t.image}' is not a valid date and time`, t.startOffset);
              return { kind: "literal", type: "dateTimeOffset", value: instant.toISOString(), withoutOffset, at: at(t) } as Literal;
            });
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(DateLiteral);
            return this.ACTION(() => {
              const day = new Date(`${t.image}T00:00:00Z`);
              if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== t.image) fail(`'${t.image}' is not a valid date`, t.startOffset);
              return { kind: "literal", type: "date", value: t.image, at: at(t) } as Literal;
            });
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(Null);
            return this.ACTION(() => ({ kind: "literal", type: "null", value: null, at: at(t) }) as Literal);
          },
        },
        {
          ALT: () => {
            const t = this.OR2([{ ALT: () => this.CONSUME(True) }, { ALT: () => this.CONSUME(False) }]);
            return this.ACTION(() => ({ kind: "literal", type: "boolean", value: t.image === "true", at: at(t) }) as Literal);
          },
        },
      ]),
    );

    private path = this.RULE("path", (): PropertyPath => {
      const first = this.CONSUME(Identifier);
      const segments = [first.image];
      this.MANY({
        GATE: () => this.LA(2).tokenType === Identifier,
        DEF: () => {
          this.CONSUME(Slash);
          segments.push(this.CONSUME2(Identifier).image);
        },
      });
      return this.ACTION(() => ({ kind: "path", segments, at: { ...at(first), image: segments.join("/") } }));
    });

    // --- $apply --------------------------------------------------------------------------------

    applyOption = this.RULE("applyOption", (): Transformation[] => {
      const transformations = [this.SUBRULE(this.transformation)];
      this.MANY(() => {
        this.CONSUME(Slash);
        transformations.push(this.SUBRULE2(this.transformation));
      });
      return transformations;
    });

    private transformation = this.RULE("transformation", (): Transformation => {
      const name = this.CONSUME(Identifier);
      this.ACTION(() => {
        if (TRANSFORMATIONS.includes(name.image)) return;
        if (UNSUPPORTED_TRANSFORMATIONS.includes(name.image)) fail(`The transformation '${name.image}' is not supported by the local Analytics host; use filter, groupby or aggregate`, name.startOffset);
        fail(`'${name.image}' is not a transformation; expected filter, groupby or aggregate`, name.startOffset);
      });
      this.CONSUME(LParen);
      const result = this.OR([
        {
          GATE: () => name.image === "filter",
          ALT: () => {
            const expression = this.SUBRULE(this.orExpression);
            return this.ACTION(() => ({ kind: "filter", expression, at: at(name) }) as Transformation);
          },
        },
        {
          GATE: () => name.image === "groupby",
          ALT: () => {
            this.CONSUME3(LParen);
            const paths: PropertyPath[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => paths.push(this.SUBRULE(this.path)) });
            this.CONSUME3(RParen);
            let aggregate: AggregateItem[] | undefined;
            this.OPTION(() => {
              this.CONSUME(Comma);
              const inner = this.CONSUME2(Identifier);
              this.ACTION(() => {
                if (inner.image !== "aggregate") fail(`groupby takes an aggregate transformation after its properties, not '${inner.image}'`, inner.startOffset);
              });
              this.CONSUME2(LParen);
              aggregate = this.SUBRULE(this.aggregateItems);
              this.CONSUME2(RParen);
            });
            return this.ACTION(() => ({ kind: "groupby", paths, aggregate, at: at(name) }) as Transformation);
          },
        },
        {
          GATE: () => name.image === "aggregate",
          ALT: () => {
            const items = this.SUBRULE2(this.aggregateItems);
            return this.ACTION(() => ({ kind: "aggregate", items, at: at(name) }) as Transformation);
          },
        },
      ]);
      this.CONSUME(RParen);
      return result;
    });

    private aggregateItems = this.RULE("aggregateItems", (): AggregateItem[] => {
      const items: AggregateItem[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => items.push(this.SUBRULE(this.aggregateItem)) });
      return items;
    });

    private aggregateItem = this.RULE("aggregateItem", (): AggregateItem =>
      this.OR([
        {
          ALT: () => {
            const count = this.CONSUME(DollarCount);
            this.CONSUME(As);
            const alias = this.CONSUME(Identifier);
            return this.ACTION(() => ({ kind: "count", alias: alias.image, at: at(count) }) as AggregateItem);
          },
        },
        {
          ALT: () => {
            const operand = this.SUBRULE(this.orExpression);
            const withToken = this.CONSUME(With);
            const method = this.CONSUME2(Identifier);
            this.CONSUME2(As);
            const alias = this.CONSUME3(Identifier);
            return this.ACTION(() => ({ kind: "with", operand, method: method.image, alias: alias.image, at: at(withToken) }) as AggregateItem);
          },
        },
      ]),
    );

    // --- $orderby, $select, $expand ------------------------------------------------------------

    orderByOption = this.RULE("orderByOption", (): OrderItem[] => {
      const items: OrderItem[] = [];
      this.AT_LEAST_ONE_SEP({
        SEP: Comma,
        DEF: () => {
          const path = this.SUBRULE(this.path);
          let descending = false;
          this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(Asc) }, { ALT: () => (descending = Boolean(this.CONSUME(Desc))) }]));
          items.push({ path, descending });
        },
      });
      return items;
    });

    selectOption = this.RULE("selectOption", (): PropertyPath[] | undefined =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Star);
            return undefined;
          },
        },
        {
          ALT: () => {
            const paths: PropertyPath[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => paths.push(this.SUBRULE(this.path)) });
            return paths;
          },
        },
      ]),
    );

    expandOption = this.RULE("expandOption", (): ExpandItem[] => {
      const items: ExpandItem[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => items.push(this.SUBRULE(this.expandItem)) });
      return items;
    });

    private expandItem = this.RULE("expandItem", (): ExpandItem => {
      const navigation = this.CONSUME(Identifier);
      let select: PropertyPath[] | undefined;
      this.OPTION(() => {
        this.CONSUME(LParen);
        this.AT_LEAST_ONE_SEP({
          SEP: Semicolon,
          DEF: () => {
            const name = this.CONSUME(DollarOption);
            this.ACTION(() => {
              if (name.image !== "$select") fail(`Only $select is supported inside $expand, not ${name.image}`, name.startOffset);
            });
            this.CONSUME(Equals);
            const paths: PropertyPath[] = [];
            this.AT_LEAST_ONE_SEP2({ SEP: Comma, DEF: () => paths.push(this.SUBRULE(this.path)) });
            select = paths;
          },
        });
        this.CONSUME(RParen);
      });
      return this.ACTION(() => ({ navigation: navigation.image, select, at: at(navigation) }));
    });
  }

  const parser = new ODataGrammar();

  function run<T>(name: QueryOptionName, text: string, rule: () => T): T {
    option = name;
    source = text;
    if (text.trim() === "") throw ODataError.syntax(`The query option ${name} has no value.`);
    const lexed = lexer.tokenize(text);
    if (lexed.errors.length > 0) {
      const error = lexed.errors[0];
      const character = text.charAt(error.offset);
      if (character === "'") fail("Syntax error: the string starting here has no closing quote", error.offset);
      fail(`Syntax error: character '${character}' is not valid`, error.offset);
    }
    parser.input = lexed.tokens;
    const result = rule();
    if (parser.errors.length > 0) {
      const error = parser.errors[0];
      const offset = error.token.tokenType === c.EOF ? text.length : error.token.startOffset;
      fail(error.message, offset);
    }
    return result;
  }

  return {
    filter: (text) => run("$filter", text, () => parser.filterOption()),
    apply: (text) => run("$apply", text, () => parser.applyOption()),
    orderBy: (text) => run("$orderby", text, () => parser.orderByOption()),
    select: (text) => run("$select", text, () => parser.selectOption()),
    expand: (text) => run("$expand", text, () => parser.expandOption()),
  };
}

const EXPECTED_IN_RULE: Record<string, string> = {
  unaryExpression: "Expression expected",
  primary: "Expression expected",
  comparisonOperator: "A comparison operator (eq, ne, gt, ge, lt, le) expected",
  literal: "A value expected",
  transformation: "The transformation's arguments are not valid; write filter(condition), groupby((Property, ...), aggregate(...)) or aggregate($count as Alias, Property with sum as Alias)",
  aggregateItem: "An aggregate expression ('$count as Name' or 'Property with sum as Name') expected",
  selectOption: "A property name or '*' expected",
};
