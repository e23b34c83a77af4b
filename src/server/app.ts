import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { AppError, registerErrorHandling } from './errors.js';
import type { Limit } from './security/rate-limit.repo.js';
import { createAuthService, type SignInLimits } from './features/auth/auth.service.js';
import { SessionCache } from './features/auth/session-cache.js';
import { registerAgentRoutes } from './features/agents/agents.routes.js';
import { registerAttachmentRoutes } from './features/attachments/attachments.routes.js';
import { createAttachmentsService } from './features/attachments/attachments.service.js';
import {
  createLocalDiskStorage,
  type AttachmentStorage,
} from './features/attachments/attachments.storage.js';
import { createAgentsService } from './features/agents/agents.service.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { registerEmailConfirmationRoutes } from './features/auth/email-confirmation.routes.js';
import { createEmailConfirmationService } from './features/auth/email-confirmation.service.js';
import { registerPasswordResetRoutes } from './features/auth/password-reset.routes.js';
import { createPasswordResetService } from './features/auth/password-reset.service.js';
import { registerSessionRoutes } from './features/auth/sessions.routes.js';
import { createSessionsService } from './features/auth/sessions.service.js';
import { createTwoStep, registerTwoStepGuard, registerTwoStepRoutes } from './features/auth/two-step.js';
import { registerCategoryRoutes } from './features/categories/categories.routes.js';
import { createCategoriesService } from './features/categories/categories.service.js';
import { registerHealthRoutes } from './features/health/health.routes.js';
import { createSlaBreaches } from './features/sla/sla-breaches.js';
import { registerSlaRoutes } from './features/sla/sla.routes.js';
import { createSlaService } from './features/sla/sla.service.js';
import { registerMetricsRoutes } from './features/metrics/metrics.routes.js';
import { registerCannedResponseRoutes } from './features/canned-responses/canned-responses.routes.js';
import { createCannedResponsesService } from './features/canned-responses/canned-responses.service.js';
import { registerSavedFilterRoutes } from './features/saved-filters/saved-filters.routes.js';
import { createSavedFiltersService } from './features/saved-filters/saved-filters.service.js';
import { registerTagRoutes } from './features/tags/tags.routes.js';
import { createTagsService } from './features/tags/tags.service.js';
import { registerAuditRoutes } from './features/audit/audit.routes.js';
import { createAuditService } from './features/audit/audit.service.js';
import { registerMailLogRoutes } from './features/mail-log/mail-log.routes.js';
import { createMailLogService } from './features/mail-log/mail-log.service.js';
import { registerReportRoutes } from './features/reports/reports.routes.js';
import { createReportsService } from './features/reports/reports.service.js';
import { registerNotificationRoutes } from './features/notifications/notifications.routes.js';
import { createNotificationsService } from './features/notifications/notifications.service.js';
import { createUsersService } from './features/users/users.service.js';
import { registerUsersRoutes } from './features/users/users.routes.js';
import { registerTicketRoutes } from './features/tickets/tickets.routes.js';
import { createTicketsService } from './features/tickets/tickets.service.js';
import { registerConversationRoutes } from './features/tickets/conversation.routes.js';
import { registerAccessGuard } from './http/access-guard.js';
import { registerCsrfProtection } from './http/csrf.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerValidation } from './http/validation.js';
import { registerWebApp } from './http/web.js';
import type { App } from './http/types.js';
import { createOutbox } from './mail/outbox.js';
import { ticketEmailRenderers } from './features/tickets/ticket-emails.js';
import { createOutboxWorker, type OutboxWorkerOptions } from './mail/outbox-worker.js';
import { createLogTransport } from './mail/transports/log.js';
import type { MailAddress, MailTransport } from './mail/transports/transport.js';
import { LIVE_CLOSE } from '../shared/contracts/live.js';
import { createLive, ticketAudience } from './realtime/live.js';
import { registerLiveRoutes } from './realtime/live.routes.js';
import { createPresenceService } from './features/presence/presence.service.js';

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const SWEEP_EVERY_MS = 10 * 60_000;
const DEFAULT_SLA_CHECK_MS = 30_000;
const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Sessions an instance keeps at most: a few MiB. */
const SESSION_CACHE_ENTRIES = 10_000;

