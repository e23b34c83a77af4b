import type {} from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import { ClientFrame, LIVE_CLOSE, LiveQuery, type ServerFrame } from '../../shared/contracts/live.js';
import { AppError } from '../errors.js';
import type { AuthService } from '../features/auth/auth.service.js';
import { currentUser } from '../http/access-guard.js';
import { errorResponses } from '../http/openapi.js';
import type { App } from '../http/types.js';
import type { UserRow } from '../db/schema.js';
import type { Audience } from './audience.js';
import type { LiveClient, LiveHub } from './hub.js';

export const HEARTBEAT_MS = 30_000;
/** One typing signal per client and ticket this often is plenty for an indicator. */
const TYPING_EVERY_MS = 2_000;

/** Who may read a ticket (its audience), or undefined when this user may not. */
export type TicketAudienceLookup = (user: UserRow, ticketId: string) => Promise<Audience | undefined>;

/** Whether someone is online now, on any instance. */
export type PresenceLookup = (userId: string) => Promise<boolean>;

export interface LiveRouteDeps {
  hub: LiveHub;
  auth: AuthService;
  publicUrl: string;
  ticketAudience: TicketAudienceLookup;
  isOnline: PresenceLookup;
  heartbeatMs?: number;
}

const checkFrame = Compile(ClientFrame);

/**
 * Browsers send Origin on every WebSocket handshake and the cookie goes with it, so a page on
 * another site could otherwise open the channel as the signed-in user.
 */
function assertSameOrigin(request: FastifyRequest, publicOrigin: string): void {
  const origin = request.headers.origin;
  if (origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`) {
    throw new AppError('CSRF_REJECTED', 403, 'This connection was refused as a possible cross-site request');
  }
}

export function registerLiveRoutes(app: App, deps: LiveRouteDeps): void {
  const { hub, auth } = deps;
  const publicOrigin = new URL(deps.publicUrl).origin;
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;

  app.get(
    '/api/v1/live',
    {
      websocket: true,
      config: { access: 'signed-in' },
      schema: {
        tags: ['live'],
        summary: 'Live events as a WebSocket; `after` resumes from the last event id received',
        querystring: LiveQuery,
        response: { ...errorResponses(400, 401, 403) },
      },
      preHandler: (request, _reply, done) => {
        assertSameOrigin(request, publicOrigin);
        done();
      },
    },
    (socket, request) => {
      const user = currentUser(request);
      const token = request.sessionToken ?? '';
      const after = request.query.after === undefined ? undefined : Number(request.query.after);
      const client: LiveClient = {
        listener: { id: user.id, role: user.role },
        send(frame: ServerFrame) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        },
      };
      let watched: { ticketId: string; audience: Audience } | undefined;
      let lastTyping = 0;

      /** On opening a ticket: whether the other people on it are online now. */
      async function tellPresence(audience: Audience): Promise<void> {
        const others = [audience.customerId, ...audience.agentIds].filter(
          (id): id is string => id !== null && id !== user.id,
        );
        for (const userId of others) {
          const online = await deps.isOnline(userId);
          client.send({ kind: 'signal', signal: { type: 'presence', userId, online } });
        }
      }

      // A dead peer never answers a ping; the session is checked again at the same pace (and kept
      // alive, which is also how other instances know this user is online).
      let answered = true;
      const heartbeat = setInterval(() => {
        if (!answered) {
          socket.terminate();
          return;
        }
        answered = false;
        socket.ping();
        auth
          .authenticate(token)
          .then((stillSignedIn) => {
            if (!stillSignedIn) socket.close(LIVE_CLOSE.signedOut, 'signed out');
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'live: session check failed'));
      }, heartbeatMs);
      socket.on('pong', () => {
        answered = true;
      });

      socket.on('message', (raw: Buffer) => {
        let frame: unknown;
        try {
          frame = JSON.parse(raw.toString('utf8'));
        } catch {
          frame = undefined;
        }
        if (!checkFrame.Check(frame)) {
          client.send({ kind: 'error', message: 'Unknown or malformed frame' });
          return;
        }
        if (frame.kind === 'watch') {
          const ticketId = frame.ticketId;
          if (ticketId === null) {
            watched = undefined;
            hub.watch(client, undefined);
            return;
          }
          deps
            .ticketAudience(user, ticketId)
            .then((audience) => {
              if (!audience) {
                client.send({ kind: 'error', message: 'Ticket not found' });
                return;
              }
              watched = { ticketId, audience };
              hub.watch(client, watched);
              return tellPresence(audience);
            })
            .catch((error: unknown) => request.log.warn({ err: error }, 'live: watch failed'));
          return;
        }
        const now = Date.now();
        if (watched?.ticketId !== frame.ticketId || now - lastTyping < TYPING_EVERY_MS) return;
        lastTyping = now;
        hub.typing(client, frame.ticketId, user.fullName, watched.audience);
      });

      socket.on('close', () => {
        clearInterval(heartbeat);
        hub.detach(client);
      });

      hub.attach(client, after).catch((error: unknown) => {
        request.log.warn({ err: error }, 'live: attaching a client failed');
        socket.close(1011, 'try again');
      });
    },
  );
}
