import { applyThemeToShell, ThemeName, themeVariables } from "./theme";

export interface HostContext {
  organization: { id: string; name: string };
  project: { id: string; name: string };
  team: { id: string; name: string };
  user: { id: string; name: string; displayName: string; descriptor: string; imageUrl: string };
  /** REST root as the location service reports it, ending in "/". */
  restRoot: string;
}

export class HostError extends Error {
  constructor(message: string, readonly status: number, readonly body?: unknown) {
    super(message);
  }
}

/** The signed-in page: who, where, which theme, and REST calls with the page's own token. */
export class HostSession {
  theme: ThemeName;
  private token?: { value: string; expires: number };
  private readonly themeListeners = new Set<(name: ThemeName) => void>();

  constructor(private readonly context: HostContext, theme: ThemeName) {
    this.theme = theme;
    applyThemeToShell(theme);
  }

  get organization() { return this.context.organization; }
  get project() { return this.context.project; }
  get team() { return this.context.team; }
  get user() { return this.context.user; }
  get restRoot() { return this.context.restRoot; }

  themeVariables(): Record<string, string> {
    return themeVariables(this.theme);
  }

  setTheme(name: ThemeName): void {
    this.theme = name;
    applyThemeToShell(name);
    this.themeListeners.forEach((listener) => listener(name));
  }

  onThemeChanged(listener: (name: ThemeName) => void): () => void {
    this.themeListeners.add(listener);
    return () => this.themeListeners.delete(listener);
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expires > Date.now() + 60000) return this.token.value;
    const response = await fetch("/_devhost/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId: this.user.id }) });
    if (!response.ok) throw new HostError(`The host could not issue an access token (${response.status})`, response.status);
    const body = (await response.json()) as { token: string; expiresInSeconds?: number };
    this.token = { value: body.token, expires: Date.now() + (body.expiresInSeconds ?? 3600) * 1000 };
    return body.token;
  }

  /** A REST call under the organization (path relative to the REST root, e.g. "MHHS%20Programme/_apis/wit/wiql"). */
  async rest<T>(path: string, init: { method?: string; body?: unknown; apiVersion?: string; contentType?: string } = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: `application/json;api-version=${init.apiVersion ?? "7.1"};excludeUrls=true`,
      Authorization: `Bearer ${await this.accessToken()}`,
    };
    if (init.body !== undefined) headers["Content-Type"] = init.contentType ?? "application/json";
    const response = await fetch(this.restRoot + path, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? `${response.status} ${response.statusText}`;
      throw new HostError(message, response.status, parsed);
    }
    return parsed as T;
  }

  projectPath(rest: string): string {
    return `${encodeURIComponent(this.project.name)}/${rest}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
