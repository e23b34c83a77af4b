import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('needs no variables at all: embedded database in ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      trustProxy: false,
      mailTransport: 'log',
      smtpUrl: undefined,
      sendgridApiKey: undefined,
      sendgridBaseUrl: 'https://api.sendgrid.com',
      mailFrom: { name: 'Customer Care Registry', address: 'no-reply@localhost' },
      sessionCacheSeconds: 30,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app@db:5432/ccr',
      DATA_DIR: '/var/lib/ccr',
      PUBLIC_URL: 'https://help.shop.example/',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      ADMIN_EMAIL: ' Owner@Shop.Example ',
      ADMIN_PASSWORD: 'owner password',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '12',
      SESSION_CACHE_SECONDS: '0',
      TRUST_PROXY: 'true',
      MAIL_TRANSPORT: 'sendgrid',
      SMTP_URL: 'smtps://mailer:pw@smtp.shop.example:465',
      SENDGRID_API_KEY: 'SG.key',
      SENDGRID_BASE_URL: 'http://127.0.0.1:9999/',
      MAIL_FROM: '"Shop Help" <help@shop.example>',
      NEW_DEVICE_CODES: 'off',
      REDIS_URL: 'redis://cache:6379',
      ATTACHMENT_MAX_MB: '25',
      MESSAGES_PER_MINUTE: '120',
      SLA_CHECK_SECONDS: '5',
      WORKERS: '2',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://app@db:5432/ccr',
      dataDir: '/var/lib/ccr',
      publicUrl: 'https://help.shop.example',
      logLevel: 'debug',
      nodeEnv: 'production',
      adminEmail: 'owner@shop.example',
      adminPassword: 'owner password',
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      sessionCacheSeconds: 0,
      trustProxy: true,
      mailTransport: 'sendgrid',
      smtpUrl: 'smtps://mailer:pw@smtp.shop.example:465',
      sendgridApiKey: 'SG.key',
      sendgridBaseUrl: 'http://127.0.0.1:9999',
      mailFrom: { name: 'Shop Help', address: 'help@shop.example' },
      newDeviceCodes: false,
      redisUrl: 'redis://cache:6379',
      attachmentMaxBytes: 25 * 1024 * 1024,
      messagesPerMinute: 120,
      slaCheckSeconds: 5,
      workers: 2,
    });
  });

  it('runs one process unless told, and several only on a PostgreSQL server', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(
      'WORKERS above 1 needs DATABASE_URL: the embedded database belongs to one process',
    );
    expect(() => loadConfig({ WORKERS: '0', DATABASE_URL: 'postgres://app@db/ccr' })).toThrow(
      'WORKERS must be a whole number from 1 to 64 (got "0")',
    );
  });

  it.each([
    [{}, false],
    [{ SMTP_URL: 'smtp://mail.example:587' }, true],
    [{ SENDGRID_API_KEY: 'SG.key' }, true],
    [{ NEW_DEVICE_CODES: 'on' }, true],
    [{ SMTP_URL: 'smtp://mail.example:587', NEW_DEVICE_CODES: 'off' }, false],
  ])('emails new-device sign-in codes only when mail can reach people, unless told: %j → %s', (env, on) => {
    expect(loadConfig(env).newDeviceCodes).toBe(on);
  });

  it('refuses a NEW_DEVICE_CODES other than on or off', () => {
    expect(() => loadConfig({ NEW_DEVICE_CODES: 'yes' })).toThrow(
      'NEW_DEVICE_CODES must be one of on, off (got "yes")',
    );
  });

  it.each([
    [{}, 'log'],
    [{ SENDGRID_API_KEY: 'SG.key' }, 'sendgrid'],
    [{ SMTP_URL: 'smtp://mail.example:587' }, 'smtp'],
    [{ SMTP_URL: 'smtp://mail.example:587', SENDGRID_API_KEY: 'SG.key' }, 'smtp'],
    [{ SMTP_URL: 'smtp://mail.example:587', MAIL_TRANSPORT: 'log' }, 'log'],
  ])('picks the mail transport from what is set: %j → %s', (env, transport) => {
    expect(loadConfig(env).mailTransport).toBe(transport);
  });

  it('accepts a bare sender address', () => {
    expect(loadConfig({ MAIL_FROM: 'help@shop.example' }).mailFrom).toEqual({
      name: undefined,
      address: 'help@shop.example',
    });
  });

  it('reports mail settings that cannot work, without echoing secrets', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ MAIL_TRANSPORT: 'smtp' })).toEqual(['MAIL_TRANSPORT is smtp but SMTP_URL is not set']);
    expect(problems({ MAIL_TRANSPORT: 'sendgrid' })).toEqual([
      'MAIL_TRANSPORT is sendgrid but SENDGRID_API_KEY is not set',
    ]);
    expect(problems({ MAIL_TRANSPORT: 'pigeon' })).toEqual([
      'MAIL_TRANSPORT must be one of log, smtp, sendgrid (got "pigeon")',
    ]);
    const smtp = problems({ SMTP_URL: 'http://user:s3cret@mail.example' });
    expect(smtp).toEqual(['SMTP_URL must start with smtp: or smtps://']);
    expect(problems({ SMTP_URL: 'smtp://user:s3cret@[bad' }).join()).not.toContain('s3cret');
    expect(problems({ MAIL_FROM: 'not an address' })).toEqual([
      'MAIL_FROM must be an address or "Name <address>" (got "not an address")',
    ]);
    expect(problems({ SENDGRID_BASE_URL: 'ftp://x' })).toEqual([
      'SENDGRID_BASE_URL must start with http: or https://',
    ]);
  });

  it('reports every problem at once, without echoing a URL that may hold a password', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '99999',
        DATABASE_URL: 'postgres://user:s3cret@[bad',
        LOG_LEVEL: 'chatty',
        ADMIN_PASSWORD: 'short',
        TRUST_PROXY: 'maybe',
        SESSION_CACHE_SECONDS: '301',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "99999")',
      'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      'ADMIN_PASSWORD must be at least 10 characters',
      'DATABASE_URL is not a valid URL',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")',
      'SESSION_CACHE_SECONDS must be a whole number from 0 to 300 (got "301")',
      'TRUST_PROXY must be true or false (got "maybe")',
    ]);
    expect((error as ConfigError).message).not.toContain('s3cret');
  });
});
