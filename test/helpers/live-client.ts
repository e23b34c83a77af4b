import WebSocket from 'ws';
import type { LiveEvent, ServerFrame } from '../../src/shared/contracts/live.js';
import type { App } from '../../src/server/http/types.js';

export interface LiveTestClient {
  socket: WebSocket;
  frames: ServerFrame[];
  /** Resolves with the first frame (already received or to come) that matches. */
  next<T extends ServerFrame>(match: (frame: ServerFrame) => frame is T, timeoutMs?: number): Promise<T>;
  events(): LiveEvent[];
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export const isEvent = (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'event' }> =>
  frame.kind === 'event';
export const isHello = (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'hello' }> =>
  frame.kind === 'hello';
export const isSignal = (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
  frame.kind === 'signal';

/** The base URL of an app listening on a random local port. */
export async function listening(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** A real WebSocket client on /api/v1/live, as a browser on the app's own origin opens it. */
export async function connectLive(
  baseUrl: string,
  cookie: string,
  options: { after?: number; origin?: string } = {},
): Promise<LiveTestClient> {
  const query = options.after === undefined ? '' : `?after=${options.after}`;
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/live${query}`, {
    headers: { cookie, origin: options.origin ?? baseUrl },
  });
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (raw: Buffer) => {
    frames.push(JSON.parse(raw.toString('utf8')) as ServerFrame);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`live connection refused: ${response.statusCode ?? 0}`)),
    );
  });
  return {
    socket,
    frames,
    closed,
    events: () => frames.filter(isEvent).map((frame) => frame.event),
    send: (frame) => socket.send(JSON.stringify(frame)),
    next<T extends ServerFrame>(match: (frame: ServerFrame) => frame is T, timeoutMs = 5_000) {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching live frame in ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
}
