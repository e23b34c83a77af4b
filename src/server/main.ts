import cluster from 'node:cluster';
import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Database } from './db/connection.js';
import { openConfiguredDatabase } from './db/open-from-config.js';
import { createUsersService } from './features/users/users.service.js';
import { createLogger } from './logger.js';
import { createTransportFromConfig } from './mail/transports/index.js';
import { superviseWorkers } from './workers.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config);

/** Migrations and the first admin, once, before any process serves requests. */
async function prepare(database: Database): Promise<void> {
  await database.migrate();
  logger.info('migrations applied');
  const firstAdmin = await createUsersService(database.db).ensureFirstAdmin({
    email: config.adminEmail,
    password: config.adminPassword,
  });
  if (firstAdmin?.generated) {
    // Shown once, on purpose: it is the only way into a new installation without ADMIN_PASSWORD.
    logger.warn(
      { email: firstAdmin.email },
      'first admin account created; its password is printed below, once',
    );
    process.stdout.write(
      `\n  ┌─ First admin account ─ sign in and keep this password safe, it is not shown again\n` +
        `  │  email:    ${firstAdmin.email}\n  │  password: ${firstAdmin.password}\n  └─\n\n`,
    );
  } else if (firstAdmin) {
    logger.info({ email: firstAdmin.email }, 'first admin account created from ADMIN_EMAIL');
  }
}

async function serve(database: Database): Promise<void> {
  const app = await buildApp({
    database,
    config,
    logger,
    mail: { transport: createTransportFromConfig(config, logger), from: config.mailFrom },
    live: config.redisUrl ? { redisUrl: config.redisUrl } : {},
    attachments: { dir: path.join(config.dataDir, 'attachments'), maxBytes: config.attachmentMaxBytes },
    sendLimit: { max: config.messagesPerMinute, windowSeconds: 60 },
    slaCheckIntervalMs: config.slaCheckSeconds * 1000,
  });
  logger.info({ fanOut: config.redisUrl ? 'redis' : 'postgres' }, 'live events fan-out configured');
  logger.info({ transport: config.mailTransport }, 'email delivery configured');
  if (!config.newDeviceCodes) {
    logger.warn(
      { transport: config.mailTransport },
      'sign-in codes for new devices are off (NEW_DEVICE_CODES=off, the default with the log mail transport): a password alone signs in from any browser; authenticator apps still apply',
    );
  }
  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      // Stops accepting connections and waits for requests in flight before resolving.
      await app.close();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (cluster.isPrimary) {
  const database = await openConfiguredDatabase(config);
  logger.info({ database: database.kind }, 'database opened');
  await prepare(database);
  if (config.workers > 1) {
    await database.close();
    superviseWorkers(config.workers, logger);
  } else {
    await serve(database);
  }
} else {
  await serve(await openConfiguredDatabase(config));
}