export interface AppDeps {
  database: Database;
  config: Pick<
    Config,
    | 'publicUrl'
    | 'sessionIdleMinutes'
    | 'sessionMaxHours'
    | 'sessionCacheSeconds'
    | 'trustProxy'
    | 'newDeviceCodes'
  >;
  logger?: FastifyBaseLogger;
  /** The clock; tests move it to expire sessions. */
  now?: () => Date;
  signInLimits?: SignInLimits;
  /** Messages one person may send per window (default: tickets.changes DEFAULT_SEND_LIMIT). */
  sendLimit?: Limit;
  /** Where the built web app is; defaults to dist/web. */
  webDir?: string;
  /** Email delivery; by default the log transport and a worker polling every second. */
  mail?: MailDeps;
  live?: LiveDeps;
  attachments?: AttachmentDeps;
  /** How often this instance looks for missed service-level targets (default 30 s; SLA_CHECK_SECONDS). */
  slaCheckIntervalMs?: number;
}

export interface AttachmentDeps {
  /** Default: files on local disk under `dir`. */
  storage?: AttachmentStorage;
  /** The largest file accepted (ATTACHMENT_MAX_MB); default 10 MB. */
  maxBytes?: number;
  /** The local disk folder; main.ts passes `${DATA_DIR}/attachments`, tests a temporary one. */
  dir?: string;
}

export interface LiveDeps {
  /** Set: fan-out over Redis pub/sub; otherwise PostgreSQL LISTEN/NOTIFY on the app's database. */
  redisUrl?: string;
  /** Tests shorten the ping interval that finds dead connections. */
  heartbeatMs?: number;
}

export interface MailDeps {
  /** main.ts builds it from config (createTransportFromConfig); tests pass an SMTP or SendGrid one. */
  transport?: MailTransport;
  /** Default: Customer Care Registry <no-reply@localhost>. */
  from?: MailAddress;
  /** Tests shorten the poll interval and the backoff. */
  worker?: Partial<OutboxWorkerOptions>;
  /** False: no worker in this instance (emails wait in the outbox). Default true. */
  runWorker?: boolean;
}

