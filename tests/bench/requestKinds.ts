// How the benchmarks sort the requests they count: by the API they go to.

/** The kind of an Azure DevOps request, or undefined for anything else (scripts, the host page). */
export function requestKind(url: string): string | undefined {
  if (url.includes("/_odata/")) return "odata";
  if (/\/_apis\/wit\/wiql/i.test(url)) return "wiql";
  if (/\/_apis\/wit\/workItemsBatch/i.test(url)) return "batch";
  if (/\/_apis\/testplan\//i.test(url)) return "testplan";
  if (/\/_apis\/test\/Runs\/\d+\/results/i.test(url)) return "results";
  if (/\/_apis\/test\//i.test(url)) return "runs";
  if (/\/_apis\/ExtensionManagement\//i.test(url)) return "documents";
  if (url.includes("/_apis/")) return "other REST";
  return undefined;
}

/** "odata 3, documents 1": kinds by how many, most first. */
export function describeKinds(kinds: Record<string, number>): string {
  return Object.entries(kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
}
