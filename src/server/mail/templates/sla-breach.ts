import type { Language } from '../../../shared/languages.js';
import { escapeHtml, htmlLayout } from './html.js';

export type SlaTarget = 'first_response' | 'resolution';

export interface SlaBreachEmailInput {
  language: Language;
  recipientName: string;
  reference: string;
  /** The customer's subject: user text, escaped in the HTML. */
  subject: string;
  target: SlaTarget;
  /** When it was due, already formatted for the reader (UTC). */
  dueAt: string;
  link: string;
}

const TEXTS: Record<
  Language,
  {
    target: Record<SlaTarget, string>;
    subject: (reference: string, target: string) => string;
    hello: (name: string) => string;
    body: (reference: string, subject: string, target: string, due: string) => string;
    open: string;
  }
> = {
  en: {
    target: { first_response: 'first-response', resolution: 'resolution' },
    subject: (reference, target) => `Ticket ${reference} breached its ${target} target`,
    hello: (name) => `Hello ${name},`,
    body: (reference, subject, target, due) =>
      `Ticket ${reference} ("${subject}") missed its ${target} target, which was due at ${due}.`,
    open: 'Open the ticket',
  },
  hi: {
    target: { first_response: 'पहले जवाब', resolution: 'समाधान' },
    subject: (reference, target) => `टिकट ${reference} ने अपना ${target} लक्ष्य पार कर दिया`,
    hello: (name) => `नमस्ते ${name},`,
    body: (reference, subject, target, due) =>
      `टिकट ${reference} ("${subject}") का ${target} लक्ष्य ${due} तक था, और वह पूरा नहीं हुआ।`,
    open: 'टिकट खोलें',
  },
  ta: {
    target: { first_response: 'முதல் பதில்', resolution: 'தீர்வு' },
    subject: (reference, target) => `டிக்கெட் ${reference} தனது ${target} இலக்கைத் தாண்டிவிட்டது`,
    hello: (name) => `வணக்கம் ${name},`,
    body: (reference, subject, target, due) =>
      `டிக்கெட் ${reference} ("${subject}") இன் ${target} இலக்கு ${due} வரை இருந்தது; அது நிறைவேறவில்லை.`,
    open: 'டிக்கெட்டைத் திற',
  },
};

/** To the ticket's agent and every active admin, once per missed target. */
export function slaBreachEmail(input: SlaBreachEmailInput) {
  const texts = TEXTS[input.language];
  const target = texts.target[input.target];
  const subject = texts.subject(input.reference, target);
  const text = [
    texts.hello(input.recipientName),
    '',
    texts.body(input.reference, input.subject, target, input.dueAt),
    '',
    `${texts.open}: ${input.link}`,
  ].join('\n');
  const html = htmlLayout(
    subject,
    `<p>${escapeHtml(texts.hello(input.recipientName))}</p>
<p>${escapeHtml(texts.body(input.reference, input.subject, target, input.dueAt))}</p>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(texts.open)}</a></p>`,
  );
  return { subject, text, html };
}
