/** A mailbox: the address and, optionally, the display name. */
export interface MailAddress {
  address: string;
  name?: string | undefined;
}

/** One email ready to leave: what the outbox row holds plus the sender. */
export interface OutgoingEmail {
  /** With the angle brackets: `<uuid@host>`. The same on every retry. */
  messageId: string;
  from: MailAddress;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type TransportName = 'log' | 'smtp' | 'sendgrid';

/** Where the outbox worker hands emails to. `send` resolves once the provider accepted the email. */
export interface MailTransport {
  readonly name: TransportName;
  send(email: OutgoingEmail): Promise<void>;
  /** Releases connections; called when the app closes. */
  close?(): void;
}

/**
 * Why a send failed. `permanent`: trying the same email again would fail the same way (a refused
 * recipient, a rejected API key), so the worker gives up; otherwise it retries later. The message is
 * stored in the outbox and shown to admins, so it must never hold a secret.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** Removes every occurrence of the given secrets from a message, and keeps it short. */
export function scrub(message: string, secrets: (string | undefined)[]): string {
  let clean = message;
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join('***');
  }
  return clean.length > 1000 ? `${clean.slice(0, 999)}…` : clean;
}

/** `Name <address>`, with the name quoted when it holds characters that need it. */
export function formatAddress(mailbox: MailAddress): string {
  if (!mailbox.name) return mailbox.address;
  const name = /^[\w .'-]*$/.test(mailbox.name) ? mailbox.name : JSON.stringify(mailbox.name);
  return `${name} <${mailbox.address}>`;
}
