// Who is calling: a bearer token issued by this host (what SDK.getAccessToken() hands to frames) or a
// personal access token sent as Basic auth with any user name, as Azure DevOps accepts it.
import crypto from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { User } from "../store/identities";
import type { DevhostStore } from "../store/store";

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  token: string;
  userId: string;
  expiresAt: number;
}

/** Bearer tokens live in memory: after a restart the host page simply asks for new ones. */
export class AccessTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(userId: string, lifetimeSeconds = ACCESS_TOKEN_LIFETIME_SECONDS): IssuedToken {
    const issued = { token: crypto.randomBytes(32).toString("base64url"), userId, expiresAt: Date.now() + lifetimeSeconds * 1000 };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  userIdFor(token: string): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (issued.expiresAt <= Date.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued.userId;
  }
}

export function authenticate(headers: IncomingHttpHeaders, store: DevhostStore, tokens: AccessTokens): User | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const [scheme, credential = ""] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) {
    const userId = tokens.userIdFor(credential);
    return userId ? store.identities.get(userId) : undefined;
  }
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, "base64").toString("utf8");
    const pat = decoded.slice(decoded.indexOf(":") + 1);
    return pat ? store.identities.userForPersonalAccessToken(pat) : undefined;
  }
  return undefined;
}

export function generatePersonalAccessToken(): string {
  // ADO PATs are 52 characters of base32; the host only needs them unguessable.
  return crypto.randomBytes(32).toString("base64url").replace(/[-_]/g, "").slice(0, 52).toLowerCase();
}
