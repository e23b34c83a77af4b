import { MailDeliveryError, scrub, type MailTransport, type OutgoingEmail } from './transport.js';

export const SENDGRID_DEFAULT_BASE_URL = 'https://api.sendgrid.com';

export interface SendgridTransportOptions {
  apiKey: string;
  /** Tests point it at a local server. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Statuses that say the request itself is wrong (bad key, refused sender, malformed email): no retry helps. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 413]);

/** The SendGrid v3 Mail Send request body for one email. */
export function sendgridBody(email: OutgoingEmail) {
  return {
    personalizations: [{ to: [{ email: email.to }] }],
    from: email.from.name
      ? { email: email.from.address, name: email.from.name }
      : { email: email.from.address },
    subject: email.subject,
    // SendGrid wants text/plain before text/html.
    content: [
      { type: 'text/plain', value: email.text },
      { type: 'text/html', value: email.html },
    ],
    headers: { ...email.headers, 'Message-ID': email.messageId },
  };
}

/** SendGrid's v3 Mail Send API over HTTPS (Node's fetch); 202 means accepted. */
export function createSendgridTransport(options: SendgridTransportOptions): MailTransport {
  const endpoint = `${(options.baseUrl ?? SENDGRID_DEFAULT_BASE_URL).replace(/\/+$/, '')}/v3/mail/send`;
  const timeout = options.timeoutMs ?? 30_000;
  const fail = (message: string, permanent: boolean) =>
    new MailDeliveryError(scrub(message, [options.apiKey]), permanent);

  return {
    name: 'sendgrid',
    async send(email) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.apiKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(sendgridBody(email)),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw fail(
          `SendGrid unreachable (${error instanceof Error ? error.message : String(error)}${cause})`,
          false,
        );
      }
      if (response.status === 202 || response.status === 200) {
        await response.body?.cancel();
        return;
      }
      const detail = await errorDetail(response);
      throw fail(
        `SendGrid answered ${response.status}${detail ? `: ${detail}` : ''}`,
        PERMANENT_STATUSES.has(response.status),
      );
    },
  };
}

/** The `errors[].message` SendGrid answers with, or the start of whatever else it sent. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { errors?: { message?: unknown }[] };
    const messages = (parsed.errors ?? []).map((e) => e.message).filter((m) => typeof m === 'string');
    if (messages.length > 0) return messages.join('; ');
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}
