/** A deterministic shuffle (LCG), so "order does not change the result" tests are reproducible. */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const a = xs.slice();
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
