// The host side of the XDM channel that azure-devops-extension-sdk speaks from inside a frame:
// JSON strings over postMessage, requests carry instanceId, responses only the request's id.

export interface XdmMessage {
  id: number;
  instanceId?: string;
  instanceContext?: unknown;
  methodName?: string;
  params?: unknown[];
  result?: unknown;
  error?: unknown;
  handshakeToken?: string;
  serializationSettings?: { includeUnderscoreProperties?: boolean };
}

type Registered = object | ((context: unknown) => object | Promise<object>);

const PROXY_FUNCTIONS = "__proxyFunctions";
const MAX_DEPTH = 100;
let nextChannelId = 1;

function propertyNames(value: object): string[] {
  const names = new Set<string>();
  let current: object | null = value;
  while (current && current !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(current)) if (name !== "constructor") names.add(name);
    current = Object.getPrototypeOf(current);
  }
  return Array.from(names);
}

export class HostChannel {
  readonly channelId = nextChannelId++;
  private nextMessageId = 1;
  private nextProxyId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private readonly proxyFunctions: Record<string, (...args: unknown[]) => unknown> = {};
  private readonly registry = new Map<string, Registered>();

  /** The target is looked up on each use: an iframe has no window until it is in the document. */
  constructor(private readonly target: () => Window | null, private readonly log: (line: string) => void = () => undefined) {}

  register(instanceId: string, instance: Registered): void {
    this.registry.set(instanceId, instance);
  }

  owns(source: MessageEventSource | null): boolean {
    return source !== null && source === this.target();
  }

  /** Calls a method of an object the frame registered; an empty method name returns the object's proxy. */
  invoke<T>(instanceId: string, methodName: string, params?: unknown[], instanceContext?: unknown, settings?: XdmMessage["serializationSettings"]): Promise<T> {
    const message: XdmMessage = {
      id: this.nextMessageId++,
      methodName,
      instanceId,
      instanceContext,
      params: params === undefined ? undefined : (this.serialize(params, settings) as unknown[]),
      serializationSettings: settings,
    };
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.post(message);
    return promise;
  }

  getRemoteObject<T>(instanceId: string, instanceContext?: unknown): Promise<T> {
    return this.invoke<T>(instanceId, "", undefined, instanceContext);
  }

