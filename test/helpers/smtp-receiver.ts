import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { MailDeps } from '../../src/server/app.js';
import { createSmtpTransport } from '../../src/server/mail/transports/smtp.js';

export interface ReceivedEmail {
  mail: ParsedMail;
  /** The envelope recipients, as the server saw them. */
  rcptTo: string[];
  /** True when the session ran over TLS (smtps or after STARTTLS). */
  secure: boolean;
}

/** A refusal the receiver answers with, e.g. { code: 451, message: 'try later' }. */
export interface Refusal {
  code: number;
  message: string;
  /** When: at RCPT TO or after the DATA. Default 'data'. */
  at?: 'rcpt' | 'data';
}

export interface SmtpReceiver {
  port: number;
  /** `smtp://user:password@127.0.0.1:port` for the transport. */
  url: string;
  received: ReceivedEmail[];
  /** Set to refuse what arrives; undefined to accept. */
  refuse: Refusal | undefined;
  /** How many DATA/RCPT commands were refused so far. */
  refusals: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const SMTP_USER = 'mailer';
export const SMTP_PASSWORD = 'smtp p@ss word';

/** A port nobody listens on (taken and released), for "the server is down" and a later start. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const refusal = (refuse: Refusal) => Object.assign(new Error(refuse.message), { responseCode: refuse.code });

/**
 * A real SMTP server in the test process (smtp-server), requiring AUTH with SMTP_USER/SMTP_PASSWORD;
 * what it accepts is parsed with mailparser. Not started until start(); `tls: true` offers STARTTLS
 * with smtp-server's self-signed certificate.
 */
export async function createSmtpReceiver(
  options: { port?: number; tls?: boolean } = {},
): Promise<SmtpReceiver> {
  const port = options.port ?? (await freePort());
  let server: SMTPServer | undefined;
  const receiver: SmtpReceiver = {
    port,
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
    received: [],
    refuse: undefined,
    refusals: 0,
    async start() {
      server = new SMTPServer({
        logger: false,
        hideSTARTTLS: !options.tls,
        allowInsecureAuth: true,
        authMethods: ['PLAIN', 'LOGIN'],
        onAuth(auth, _session, callback) {
          if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
            callback(null, { user: auth.username });
          } else {
            callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
          }
        },
        onRcptTo(_address, _session, callback) {
          const refuse = receiver.refuse;
          if (refuse?.at === 'rcpt') {
            receiver.refusals += 1;
            callback(refusal(refuse));
            return;
          }
          callback();
        },
        onData(stream, session: SMTPServerSession, callback) {
          simpleParser(stream)
            .then((mail) => {
              const refuse = receiver.refuse;
              if (refuse && refuse.at !== 'rcpt') {
                receiver.refusals += 1;
                callback(refusal(refuse));
                return;
              }
              receiver.received.push({
                mail,
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
                secure: session.secure,
              });
              callback();
            })
            .catch((error: unknown) => callback(error as Error));
        },
      });
      const started = server;
      await new Promise<void>((resolve, reject) => {
        started.once('error', reject);
        started.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  return receiver;
}

/** Message-IDs of what arrived, in order. */
export const messageIds = (receiver: SmtpReceiver): string[] =>
  receiver.received.map((r) => r.mail.messageId ?? '');

/** Polls `check` until it answers true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** App mail settings that deliver to this receiver, with a worker polling and backing off in milliseconds. */
export function deliverTo(receiver: SmtpReceiver, extra: Omit<MailDeps, 'transport'> = {}): MailDeps {
  return {
    ...extra,
    transport: createSmtpTransport({ url: receiver.url, timeoutMs: 2000 }),
    worker: { pollIntervalMs: 20, backoff: { baseMs: 40, maxMs: 200 }, ...extra.worker },
  };
}
