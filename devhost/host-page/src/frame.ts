import { ChannelRouter, HostChannel } from "./xdm";
import type { LoadedExtension, ManifestContribution } from "./manifest";
import type { HostSession } from "./session";

export interface FrameOptions {
  extension: LoadedExtension;
  contribution: ManifestContribution;
  container: HTMLElement;
  session: HostSession;
  initialConfig?: Record<string, unknown>;
  /** Services this frame may ask for, by service contribution id; built per frame. */
  services: Record<string, () => object>;
  /** Initial height in pixels; the frame's resize calls change it unless the height is fixed. */
  height?: number;
  /** Dashboard cells keep their size whatever the widget asks. */
  fixedHeight?: boolean;
  onEvent?: (event: string, detail?: unknown) => void;
}

const SDK_HANDSHAKE_TIMEOUT_MS = 30000;

/** One contribution in an iframe, with the host end of its channel. */
export class ContributionFrame {
  readonly iframe: HTMLIFrameElement;
  readonly channel: HostChannel;
  readonly fullId: string;
  private handshakeDone!: () => void;
  private loadSettled!: (ok: boolean) => void;
  /** Resolves when the frame's SDK has completed the handshake. */
  readonly handshake = new Promise<void>((resolve) => (this.handshakeDone = resolve));
  /** Resolves true on notifyLoadSucceeded, false on notifyLoadFailed. */
  readonly loaded = new Promise<boolean>((resolve) => (this.loadSettled = resolve));
  loadError?: string;
  private registeredObject?: Promise<Record<string, (...args: unknown[]) => Promise<unknown>>>;

  constructor(private readonly router: ChannelRouter, private readonly options: FrameOptions) {
    const { extension, contribution, container } = options;
    this.fullId = extension.fullId(contribution);
    this.iframe = document.createElement("iframe");
    this.iframe.className = "contribution-frame";
    this.iframe.title = String(contribution.properties.name ?? contribution.id);
    this.iframe.dataset.contribution = this.fullId;
    if (options.height) this.iframe.style.height = `${options.height}px`;
    container.appendChild(this.iframe);
    this.channel = new HostChannel(() => this.iframe.contentWindow, (line) => options.onEvent?.("log", line));
    router.add(this.channel);
    this.channel.register("DevOps.HostControl", this.hostControl());
    this.channel.register("DevOps.ServiceManager", {
      getService: (serviceId: string) => {
        const build = options.services[serviceId];
        if (!build) throw new Error(`The service ${serviceId} is not available to ${this.fullId} in this host.`);
        options.onEvent?.("service", serviceId);
        return build();
      },
    });
    this.iframe.src = new URL(String(contribution.properties.uri), extension.baseUri).toString();
  }

  private hostControl(): object {
    const { extension, session, initialConfig, onEvent } = this.options;
    return {
      initialHandshake: (handshakeOptions: { loaded?: boolean; applyTheme?: boolean; sdkVersion?: number }) => {
        onEvent?.("handshake", handshakeOptions);
        window.setTimeout(() => {
          this.handshakeDone();
          if (handshakeOptions?.loaded !== false) this.loadSettled(true);
        }, 0);
        return {
          contributionId: this.fullId,
          context: {
            extension: {
              id: `${extension.manifest.publisher}.${extension.manifest.id}`,
              publisherId: extension.manifest.publisher,
              extensionId: extension.manifest.id,
              version: extension.manifest.version,
              baseUri: extension.baseUri,
            },
            pageContext: {
              webContext: {
                project: { id: session.project.id, name: session.project.name },
                team: { id: session.team.id, name: session.team.name },
              },
              globalization: { culture: "en-GB", theme: session.theme, timeZoneId: "GMT Standard Time", workingDays: [1, 2, 3, 4, 5] },
            },
            user: session.user,
            host: { id: session.organization.id, name: session.organization.name, serviceVersion: "devhost", type: 4, isHosted: true },
          },
          initialConfig: initialConfig ?? {},
          themeData: session.themeVariables(),
        };
      },
      notifyLoadSucceeded: () => {
        onEvent?.("loadSucceeded");
        this.loadSettled(true);
      },
      notifyLoadFailed: (error: unknown) => {
        this.loadError = typeof error === "string" ? error : String((error as { message?: string })?.message ?? error);
        onEvent?.("loadFailed", this.loadError);
        this.loadSettled(false);
      },
      resize: (_width?: number, height?: number) => {
        if (!this.options.fixedHeight && typeof height === "number" && height > 0) {
          this.iframe.style.height = `${Math.ceil(height)}px`;
        }
        onEvent?.("resize", height);
      },
      getAccessToken: async () => ({ token: await session.accessToken() }),
      getAppToken: async () => ({ token: await session.accessToken() }),
    };
  }

  /**
   * The object the frame registered for this contribution. Asked by full id, then by the id
   * relative to the extension, after the frame has finished loading (it registers during load).
   */
  getRegisteredObject<T = Record<string, (...args: unknown[]) => Promise<unknown>>>(): Promise<T> {
    if (!this.registeredObject) {
      this.registeredObject = (async () => {
        await Promise.race([
          this.loaded,
          new Promise((_r, reject) => window.setTimeout(() => reject(new Error(`${this.fullId} did not finish its handshake`)), SDK_HANDSHAKE_TIMEOUT_MS)),
        ]);
        const ids = [this.fullId, this.options.contribution.id];
        let lastError: unknown;
        for (let attempt = 0; attempt < 20; attempt++) {
          for (const id of ids) {
            try {
              return await this.channel.getRemoteObject<Record<string, (...args: unknown[]) => Promise<unknown>>>(id);
            } catch (error) {
              lastError = error;
            }
          }
          await new Promise((r) => window.setTimeout(r, 100));
        }
        throw new Error(`${this.fullId} registered no object: ${String((lastError as { message?: string })?.message ?? lastError)}`);
      })();
    }
    return this.registeredObject as Promise<T>;
  }

  /** Tells the frame's SDK about a theme change, as Azure DevOps does. */
  dispatchTheme(variables: Record<string, string>): Promise<unknown> {
    return this.channel.invoke("DevOps.SdkClient", "dispatchEvent", ["themeChanged", { detail: { data: variables } }]);
  }

  dispose(): void {
    this.router.remove(this.channel);
    this.iframe.remove();
  }
}
