import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Wherever these appear in a log line they are replaced, whatever logged them. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-ccr-csrf"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordConfirmation',
  '*.token',
  '*.passwordHash',
];

/** JSON lines for machines; readable colours only when a person watches a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, pretty = process.stdout.isTTY): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
