// JSON Patch documents for work items, as ADO reads them: op by name or by number (add 0, remove 1,
// replace 2, move 3, copy 4, test 5); paths /fields/{ref}, /relations/-, /relations/{index}, /rev, /id.
import { Errors } from "../http/errors";

export type PatchOp = "add" | "remove" | "replace" | "move" | "copy" | "test";

const OPS_BY_NUMBER: readonly PatchOp[] = ["add", "remove", "replace", "move", "copy", "test"];

export type PatchTarget =
  | { kind: "field"; field: string }
  | { kind: "relation"; index: number | "end" }
  | { kind: "rev" }
  | { kind: "id" };

export interface PatchOperation {
  op: PatchOp;
  path: string;
  target: PatchTarget;
  value?: unknown;
}

export function parsePatchDocument(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) throw Errors.patchOperationFailed("You must pass a valid patch document in the body of the request.");
  return body.map((raw, index) => parseOperation(raw, index));
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  if (!raw || typeof raw !== "object") throw Errors.patchOperationFailed(`Operation ${index} of the patch document is not an object.`);
  const { op: rawOp, path, value } = raw as { op?: unknown; path?: unknown; value?: unknown };
  const op = typeof rawOp === "number" ? OPS_BY_NUMBER[rawOp] : typeof rawOp === "string" ? (rawOp.toLowerCase() as PatchOp) : undefined;
  if (!op || !OPS_BY_NUMBER.includes(op)) throw Errors.patchOperationFailed(`Operation ${index} of the patch document has an unknown op '${String(rawOp)}'.`);
  if (op === "move" || op === "copy") throw Errors.patchOperationFailed(`VS403356: ${capitalise(op)} operation is not supported for work items`);
  if (typeof path !== "string" || !path.startsWith("/")) throw Errors.patchOperationFailed(`VS403343: The path ${String(path)} is not supported for work items.`);
  return { op, path, target: parseTarget(path, op), value };
}

function parseTarget(path: string, op: PatchOp): PatchTarget {
  const segments = path
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const [head, second] = segments;
  if (segments.length === 1 && head === "rev" && op === "test") return { kind: "rev" };
  if (segments.length === 1 && head === "id" && op === "test") return { kind: "id" };
  if (segments.length === 1 && (head === "" || head === undefined)) throw Errors.patchOperationFailed("Work item patch does not support patching the entire work item.");
  if (segments.length === 1) throw Errors.patchOperationFailed(`Work item patch does not support patching the top level property at path ${path}.`);
  if (head === "fields" && segments.length === 2 && second) return { kind: "field", field: second };
  if (head === "relations" && segments.length === 2) {
    if (op === "test") throw Errors.patchOperationFailed("VS403352: The test operation is not supported for relations.");
    if (second === "-" && op === "add") return { kind: "relation", index: "end" };
    if (/^\d+$/.test(second ?? "")) return { kind: "relation", index: Number(second) };
  }
  throw Errors.patchOperationFailed(`VS403343: The path ${path} is not supported for work items.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
