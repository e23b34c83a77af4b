import type { Language } from '../../../shared/languages.js';
import { escapeHtml, htmlLayout } from './html.js';
import { REPLY_TEXTS, type ReplyTextParams } from './reply-texts.js';
import { TICKET_TEXTS, type TicketTextParams } from './ticket-texts.js';
import { PRODUCT_NAME, type RenderedEmail } from './ticket-updates.js';

export interface ReplyEmailInput {
  /** The customer hears from our team; the agent hears from the customer. */
  audience: 'toCustomer' | 'toAgent';
  /** The recipient's preferred language. */
  language: Language;
  recipientName: string;
  reference: string;
  subject: string;
  /** The ticket's page for this recipient. */
  link: string;
  /** The replies the email lists, oldest first. */
  replies: readonly { author: string; body: string }[];
  /** Replies of the same group beyond those listed. */
  more: number;
  /** Customer emails: the page that unsubscribes from ticket updates. */
  unsubscribeUrl?: string;
}

/** User text in HTML: escaped, its line breaks kept. */
const paragraphHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

/** The email about one or several new replies on a ticket, in the recipient's language. */
export function replyEmail(input: ReplyEmailInput): RenderedEmail {
  const ticketTexts = TICKET_TEXTS[input.language];
  const texts = REPLY_TEXTS[input.language];
  const audience = texts[input.audience];
  const count = input.replies.length + input.more;
  const raw: ReplyTextParams = {
    product: PRODUCT_NAME,
    reference: input.reference,
    subject: input.subject,
    count,
  };
  const escaped = { ...raw, reference: escapeHtml(raw.reference), subject: escapeHtml(raw.subject) };
  // The greeting and the unsubscribe lines are those of the other ticket emails.
  const shared: TicketTextParams = {
    product: PRODUCT_NAME,
    name: input.recipientName,
    reference: input.reference,
    subject: input.subject,
    agent: '',
    customer: '',
    from: '',
    to: '',
    days: '',
  };
  const hello = ticketTexts.hello(shared);
  const reason = ticketTexts.unsubscribeReason(shared);
  const form = count === 1 ? 'one' : 'many';
  const subject = audience.subject[form](raw);
  const unsubscribe = input.unsubscribeUrl;

  const text = [
    hello,
    '',
    audience.intro[form](raw),
    ...input.replies.flatMap((reply) => ['', texts.wrote(reply.author), reply.body]),
    ...(input.more > 0 ? ['', texts.more(input.more)] : []),
    '',
    `${audience.action}: ${input.link}`,
    ...(unsubscribe ? ['', '--', reason, `${ticketTexts.unsubscribe}: ${unsubscribe}`] : []),
  ].join('\n');

  const replies = input.replies
    .map(
      (reply) => `<p style="margin:16px 0 4px"><strong>${escapeHtml(texts.wrote(reply.author))}</strong></p>
<blockquote style="margin:0;padding:8px 12px;border-left:3px solid #dee2e6">${paragraphHtml(reply.body)}</blockquote>`,
    )
    .join('\n');
  const html = htmlLayout(
    subject,
    `<p>${paragraphHtml(hello)}</p>
<p>${audience.intro[form](escaped)}</p>
${replies}${input.more > 0 ? `\n<p>${escapeHtml(texts.more(input.more))}</p>` : ''}
<p><a href="${escapeHtml(input.link)}">${escapeHtml(audience.action)}</a></p>${
      unsubscribe
        ? `
<p style="color:#868e96;font-size:12px">${escapeHtml(reason)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(ticketTexts.unsubscribe)}</a></p>`
        : ''
    }`,
  );
  return { subject, text, html };
}
