import { CONFIRM_LINK_HOURS } from '../../../shared/contracts/account.js';
import type { Language } from '../../../shared/languages.js';
import { CONFIRM_EMAIL_TEXT } from './confirm-email.text.js';
import { escapeHtml, htmlLayout } from './html.js';

/** The link the web app's confirmation page reads; the token sits in the fragment, never in a server log. */
export const confirmLink = (publicUrl: string, token: string): string =>
  `${publicUrl}/confirm-email#token=${encodeURIComponent(token)}`;

/** "Confirm your email address", in the account's preferred language. */
export function confirmEmailEmail(input: {
  fullName: string;
  language: Language;
  publicUrl: string;
  token: string;
}) {
  const t = CONFIRM_EMAIL_TEXT[input.language];
  const link = confirmLink(input.publicUrl, input.token);
  const expiry = t.expiry(CONFIRM_LINK_HOURS);
  const text = [
    t.greeting(input.fullName),
    '',
    t.intro,
    '',
    `${t.action}: ${link}`,
    '',
    expiry,
    t.ignore,
  ].join('\n');
  const html = htmlLayout(
    t.subject,
    `<p>${escapeHtml(t.greeting(input.fullName))}</p>
<p>${escapeHtml(t.intro)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p>
<p>${escapeHtml(expiry)}</p>
<p>${escapeHtml(t.ignore)}</p>`,
  );
  return { subject: t.subject, text, html };
}
