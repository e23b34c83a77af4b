import { SIGN_IN_CODE_MINUTES } from '../../../shared/contracts/auth.js';
import type { Language } from '../../../shared/languages.js';
import { escapeHtml, htmlLayout } from './html.js';
import { SIGN_IN_CODE_TEXT } from './sign-in-code.text.js';

/** Long User-Agent strings are cut: the email names the browser, it does not archive headers. */
const USER_AGENT_MAX = 160;

/** "Your sign-in code": the 6-digit code for a new browser, where the sign-in comes from, what to do if it wasn't you. */
export function signInCodeEmail(input: {
  fullName: string;
  language: Language;
  publicUrl: string;
  code: string;
  userAgent: string | undefined;
  ip: string;
}) {
  const t = SIGN_IN_CODE_TEXT[input.language];
  const expiry = t.expiry(SIGN_IN_CODE_MINUTES);
  const browser = input.userAgent?.trim().slice(0, USER_AGENT_MAX) || t.unknownBrowser;
  const where = `${t.where}: ${browser} (${input.ip})`;
  const passwordLink = `${input.publicUrl}/forgot-password`;
  const text = [
    t.greeting(input.fullName),
    '',
    t.intro,
    '',
    `    ${input.code}`,
    '',
    expiry,
    where,
    '',
    t.notYou,
    `${t.changePassword}: ${passwordLink}`,
  ].join('\n');
  const html = htmlLayout(
    t.subject,
    `<p>${escapeHtml(t.greeting(input.fullName))}</p>
<p>${escapeHtml(t.intro)}</p>
<p style="font-size:28px;font-weight:600;letter-spacing:6px;font-family:ui-monospace,Menlo,Consolas,monospace">${escapeHtml(input.code)}</p>
<p>${escapeHtml(expiry)}</p>
<p>${escapeHtml(where)}</p>
<p>${escapeHtml(t.notYou)} <a href="${escapeHtml(passwordLink)}">${escapeHtml(t.changePassword)}</a></p>`,
  );
  return { subject: t.subject, text, html };
}
