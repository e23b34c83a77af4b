import type { Language } from '../../../shared/languages.js';
import { REOPEN_WINDOW_DAYS, type TicketStatus } from '../../../shared/tickets.js';
import { escapeHtml, htmlLayout } from './html.js';
import { TICKET_TEXTS, type TicketTextParams } from './ticket-texts.js';

export const PRODUCT_NAME = 'Customer Care Registry';

/** received/assigned/statusChanged/resolved go to the customer; assignedToYou to the agent. */
export type TicketEmailKind = 'received' | 'assigned' | 'assignedToYou' | 'statusChanged' | 'resolved';

export interface TicketEmailInput {
  kind: TicketEmailKind;
  /** The recipient's preferred language. */
  language: Language;
  /** How the greeting addresses the recipient. */
  recipientName: string;
  reference: string;
  /** The ticket's subject, as the customer wrote it. */
  subject: string;
  /** The ticket's page for this recipient. */
  link: string;
  /** The agent's first name (assigned). */
  agentName?: string;
  /** The customer's name (assignedToYou). */
  customerName?: string;
  from?: TicketStatus;
  to?: TicketStatus;
  /** Customer emails: the page that unsubscribes from ticket updates. */
  unsubscribeUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One ticket email in the recipient's language, as plain text and HTML (user text escaped). */
export function ticketEmail(input: TicketEmailInput): RenderedEmail {
  const texts = TICKET_TEXTS[input.language];
  const content = texts[input.kind];
  const raw: TicketTextParams = {
    product: PRODUCT_NAME,
    name: input.recipientName,
    reference: input.reference,
    subject: input.subject,
    agent: input.agentName ?? '',
    customer: input.customerName ?? '',
    from: input.from ? texts.status[input.from] : '',
    to: input.to ? texts.status[input.to] : '',
    days: String(REOPEN_WINDOW_DAYS),
  };
  const escaped = { ...raw };
  for (const key of Object.keys(raw) as (keyof TicketTextParams)[]) escaped[key] = escapeHtml(raw[key]);

  const subject = content.subject(raw);
  const unsubscribe = input.unsubscribeUrl;
  const text = [
    texts.hello(raw),
    '',
    content.body(raw),
    '',
    `${content.action}: ${input.link}`,
    ...(unsubscribe ? ['', '--', texts.unsubscribeReason(raw), `${texts.unsubscribe}: ${unsubscribe}`] : []),
  ].join('\n');
  const html = htmlLayout(
    subject,
    `<p>${texts.hello(escaped)}</p>
<p>${content.body(escaped)}</p>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(content.action)}</a></p>${
      unsubscribe
        ? `
<p style="color:#868e96;font-size:12px">${texts.unsubscribeReason(escaped)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(texts.unsubscribe)}</a></p>`
        : ''
    }`,
  );
  return { subject, text, html };
}
