// What the shell knows of the extension: read from vss-extension.json as Azure DevOps reads it.

export interface ManifestContribution {
  id: string;
  type: string;
  description?: string;
  targets: string[];
  properties: Record<string, unknown> & { name?: string; uri?: string; height?: number };
}

export interface ExtensionManifest {
  id: string;
  publisher: string;
  version: string;
  name: string;
  contributions: ManifestContribution[];
}

export interface LoadedExtension {
  manifest: ExtensionManifest;
  /** Where the extension's files are served; contribution uris are relative to it. */
  baseUri: string;
  fullId(contribution: ManifestContribution | string): string;
  byType(type: string): ManifestContribution[];
  byTarget(target: string): ManifestContribution[];
  find(id: string): ManifestContribution | undefined;
}

export async function loadExtension(manifestUrl: string, baseUri: string): Promise<LoadedExtension> {
  const response = await fetch(manifestUrl);
  if (!response.ok) throw new Error(`Could not read the extension manifest (${response.status})`);
  const manifest = (await response.json()) as ExtensionManifest;
  manifest.contributions = manifest.contributions ?? [];
  const prefix = `${manifest.publisher}.${manifest.id}.`;
  const relative = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  return {
    manifest,
    baseUri,
    fullId: (c) => prefix + (typeof c === "string" ? relative(c) : c.id),
    byType: (type) => manifest.contributions.filter((c) => c.type === type),
    byTarget: (target) => manifest.contributions.filter((c) => c.targets.some((t) => relative(t) === relative(target) || t === target)),
    find: (id) => manifest.contributions.find((c) => c.id === relative(id)),
  };
}
