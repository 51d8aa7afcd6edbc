// The WIQL grammar: a chevrotain lexer and embedded-actions parser producing the AST of ./ast.
// chevrotain is passed in (see ./engine for why it is loaded with import()).
import type * as Chevrotain from "chevrotain";
import { Errors } from "../http/errors";
import type { ComparisonOperator, Condition, Expression, FieldReference, Operand, Query, SortField, SourcePosition } from "./ast";

export type WiqlParse = (text: string) => Query;

/** ADO's wording for a missing token or construct (WIQL syntax error texts). */
const EXPECTED_TOKEN: Record<string, string> = {
  Select: "Expecting SELECT.",
  From: "TF51006: The query statement is missing a FROM clause.",
  By: "Expecting BY.",
  LParen: "Expecting left bracket.",
  RParen: "Expecting right bracket.",
  Empty: "Expecting either 'empty' or 'not empty' after 'is'",
  Identifier: "Expecting field name.",
  BracketedIdentifier: "Expecting field name.",
  NumberLiteral: "Expecting constant.",
};

const EXPECTED_IN_RULE: Record<string, string> = {
  field: "Expecting field name.",
  fieldList: "Expecting field list.",
  table: "Expecting table name.",
  operand: "Expecting constant, field name, or variable.",
  conditionTail: "Expecting comparison operator.",
  unary: "Expecting field name or expression.",
  trailingClause: "Expecting end of string.",
};

