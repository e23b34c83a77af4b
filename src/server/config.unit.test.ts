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
      TRUST_PROXY: 'true',
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
      trustProxy: true,
    });
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
      'TRUST_PROXY must be true or false (got "maybe")',
    ]);
    expect((error as ConfigError).message).not.toContain('s3cret');
  });
});
