import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Unset: the embedded PGlite database in `${dataDir}/pglite`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The address users reach the app at; requests from another origin are refused. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: 'development' | 'production' | 'test';
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Sessions end after this long without a request… */
  sessionIdleMinutes: number;
  /** …and after this long whatever happens. */
  sessionMaxHours: number;
  /** How long an instance uses a session it read without reading it again (0: never caches). */
  sessionCacheSeconds: number;
  /** Behind a load balancer the client address comes from X-Forwarded-For. */
  trustProxy: boolean;
  /** Where emails go: `log` keeps them in the Mail log only. */
  mailTransport: 'log' | 'smtp' | 'sendgrid';
  /** smtp:// (STARTTLS when offered) or smtps://, with user:password. */
  smtpUrl: string | undefined;
  sendgridApiKey: string | undefined;
  sendgridBaseUrl: string;
  /** The sender of every email. */
  mailFrom: { name: string | undefined; address: string };
  /** Email a sign-in code to browsers an account has not verified (NEW_DEVICE_CODES). */
  newDeviceCodes: boolean;
  /** Set: live events cross instances over Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  redisUrl: string | undefined;
  /** The largest file a conversation accepts. */
  attachmentMaxBytes: number;
  /** Messages one person may send a minute (a flood of replies is refused with 429). */
  messagesPerMinute: number;
  /** How often missed service-level targets are looked for and announced. */
  slaCheckSeconds: number;
  /** App processes sharing the port (node:cluster); above 1 needs DATABASE_URL. */
  workers: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Every environment variable the app reads; `read` accepts nothing else, so this list cannot drift.
 * The deployment test (test/deploy) checks that the manifests name only these.
 */
export const CONFIG_ENV_VARS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'PUBLIC_URL',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'NODE_ENV',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'SESSION_CACHE_SECONDS',
  'MAIL_TRANSPORT',
  'SMTP_URL',
  'SENDGRID_API_KEY',
  'SENDGRID_BASE_URL',
  'MAIL_FROM',
  'NEW_DEVICE_CODES',
  'ATTACHMENT_MAX_MB',
  'REDIS_URL',
  'MESSAGES_PER_MINUTE',
  'SLA_CHECK_SECONDS',
  'WORKERS',
] as const;
export type ConfigEnvVar = (typeof CONFIG_ENV_VARS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;
const MAIL_TRANSPORTS = ['log', 'smtp', 'sendgrid'] as const;
const DEFAULT_MAIL_FROM = 'Customer Care Registry <no-reply@localhost>';

/** `address` or `Display Name <address>` (the name may be quoted). */
export function parseMailbox(raw: string): { name: string | undefined; address: string } | undefined {
  const address = /^[^\s@<>",]+@[^\s@<>",]+$/;
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(raw);
  if (!named) return address.test(raw) ? { name: undefined, address: raw } : undefined;
  const name = (named[1] ?? '').replace(/^"(.*)"$/, '$1').trim();
  const mailbox = (named[2] ?? '').trim();
  if (!address.test(mailbox) || /[\r\n]/.test(name)) return undefined;
  return { name: name === '' ? undefined : name, address: mailbox };
}

/** Reads and validates the whole environment once; reports every problem, not just the first. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: ConfigEnvVar): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const integer = (name: ConfigEnvVar, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const oneOf = <T extends string>(name: ConfigEnvVar, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const url = (name: ConfigEnvVar, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.join(' or ')}//`);
      }
    } catch {
      // Never echo a URL that may hold a password.
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const boolean = (name: ConfigEnvVar, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const adminEmail = read('ADMIN_EMAIL')?.toLowerCase();
  const adminPassword = read('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    problems.push('ADMIN_EMAIL is not an email address');
  }
  if (adminPassword !== undefined && adminPassword.length < 10) {
    problems.push('ADMIN_PASSWORD must be at least 10 characters');
  }

  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const sendgridApiKey = read('SENDGRID_API_KEY');
  const mailTransport = oneOf(
    'MAIL_TRANSPORT',
    MAIL_TRANSPORTS,
    smtpUrl ? 'smtp' : sendgridApiKey ? 'sendgrid' : 'log',
  );
  if (mailTransport === 'smtp' && !smtpUrl) problems.push('MAIL_TRANSPORT is smtp but SMTP_URL is not set');
  if (mailTransport === 'sendgrid' && !sendgridApiKey) {
    problems.push('MAIL_TRANSPORT is sendgrid but SENDGRID_API_KEY is not set');
  }
  // With the log transport no code could reach anyone's mailbox, and a newcomer must still get in.
  const newDeviceCodes =
    oneOf('NEW_DEVICE_CODES', ['on', 'off'] as const, mailTransport === 'log' ? 'off' : 'on') === 'on';
  const mailFromRaw = read('MAIL_FROM') ?? DEFAULT_MAIL_FROM;
  const mailFrom = parseMailbox(mailFromRaw);
  if (!mailFrom) problems.push(`MAIL_FROM must be an address or "Name <address>" (got "${mailFromRaw}")`);

  const config: Config = {
    port,
    host: read('HOST') ?? '0.0.0.0',
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(read('DATA_DIR') ?? './data'),
    publicUrl: (url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    nodeEnv: oneOf('NODE_ENV', NODE_ENVS, 'development'),
    adminEmail,
    adminPassword,
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 120, 5, 60 * 24 * 30),
    sessionMaxHours: integer('SESSION_MAX_HOURS', 24 * 7, 1, 24 * 90),
    sessionCacheSeconds: integer('SESSION_CACHE_SECONDS', 30, 0, 300),
    trustProxy: boolean('TRUST_PROXY', false),
    mailTransport,
    smtpUrl,
    sendgridApiKey,
    sendgridBaseUrl: (url('SENDGRID_BASE_URL', ['http:', 'https:']) ?? 'https://api.sendgrid.com').replace(
      /\/+$/,
      '',
    ),
    mailFrom: mailFrom ?? { name: 'Customer Care Registry', address: 'no-reply@localhost' },
    newDeviceCodes,
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    attachmentMaxBytes: integer('ATTACHMENT_MAX_MB', 10, 1, 100) * 1024 * 1024,
    messagesPerMinute: integer('MESSAGES_PER_MINUTE', 30, 1, 1_000_000),
    slaCheckSeconds: integer('SLA_CHECK_SECONDS', 30, 1, 3600),
    workers: integer('WORKERS', 1, 1, 64),
  };
  if (config.workers > 1 && !config.databaseUrl) {
    problems.push('WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
