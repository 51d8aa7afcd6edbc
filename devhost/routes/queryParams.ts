// Query string parameters shared by the route modules.

/** A comma-separated list, trimmed, without empty parts; undefined when absent or blank. */
export function listParam(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** A boolean flag: "true" in any case; anything else (or nothing) is false. */
export function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true";
}
