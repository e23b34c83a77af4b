import { RESET_LINK_MINUTES } from '../../../shared/contracts/account.js';
import type { Language } from '../../../shared/languages.js';
import { escapeHtml, htmlLayout } from './html.js';
import { PASSWORD_RESET_TEXT } from './password-reset.text.js';

/** The link the web app's reset page reads; the token sits in the fragment, never sent to a server log. */
export const resetLink = (publicUrl: string, token: string): string =>
  `${publicUrl}/reset-password#token=${encodeURIComponent(token)}`;

/** "Reset your password", in the account's preferred language. */
export function passwordResetEmail(input: {
  fullName: string;
  language: Language;
  publicUrl: string;
  token: string;
}) {
  const t = PASSWORD_RESET_TEXT[input.language];
  const link = resetLink(input.publicUrl, input.token);
  const expiry = t.expiry(RESET_LINK_MINUTES);
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
