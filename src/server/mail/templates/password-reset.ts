import { RESET_LINK_MINUTES } from '../../../shared/contracts/account.js';
import type { Language } from '../../../shared/languages.js';
import { accountLinkEmail } from './account-link.js';
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
  return accountLinkEmail(t, { fullName: input.fullName, link, expiry });
}
