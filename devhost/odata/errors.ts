// Errors of the local Analytics endpoint, in the OData JSON error format the Analytics service uses
// ({"error": {"code": "0", "message": "..."}}), not the REST API's WrappedException. Texts follow
// ODataLib's where the case is a query that does not parse or does not fit the model, so a message
// names the option, the position and what is wrong.

export class ODataError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ODataError";
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: "0", message: this.message } };
  }

  /** The query does not parse. */
  static syntax(detail: string): ODataError {
    return new ODataError(400, `The query specified in the URI is not valid. ${detail}`);
  }

  /** The query parses but does not fit the model or the supported subset. */
  static invalid(detail: string): ODataError {
    return new ODataError(400, `The query specified in the URI is not valid. ${detail}`);
  }

  static unknownProperty(name: string, typeName: string): ODataError {
    return ODataError.invalid(`Could not find a property named '${name}' on type '${typeName}'.`);
  }

  static notFound(message: string): ODataError {
    return new ODataError(404, message);
  }
}
