/**
 * One WebSocket to the server's `/ws` for the whole dashboard (README "WebSocket topics"): authenticates with
 * `?access_token=`, sends `{route}.subscribe` / `{route}.unsubscribe` with params, and hands every
 * `{type: "<route>.update", topic, event, payload, ts}` to the handlers of that topic. Subscriptions are reference
 * counted here too, and taken again after a reconnect (backoff 0.5 s doubling to 10 s).
 */
export type StreamUpdate = { type: string; topic: string; event: string; payload: unknown; ts: string };
type Reply = { type: string; status: 'ok' | 'error'; message: string; topic?: string; field?: string };
type Handler = (update: StreamUpdate) => void;
type Subscription = { route: string; params: Record<string, string>; handlers: Set<Handler>; topic?: string };

export type StreamStatus = 'connecting' | 'open' | 'closed';

export class StreamClient {
  private socket: WebSocket | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly statusListeners = new Set<(status: StreamStatus) => void>();
  private retryDelay = 500;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  status: StreamStatus = 'connecting';

  constructor(
    private readonly url: string,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.connect();
  }

  /** Delivers the updates of `route` with `params` to `handler` until the returned function is called. */
  subscribe(route: string, params: Record<string, string>, handler: Handler): () => void {
    const key = StreamClient.key(route, params);
    let subscription = this.subscriptions.get(key);
    if (!subscription) {
      subscription = { route, params, handlers: new Set() };
      this.subscriptions.set(key, subscription);
      this.send({ action: `${route}.subscribe`, params });
    }
    subscription.handlers.add(handler);
    return () => {
      const current = this.subscriptions.get(key);
      if (!current) return;
      current.handlers.delete(handler);
      if (current.handlers.size === 0) {
        this.subscriptions.delete(key);
        this.send({ action: `${route}.unsubscribe`, params });
      }
    };
  }

  onStatus(listener: (status: StreamStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000);
  }

  private connect(): void {
    this.setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryDelay = 500;
      this.setStatus('open');
      for (const { route, params } of this.subscriptions.values()) this.send({ action: `${route}.subscribe`, params });
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => {
      this.setStatus('closed');
      if (this.closed) return;
      this.retryTimer = setTimeout(() => this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    };
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as StreamUpdate | Reply;
    if ('status' in message) {
      if (message.status === 'error') this.onError(message.message);
      else if (message.type.endsWith('.subscribe') && message.topic) this.remember(message.type, message.topic);
      return;
    }
    for (const subscription of this.subscriptions.values()) {
      if (subscription.topic === message.topic) subscription.handlers.forEach((handler) => handler(message));
    }
  }

  /** The server names the topic key in its reply; subscriptions are answered in the order they were sent. */
  private remember(replyType: string, topic: string): void {
    const route = replyType.slice(0, -'.subscribe'.length);
    const waiting = [...this.subscriptions.values()].find((s) => s.route === route && s.topic === undefined);
    if (waiting) waiting.topic = topic;
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: StreamStatus): void {
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }

  private static key(route: string, params: Record<string, string>): string {
    const sorted = Object.keys(params).sort().map((name) => `${name}=${params[name]}`);
    return `${route}?${sorted.join('&')}`;
  }
}

/** The `/ws` URL of the page's origin with the credential as `access_token`. */
export function streamUrl(token: string, origin: string = window.location.origin): string {
  return `${origin.replace(/^http/, 'ws')}/ws?access_token=${encodeURIComponent(token)}`;
}
