import { CONFIRM_LINK_HOURS } from '../../../shared/contracts/account.js';
import type { Language } from '../../../shared/languages.js';
import { CONFIRM_EMAIL_TEXT } from './confirm-email.text.js';
import { accountLinkEmail } from './account-link.js';

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
  return accountLinkEmail(t, { fullName: input.fullName, link, expiry });
}