/** Builds the whole app without listening, so tests can inject requests or pick a port. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { database, config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    // Keep a caller's id when it looks like one, so a request can be followed across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // While shutting down, answers still in flight close their connection: an idle keep-alive socket
  // would otherwise hold the process open until its timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
  });

  registerValidation(app);
  registerErrorHandling(app);

  await app.register(fastifyCookie);
  registerSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Customer Care Registry API',
        version: '1',
        description:
          'JSON API of the helpdesk. Sign in to get the session cookie; state-changing requests must send the header `x-ccr-csrf: 1`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ccr_session' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  const attachmentMaxBytes = deps.attachments?.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  // Parsed only when a route reads the file; the JSON bodyLimit above still holds for everything else.
  await app.register(fastifyMultipart, {
    limits: { fileSize: attachmentMaxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 20 },
  });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 4 * 1024 },
    // "Going away": clients reconnect at once, to another instance behind the load balancer.
    preClose(done) {
      // As the plugin's own preClose does: an upgrade arriving while closing must become a plain
      // request (answered 503 and closed); routed as an upgrade, its socket was never closed and the
      // process never exited.
      this.server.removeAllListeners('upgrade');
      for (const client of this.websocketServer.clients) client.close(LIVE_CLOSE.goingAway, 'restarting');
      this.websocketServer.close(() => done());
    },
  });
  const live = createLive(database, app.log, deps.live?.redisUrl);

  const now = deps.now ?? (() => new Date());
  const worker = createOutboxWorker({
    db: database.db,
    renderers: ticketEmailRenderers({ publicUrl: config.publicUrl, now }),
    transport: deps.mail?.transport ?? createLogTransport(app.log),
    from: deps.mail?.from ?? { name: 'Customer Care Registry', address: 'no-reply@localhost' },
    logger: app.log,
    ...(deps.mail?.worker ? { options: deps.mail.worker } : {}),
  });
  const outbox = createOutbox({ publicUrl: config.publicUrl, wake: () => worker.wake() });

  const emailConfirmation = createEmailConfirmationService(database.db, {
    outbox,
    publicUrl: config.publicUrl,
    now: deps.now ?? (() => new Date()),
  });
  const users = createUsersService(database.db);
  const sessionCache =
    config.sessionCacheSeconds > 0
      ? new SessionCache({ ttlMs: config.sessionCacheSeconds * 1000, maxEntries: SESSION_CACHE_ENTRIES })
      : undefined;
  const auth = createAuthService(database.db, users, {
    sessionCache,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    ...(deps.signInLimits ? { signInLimits: deps.signInLimits } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    emailConfirmation,
  });

  const tickets = createTicketsService(database.db, {
    ...(deps.now ? { now: deps.now } : {}),
    outbox,
    live,
    ...(deps.sendLimit ? { sendLimit: deps.sendLimit } : {}),
    publicUrl: config.publicUrl,
  });
  const attachments = createAttachmentsService(database.db, {
    tickets,
    storage:
      deps.attachments?.storage ??
      createLocalDiskStorage(deps.attachments?.dir ?? path.resolve('data', 'attachments')),
    maxBytes: attachmentMaxBytes,
    now: deps.now ?? (() => new Date()),
  });
  const categories = createCategoriesService(database.db, deps.now);
  const agents = createAgentsService(database.db, {
    auth,
    tickets,
    publicUrl: config.publicUrl,
    now: deps.now ?? (() => new Date()),
    outbox,
  });
  const mailLog = createMailLogService(database.db, { outbox });
  const twoStep = createTwoStep(database.db, {
    auth,
    users,
    outbox,
    publicUrl: config.publicUrl,
    newDeviceCodes: config.newDeviceCodes,
    now,
  });
  const passwordReset = createPasswordResetService(database.db, {
    auth,
    users,
    devices: twoStep.devices,
    outbox,
    publicUrl: config.publicUrl,
    now,
    logger: app.log,
  });
  const sessions = createSessionsService(database.db, { sessionIdleMinutes: config.sessionIdleMinutes, now });

  registerCsrfProtection(app, config.publicUrl);
  registerAccessGuard(app, auth);
  registerTwoStepGuard(app, twoStep);

  registerMetricsRoutes(app, { db: database.db, liveConnections: () => live.hub.connectionCount() });
  registerHealthRoutes(app, database);
  registerAuthRoutes(app, auth, users, agents, twoStep);
  registerTwoStepRoutes(app, twoStep);
  registerPasswordResetRoutes(app, passwordReset, twoStep.sessionBody);
  registerEmailConfirmationRoutes(app, emailConfirmation);
  registerSessionRoutes(app, sessions);
  registerCategoryRoutes(app, categories);
  registerAgentRoutes(app, agents);
  registerUsersRoutes(app, users);
  registerTicketRoutes(app, tickets);
  registerConversationRoutes(app, tickets);
  registerAttachmentRoutes(app, attachments);
  registerCannedResponseRoutes(app, createCannedResponsesService(database.db, now));
  registerTagRoutes(app, createTagsService(database.db, { tickets, now }));
  registerSavedFilterRoutes(app, createSavedFiltersService(database.db, now));
  registerMailLogRoutes(app, mailLog);
  registerSlaRoutes(app, createSlaService(database.db, now));
  const slaBreaches = createSlaBreaches({ db: database.db, now, outbox, live, publicUrl: config.publicUrl });
  registerReportRoutes(app, createReportsService(database.db, { now }));
  registerAuditRoutes(app, createAuditService(database.db));
  const presence = createPresenceService(database.db, now);
  registerLiveRoutes(app, {
    hub: live.hub,
    auth,
    publicUrl: config.publicUrl,
    ...(deps.live?.heartbeatMs ? { heartbeatMs: deps.live.heartbeatMs } : {}),
    isOnline: async (userId) => live.hub.isConnectedHere(userId) || presence.isOnline(userId),
    async ticketAudience(user, ticketId) {
      try {
        const ticket = await tickets.get(user, ticketId);
        return ticketAudience({ customerId: ticket.customer.id, agentId: ticket.agent?.id ?? null });
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
  });
  registerNotificationRoutes(app, createNotificationsService(database.db, deps.now));
  await registerWebApp(app, deps.webDir ?? DEFAULT_WEB_DIR);

  let sweeper: NodeJS.Timeout | undefined;
  let slaChecker: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    slaChecker = setInterval(() => {
      slaBreaches.check().catch((error: unknown) => app.log.warn({ err: error }, 'SLA breach check failed'));
    }, deps.slaCheckIntervalMs ?? DEFAULT_SLA_CHECK_MS).unref();
    sweeper = setInterval(() => {
      auth.sweep().catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
      twoStep.signIn.sweep().catch((error: unknown) => app.log.warn({ err: error }, 'sign-in sweep failed'));
      live.prune(now()).catch((error: unknown) => app.log.warn({ err: error }, 'live event prune failed'));
      attachments.sweep().catch((error: unknown) => app.log.warn({ err: error }, 'attachment sweep failed'));
    }, SWEEP_EVERY_MS).unref();
    if (deps.mail?.runWorker !== false) worker.start();
    await live.hub.start();
    await sessionCache?.start(database);
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    clearInterval(slaChecker);
    await live.hub.stop();
    await sessionCache?.stop();
    // Lets the emails in flight be marked, so none is sent twice after a restart.
    await worker.stop();
  });

  return app;
}
