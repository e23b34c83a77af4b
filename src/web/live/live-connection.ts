import {
  LIVE_CLOSE,
  type ClientFrame,
  type LiveEvent,
  type LiveSignal,
  type ServerFrame,
} from '../../shared/contracts/live.js';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  onSignal(signal: LiveSignal): void;
  /** Events may have been missed (first connection, or too many to replay): reload what is shown. */
  onReload(): void;
  onStatus(status: LiveStatus): void;
  /** The session ended on the server. */
  onSignedOut(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * The browser's end of /api/v1/live: reconnects by itself with backoff, and resumes from the last
 * event id it received, so every event arrives once and in order across reconnections.
 */
export class LiveConnection {
  private socket: WebSocket | undefined;
  private lastEventId: number | undefined;
  private watching: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = undefined;
  }

  /** The ticket open on screen (typing and presence are about it), or null. */
  watch(ticketId: string | null): void {
    this.watching = ticketId;
    this.send({ kind: 'watch', ticketId });
  }

  typing(ticketId: string): void {
    this.send({ kind: 'typing', ticketId });
  }

  private send(frame: ClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private connect(): void {
    const after = this.lastEventId === undefined ? '' : `?after=${this.lastEventId}`;
    const socket = new WebSocket(`${this.url}${after}`);
    this.socket = socket;
    this.handlers.onStatus('connecting');
    socket.onopen = () => {
      this.retries = 0;
      this.handlers.onStatus('open');
      if (this.watching) this.send({ kind: 'watch', ticketId: this.watching });
    };
    socket.onmessage = (message: MessageEvent<string>) =>
      this.receive(JSON.parse(message.data) as ServerFrame);
    socket.onclose = (closed) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.handlers.onStatus('closed');
      if (closed.code === LIVE_CLOSE.signedOut) {
        this.handlers.onSignedOut();
        return;
      }
      this.reconnectLater(closed.code === LIVE_CLOSE.goingAway);
    };
  }

  private receive(frame: ServerFrame): void {
    switch (frame.kind) {
      case 'hello':
        this.lastEventId = frame.lastEventId;
        this.handlers.onReload();
        return;
      case 'reset':
        this.lastEventId = frame.lastEventId;
        this.handlers.onReload();
        return;
      case 'event':
        if (this.lastEventId !== undefined && frame.event.id <= this.lastEventId) return;
        this.lastEventId = frame.event.id;
        this.handlers.onEvent(frame.event);
        return;
      case 'signal':
        this.handlers.onSignal(frame.signal);
        return;
      case 'error':
        return;
    }
  }

  private reconnectLater(soon: boolean): void {
    if (this.stopped) return;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.retries);
    this.retries += 1;
    // Spread out the clients of a restarted instance so they do not all return at once.
    const delay = (soon ? 100 : backoff) * (0.5 + Math.random());
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}

/** ws:// or wss:// on the page's own origin. */
export const liveUrl = (location: Location): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`;
