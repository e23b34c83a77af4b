import nodemailer from 'nodemailer';
import { formatAddress, MailDeliveryError, scrub, type MailTransport } from './transport.js';

export interface SmtpTransportOptions {
  /**
   * `smtp://user:password@host:587` (STARTTLS when the server offers it) or
   * `smtps://user:password@host:465` (TLS from the start). nodemailer's query options work too,
   * e.g. `?requireTLS=true`.
   */
  url: string;
  /** Milliseconds to wait for the connection, the greeting and an idle socket. */
  timeoutMs?: number;
}

/** Errors nodemailer raises before it talks to a server about this email, that no retry fixes. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG']);

export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const password = passwordOf(options.url);
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  return {
    name: 'smtp',
    async send(email) {
      try {
        await transporter.sendMail({
          from: formatAddress(email.from),
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
          headers: email.headers,
        });
      } catch (error) {
        throw toDeliveryError(error, password);
      }
    },
    close: () => transporter.close(),
  };
}

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** 5xx replies (but 503, a session out of step) and malformed emails are permanent; the rest is not. */
export function toDeliveryError(error: unknown, password?: string): MailDeliveryError {
  if (!(error instanceof Error)) return new MailDeliveryError(String(error), false);
  const { permanent, responseCode, code } = error as Error & {
    permanent?: boolean;
    responseCode?: number;
    code?: string;
  };
  const isPermanent =
    permanent ??
    (responseCode !== undefined
      ? responseCode >= 500 && responseCode !== 503
      : code !== undefined && PERMANENT_CODES.has(code));
  const message = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return new MailDeliveryError(scrub(message, [password]), isPermanent);
}
