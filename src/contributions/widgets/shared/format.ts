import { round1 } from "../../../domain/groupKeys";

/** A rate as shown in a widget: "92.5%", or a dash when it cannot be computed. */
export function rate(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${round1(value)}%`;
}

export function count(value: number): string {
  return value.toLocaleString("en-GB");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