  onMessage(raw: unknown): void {
    if (typeof raw !== "string") return;
    let message: XdmMessage;
    try {
      message = JSON.parse(raw) as XdmMessage;
    } catch {
      return;
    }
    if (message.instanceId) {
      void this.dispatch(message);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject((this.deserialize([message.error]) as unknown[])[0]);
    else waiting.resolve((this.deserialize([message.result]) as unknown[])[0]);
  }

  private async dispatch(message: XdmMessage): Promise<void> {
    const instanceId = message.instanceId as string;
    let instance: object | undefined;
    try {
      if (instanceId === PROXY_FUNCTIONS) {
        instance = this.proxyFunctions;
      } else {
        const registered = this.registry.get(instanceId);
        instance = typeof registered === "function" ? await registered(message.instanceContext) : registered;
      }
    } catch (error) {
      this.respondError(message, error);
      return;
    }
    if (!instance) {
      this.respondError(message, new Error(`The registered object ${instanceId} could not be found.`));
      return;
    }
    if (!message.methodName) {
      this.respondResult(message, instance);
      return;
    }
    const method = (instance as Record<string, unknown>)[message.methodName];
    if (typeof method !== "function") {
      this.respondError(message, new Error(`RPC method not found: ${message.methodName}`));
      return;
    }
    try {
      const args = message.params ? (this.deserialize(message.params) as unknown[]) : [];
      const result = await method.apply(instance, args);
      this.respondResult(message, result);
    } catch (error) {
      this.log(`${instanceId}.${message.methodName} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.respondError(message, error);
    }
  }

  private respondResult(request: XdmMessage, result: unknown): void {
    this.post({
      id: request.id,
      result: (this.serialize([result], request.serializationSettings) as unknown[])[0],
      handshakeToken: request.handshakeToken,
    });
  }

  private respondError(request: XdmMessage, error: unknown): void {
    // Own properties travel too (status, serverError), as they do from Azure DevOps' own host.
    const plain = error instanceof Error ? Object.fromEntries(Object.getOwnPropertyNames(error).map((key) => [key, (error as unknown as Record<string, unknown>)[key]]).concat([["name", error.name]])) : error;
    this.post({
      id: request.id,
      error: (this.serialize([plain], request.serializationSettings) as unknown[])[0],
      handshakeToken: request.handshakeToken,
    });
  }

  private post(message: XdmMessage): void {
    this.target()?.postMessage(JSON.stringify(message), "*");
  }

  serialize(value: unknown, settings?: XdmMessage["serializationSettings"], parents: { originals: unknown[]; copies: Record<string, unknown>[] } = { originals: [], copies: [] }, depth = 1, refIds = { next: 1 }): unknown {
    if (!value || depth > MAX_DEPTH) return undefined;
    if (typeof value !== "object") return value;
    const source = value as Record<string | number, unknown>;
    const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
    parents.originals.push(value);
    parents.copies.push(copy);
    const keys = Array.isArray(value) ? value.map((_v, i) => String(i)) : propertyNames(value);
    for (const key of keys) {
      if (!Array.isArray(value) && key[0] === "_" && !settings?.includeUnderscoreProperties) continue;
      let member: unknown;
      try {
        member = source[key];
      } catch {
        continue;
      }
      if (member === undefined) continue;
      const parentIndex = typeof member === "object" ? parents.originals.indexOf(member) : -1;
      if (parentIndex >= 0) {
        const parentCopy = parents.copies[parentIndex];
        if (!parentCopy.__circularReferenceId) parentCopy.__circularReferenceId = refIds.next++;
        copy[key] = { __circularReference: parentCopy.__circularReferenceId };
      } else if (typeof member === "function") {
        copy[key] = { __proxyFunctionId: this.registerProxyFunction(member as (...a: unknown[]) => unknown, value), _channelId: this.channelId };
      } else if (member instanceof Date) {
        copy[key] = { __proxyDate: member.getTime() };
      } else if (typeof member === "object") {
        copy[key] = this.serialize(member, settings, parents, depth + 1, refIds);
      } else if (key !== "__proxyFunctionId") {
        copy[key] = member;
      }
    }
    parents.originals.pop();
    parents.copies.pop();
    return copy;
  }

  private registerProxyFunction(fn: (...args: unknown[]) => unknown, context: unknown): number {
    const id = this.nextProxyId++;
    this.proxyFunctions[`proxy${id}`] = (...args: unknown[]) => fn.apply(context, args);
    return id;
  }

  deserialize(value: unknown, circular: Record<number, unknown> = {}): unknown {
    if (!value || typeof value !== "object") return value ?? null;
    const container = value as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const member = container[key];
      if (key === "__circularReferenceId" && typeof member === "number") {
        circular[member] = container;
        delete container[key];
      } else if (member && typeof member === "object") {
        const marker = member as Record<string, unknown>;
        if (marker.__proxyFunctionId) {
          const id = marker.__proxyFunctionId;
          container[key] = (...args: unknown[]) => this.invoke(PROXY_FUNCTIONS, `proxy${id}`, args, {}, { includeUnderscoreProperties: true });
        } else if (marker.__proxyDate) {
          container[key] = new Date(marker.__proxyDate as number);
        } else if (marker.__circularReference) {
          container[key] = circular[marker.__circularReference as number];
        } else {
          this.deserialize(member, circular);
        }
      }
    }
    return value;
  }
}

/** One window listener routes each message to the channel of the frame it came from. */
export class ChannelRouter {
  private readonly channels = new Set<HostChannel>();

  constructor(host: Window) {
    host.addEventListener("message", (event: MessageEvent) => {
      for (const channel of this.channels) {
        if (channel.owns(event.source)) channel.onMessage(event.data);
      }
    });
  }

  add(channel: HostChannel): void {
    this.channels.add(channel);
  }

  remove(channel: HostChannel): void {
    this.channels.delete(channel);
  }
}
