import * as SDK from "azure-devops-extension-sdk";

export interface ContributionStart {
  /** The object the host calls back (form notifications, widget load/reload), registered under this contribution's id. */
  callbacks?: object;
  /** Called once the handshake has completed, with the contribution's configuration. */
  onReady?: (configuration: Record<string, unknown>) => void | Promise<void>;
}

/**
 * Starts a contribution frame: the caller renders first (SDK.init never resolves outside a
 * host), then the handshake runs and registered objects become reachable by the host.
 */
export async function startContribution(start: ContributionStart = {}): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  if (start.callbacks) SDK.register(SDK.getContributionId(), start.callbacks);
  try {
    await SDK.ready();
    await start.onReady?.(SDK.getConfiguration() as Record<string, unknown>);
    await SDK.notifyLoadSucceeded();
  } catch (error) {
    await SDK.notifyLoadFailed(error instanceof Error ? error : String(error));
    throw error;
  }
}

export function resizeToContent(height?: number): void {
  SDK.resize(undefined, height ?? document.body.scrollHeight);
}


/**
 * True inside a frame that a host (Azure DevOps or the local host) opened. Outside one,
 * SDK.init never resolves: render first, and start the contribution only when this is true.
 */
export function isInsideHost(): boolean {
  return typeof window !== "undefined" && window.parent !== window;
}

/** The installed extension's publisher and id (contribution ids and extension data are keyed by them). */
export function extensionIdentity(): { publisherId: string; extensionId: string } {
  const context = SDK.getExtensionContext();
  return { publisherId: context.publisherId, extensionId: context.extensionId };
}

/** The signed-in user's display name, kept with saved configuration. */
export function currentUserName(): string {
  return SDK.getUser().displayName;
}
