import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { registerErrorHandling } from './errors.js';
import { createAuthService, type SignInLimits } from './features/auth/auth.service.js';
import { registerAgentRoutes } from './features/agents/agents.routes.js';
import { createAgentsService } from './features/agents/agents.service.js';
import { registerAuthRoutes } from './features/auth/auth.routes.js';
import { registerPasswordResetRoutes } from './features/auth/password-reset.routes.js';
import { createPasswordResetService } from './features/auth/password-reset.service.js';
import { registerSessionRoutes } from './features/auth/sessions.routes.js';
import { createSessionsService } from './features/auth/sessions.service.js';
import { registerCategoryRoutes } from './features/categories/categories.routes.js';
import { createCategoriesService } from './features/categories/categories.service.js';
import { registerHealthRoutes } from './features/health/health.routes.js';
import { registerMailLogRoutes } from './features/mail-log/mail-log.routes.js';
import { createMailLogService } from './features/mail-log/mail-log.service.js';
import { registerNotificationRoutes } from './features/notifications/notifications.routes.js';
import { createNotificationsService } from './features/notifications/notifications.service.js';
import { createUsersService } from './features/users/users.service.js';
import { registerUsersRoutes } from './features/users/users.routes.js';
import { registerTicketRoutes } from './features/tickets/tickets.routes.js';
import { createTicketsService } from './features/tickets/tickets.service.js';
import { registerAccessGuard } from './http/access-guard.js';
import { registerCsrfProtection } from './http/csrf.js';
import { registerValidation } from './http/validation.js';
import { registerWebApp } from './http/web.js';
import type { App } from './http/types.js';
import { createOutbox } from './mail/outbox.js';
import { createOutboxWorker, type OutboxWorkerOptions } from './mail/outbox-worker.js';
import { createLogTransport } from './mail/transports/log.js';
import type { MailAddress, MailTransport } from './mail/transports/transport.js';

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'publicUrl' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'trustProxy'>;
  logger?: FastifyBaseLogger;
  /** The clock; tests move it to expire sessions. */
  now?: () => Date;
  signInLimits?: SignInLimits;
  /** Where the built web app is; defaults to dist/web. */
  webDir?: string;
  /** Email delivery; by default the log transport and a worker polling every second. */
  mail?: MailDeps;
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
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // helmet's default; it would send http://localhost asset requests to https.
        upgradeInsecureRequests: null,
      },
    },
    // Sent only over https; a plain-http localhost start must keep working.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });

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

  const users = createUsersService(database.db);
  const auth = createAuthService(database.db, users, {
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
    ...(deps.signInLimits ? { signInLimits: deps.signInLimits } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });

  const worker = createOutboxWorker({
    db: database.db,
    transport: deps.mail?.transport ?? createLogTransport(app.log),
    from: deps.mail?.from ?? { name: 'Customer Care Registry', address: 'no-reply@localhost' },
    logger: app.log,
    ...(deps.mail?.worker ? { options: deps.mail.worker } : {}),
  });
  const outbox = createOutbox({ publicUrl: config.publicUrl, wake: () => worker.wake() });

  const tickets = createTicketsService(database.db, {
    ...(deps.now ? { now: deps.now } : {}),
    outbox,
    publicUrl: config.publicUrl,
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
  const now = deps.now ?? (() => new Date());
  const passwordReset = createPasswordResetService(database.db, {
    auth,
    users,
    outbox,
    publicUrl: config.publicUrl,
    now,
    logger: app.log,
  });
  const sessions = createSessionsService(database.db, { sessionIdleMinutes: config.sessionIdleMinutes, now });

  registerCsrfProtection(app, config.publicUrl);
  registerAccessGuard(app, auth);

  registerHealthRoutes(app, database);
  registerAuthRoutes(app, auth, users, agents);
  registerPasswordResetRoutes(app, passwordReset);
  registerSessionRoutes(app, sessions);
  registerCategoryRoutes(app, categories);
  registerAgentRoutes(app, agents);
  registerUsersRoutes(app, users);
  registerTicketRoutes(app, tickets);
  registerMailLogRoutes(app, mailLog);
  registerNotificationRoutes(app, createNotificationsService(database.db, deps.now));
  await registerWebApp(app, deps.webDir ?? DEFAULT_WEB_DIR);

  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', (done) => {
    sweeper = setInterval(() => {
      auth.sweep().catch((error: unknown) => app.log.warn({ err: error }, 'session sweep failed'));
    }, SWEEP_EVERY_MS).unref();
    if (deps.mail?.runWorker !== false) worker.start();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    // Lets the emails in flight be marked, so none is sent twice after a restart.
    await worker.stop();
  });

  return app;
}