export function createWiqlParser(c: typeof Chevrotain): WiqlParse {
  const token = (name: string, pattern: RegExp, extra: Partial<Chevrotain.ITokenConfig> = {}) => c.createToken({ name, pattern, ...extra });

  const WhiteSpace = token("WhiteSpace", /\s+/, { group: c.Lexer.SKIPPED, line_breaks: true });
  const Identifier = token("Identifier", /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/);
  const keyword = (name: string) => token(name, new RegExp(name, "i"), { longer_alt: Identifier });
  const Select = keyword("Select");
  const From = keyword("From");
  const Where = keyword("Where");
  const Order = keyword("Order");
  const By = keyword("By");
  const Asc = keyword("Asc");
  const Desc = keyword("Desc");
  const And = keyword("And");
  const Or = keyword("Or");
  const Not = keyword("Not");
  const In = keyword("In");
  const Group = keyword("Group");
  const Contains = keyword("Contains");
  const Words = keyword("Words");
  const Under = keyword("Under");
  const Ever = keyword("Ever");
  const Is = keyword("Is");
  const Empty = keyword("Empty");
  const Asof = keyword("Asof");
  const Mode = keyword("Mode");
  const NotEquals = token("NotEquals", /<>|!=/);
  const LessOrEqual = token("LessOrEqual", /<=/);
  const GreaterOrEqual = token("GreaterOrEqual", />=/);
  const Less = token("Less", /</);
  const Greater = token("Greater", />/);
  const Equals = token("Equals", /=/);
  const Comma = token("Comma", /,/);
  const Dot = token("Dot", /\./);
  const LParen = token("LParen", /\(/);
  const RParen = token("RParen", /\)/);
  const Plus = token("Plus", /\+/);
  const Minus = token("Minus", /-/);
  const StringLiteral = token("StringLiteral", /'(?:[^']|'')*'|"(?:[^"]|"")*"/, { line_breaks: true });
  const NumberLiteral = token("NumberLiteral", /\d+(?:\.\d+)?/);
  const Macro = token("Macro", /@[A-Za-z_][A-Za-z0-9_]*/);
  const BracketedIdentifier = token("BracketedIdentifier", /\[[^\]\r\n]*\]/);

  const allTokens = [
    WhiteSpace,
    Select,
    From,
    Where,
    Order,
    By,
    Asc,
    Desc,
    And,
    Or,
    Not,
    In,
    Group,
    Contains,
    Words,
    Under,
    Ever,
    Is,
    Empty,
    Asof,
    Mode,
    NotEquals,
    LessOrEqual,
    GreaterOrEqual,
    Less,
    Greater,
    Equals,
    Comma,
    Dot,
    LParen,
    RParen,
    Plus,
    Minus,
    StringLiteral,
    NumberLiteral,
    Macro,
    BracketedIdentifier,
    Identifier,
  ];
  const lexer = new c.Lexer(allTokens, { positionTracking: "full" });

  const at = (t: Chevrotain.IToken): SourcePosition => ({ line: t.startLine ?? 1, column: t.startColumn ?? 1, image: t.image });
  const unbracket = (image: string) => (image.startsWith("[") ? image.slice(1, -1).trim() : image);
  const unquote = (image: string) => {
    const quote = image[0];
    return image.slice(1, -1).split(quote + quote).join(quote);
  };

  const errorMessageProvider: Chevrotain.IParserErrorMessageProvider = {
    buildMismatchTokenMessage: ({ expected, ruleName }) => EXPECTED_IN_RULE[ruleName] ?? EXPECTED_TOKEN[expected.name] ?? `Expecting ${expected.name}.`,
    buildNotAllInputParsedMessage: () => "Expecting end of string.",
    buildNoViableAltMessage: ({ ruleName }) => EXPECTED_IN_RULE[ruleName] ?? "Expecting expression.",
    buildEarlyExitMessage: ({ ruleName }) => EXPECTED_IN_RULE[ruleName] ?? "Expecting expression.",
  };

  class WiqlParser extends c.EmbeddedActionsParser {
    constructor() {
      super(allTokens, { errorMessageProvider, maxLookahead: 3 });
      this.performSelfAnalysis();
    }

    query = this.RULE("query", (): Query => {
      this.CONSUME(Select);
      const columns = this.SUBRULE(this.fieldList);
      this.CONSUME(From);
      const table = this.SUBRULE(this.table);
      let where: Expression | undefined;
      this.OPTION(() => {
        this.CONSUME(Where);
        where = this.SUBRULE(this.orExpression);
      });
      const query: Query = { columns, table, where, orderBy: [] };
      this.MANY(() => this.SUBRULE(this.trailingClause, { ARGS: [query] }));
      return query;
    });

    private trailingClause = this.RULE("trailingClause", (query: Query) => {
      this.OR([
        {
          ALT: () => {
            const orderToken = this.CONSUME(Order);
            this.CONSUME(By);
            const sorts: SortField[] = [];
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => sorts.push(this.SUBRULE(this.sortField)) });
            this.ACTION(() => {
              if (query.orderBy.length) throw syntaxError("A duplicate ORDER BY part of SELECT query has been found.", at(orderToken));
              query.orderBy = sorts;
            });
          },
        },
        {
          ALT: () => {
            const asOfToken = this.CONSUME(Asof);
            const operand = this.SUBRULE(this.operand);
            this.ACTION(() => {
              if (query.asOf) throw syntaxError("TF51002: The query statement contains a duplicate ASOF element.", at(asOfToken));
              query.asOf = operand;
            });
          },
        },
        {
          ALT: () => {
            const modeToken = this.CONSUME(Mode);
            this.CONSUME(LParen);
            const names: string[] = [];
            this.AT_LEAST_ONE_SEP2({ SEP: Comma, DEF: () => names.push(this.CONSUME(Identifier).image) });
            this.CONSUME(RParen);
            this.ACTION(() => (query.mode = { names, at: at(modeToken) }));
          },
        },
      ]);
    });

    private fieldList = this.RULE("fieldList", (): FieldReference[] => {
      const fields: FieldReference[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => fields.push(this.SUBRULE(this.field)) });
      return fields;
    });

    private table = this.RULE("table", () => {
      const name = this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(BracketedIdentifier) }]);
      return this.ACTION(() => ({ name: unbracket(name.image), at: at(name) }));
    });

    /** [Field], Field.Ref.Name, or in link queries [Source].[Field] / [Target].[Field]. */
    private field = this.RULE("field", (): FieldReference => {
      const first = this.OR([{ ALT: () => this.CONSUME(BracketedIdentifier) }, { ALT: () => this.CONSUME(Identifier) }]);
      let second: Chevrotain.IToken | undefined;
      this.OPTION(() => {
        this.CONSUME(Dot);
        second = this.OR2([{ ALT: () => this.CONSUME2(BracketedIdentifier) }, { ALT: () => this.CONSUME2(Identifier) }]);
      });
      return this.ACTION(() => {
        if (!second) return { kind: "field", name: unbracket(first.image), at: at(first) };
        const end = unbracket(first.image).toLowerCase();
        if (end !== "source" && end !== "target") {
          throw syntaxError('TF400578: You must specify either "Source" or "Target" as the prefix of a field that references a linked work item. For example: Source.[System.TeamProject].', at(first));
        }
        return { kind: "field", name: unbracket(second.image), end, at: { ...at(first), image: `${first.image}.${second.image}` } };
      });
    });

    private sortField = this.RULE("sortField", (): SortField => {
      const field = this.SUBRULE(this.field);
      let descending = false;
      this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(Asc) }, { ALT: () => (descending = !!this.CONSUME(Desc)) }]));
      return { field, descending };
    });

    private orExpression = this.RULE("orExpression", (): Expression => {
      const operands = [this.SUBRULE(this.andExpression)];
      this.MANY(() => {
        this.CONSUME(Or);
        operands.push(this.SUBRULE2(this.andExpression));
      });
      return operands.length === 1 ? operands[0] : { kind: "or", operands };
    });

    private andExpression = this.RULE("andExpression", (): Expression => {
      const operands = [this.SUBRULE(this.unary)];
      this.MANY(() => {
        this.CONSUME(And);
        operands.push(this.SUBRULE2(this.unary));
      });
      return operands.length === 1 ? operands[0] : { kind: "and", operands };
    });

    private unary = this.RULE("unary", (): Expression =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(Not);
            return { kind: "not", operand: this.SUBRULE(this.unary) } as Expression;
          },
        },
        {
          ALT: () => {
            this.CONSUME(LParen);
            const inner = this.SUBRULE(this.orExpression);
            this.CONSUME(RParen);
            return inner;
          },
        },
        { ALT: () => this.SUBRULE(this.condition) },
      ]),
    );

    private condition = this.RULE("condition", (): Condition => {
      const field = this.SUBRULE(this.field);
      return this.SUBRULE(this.conditionTail, { ARGS: [field] });
    });

    private conditionTail = this.RULE("conditionTail", (field: FieldReference): Condition => {
      let negated = false;
      return this.OR([
        {
          ALT: () => {
            const operator = this.SUBRULE(this.comparisonOperator);
            return { kind: "compare", field, operator, operand: this.SUBRULE(this.operand) } as Condition;
          },
        },
        {
          ALT: () => {
            this.CONSUME(Is);
            this.OPTION(() => (negated = !!this.CONSUME(Not)));
            this.CONSUME(Empty);
            return { kind: "isEmpty", field, negated } as Condition;
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => (negated = !!this.CONSUME2(Not)));
            return this.OR2([
              {
                ALT: () => {
                  this.CONSUME(In);
                  return this.OR3([
                    {
                      ALT: () => {
                        this.CONSUME(LParen);
                        const operands: Operand[] = [];
                        this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => operands.push(this.SUBRULE2(this.operand)) });
                        this.CONSUME(RParen);
                        return { kind: "in", field, negated, operands } as Condition;
                      },
                    },
                    {
                      ALT: () => {
                        this.CONSUME(Group);
                        return { kind: "inGroup", field, negated, operand: this.SUBRULE6(this.operand) } as Condition;
                      },
                    },
                  ]);
                },
              },
              {
                ALT: () => {
                  this.CONSUME(Contains);
                  let words = false;
                  this.OPTION3(() => (words = !!this.CONSUME(Words)));
                  return { kind: "contains", field, negated, words, operand: this.SUBRULE3(this.operand) } as Condition;
                },
              },
              {
                ALT: () => {
                  this.CONSUME(Under);
                  return { kind: "under", field, negated, operand: this.SUBRULE4(this.operand) } as Condition;
                },
              },
              {
                ALT: () => {
                  this.CONSUME(Ever);
                  return { kind: "ever", field, negated, operand: this.SUBRULE5(this.operand) } as Condition;
                },
              },
            ]);
          },
        },
      ]);
    });

    private comparisonOperator = this.RULE("comparisonOperator", (): ComparisonOperator => {
      const operator = this.OR([
        { ALT: () => this.CONSUME(Equals) },
        { ALT: () => this.CONSUME(NotEquals) },
        { ALT: () => this.CONSUME(LessOrEqual) },
        { ALT: () => this.CONSUME(GreaterOrEqual) },
        { ALT: () => this.CONSUME(Less) },
        { ALT: () => this.CONSUME(Greater) },
      ]);
      return this.ACTION(() => (operator.image === "!=" ? "<>" : operator.image) as ComparisonOperator);
    });

    private operand = this.RULE("operand", (): Operand =>
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(StringLiteral);
            return this.ACTION(() => ({ kind: "string", value: unquote(t.image), at: at(t) }) as Operand);
          },
        },
        {
          ALT: () => {
            let sign = 1;
            this.OPTION(() => {
              this.CONSUME(Minus);
              sign = -1;
            });
            const t = this.CONSUME(NumberLiteral);
            return this.ACTION(() => ({ kind: "number", value: sign * Number(t.image), at: at(t) }) as Operand);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(Macro);
            let offset = 0;
            this.OPTION2(() => {
              const sign = this.OR2([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME2(Minus) }]);
              const amount = this.CONSUME2(NumberLiteral);
              this.ACTION(() => (offset = (sign.image === "-" ? -1 : 1) * Number(amount.image)));
            });
            return this.ACTION(() => ({ kind: "macro", name: t.image.slice(1), offset, at: at(t) }) as Operand);
          },
        },
        { ALT: () => this.SUBRULE(this.field) },
      ]),
    );
  }

  const parser = new WiqlParser();

  return (text: string): Query => {
    const lexed = lexer.tokenize(text);
    if (lexed.errors.length > 0) {
      const error = lexed.errors[0];
      const character = text.charAt(error.offset);
      const message = character === "'" || character === '"' ? "Expecting closing quote." : character === "[" ? "Expecting closing square bracket." : "Expecting end of string.";
      throw syntaxError(message, { line: error.line ?? 1, column: error.column ?? 1, image: text.slice(error.offset, error.offset + Math.max(1, error.length)) });
    }
    parser.input = lexed.tokens;
    const query = parser.query();
    if (parser.errors.length > 0) {
      const error = parser.errors[0];
      const position = error.token.tokenType === c.EOF ? endOf(text) : at(error.token);
      throw syntaxError(error.message, position);
    }
    return query;
  };
}

/** A WIQL error as ADO words it ("... The error is caused by «x».") with where it was found. */
export function syntaxError(message: string, position: SourcePosition): Error {
  const culprit = position.image === "" ? "the end of the query" : `«${position.image}»`;
  return Errors.wiqlSyntax(`${message} The error is caused by ${culprit} at line ${position.line}, column ${position.column}.`);
}

function endOf(text: string): SourcePosition {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1, image: "" };
}
