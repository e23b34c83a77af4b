import { escapeHtml, htmlLayout } from './html.js';

/** The words of an email whose point is one link (password reset, address confirmation). */
export interface AccountLinkTexts {
  subject: string;
  greeting: (fullName: string) => string;
  intro: string;
  action: string;
  ignore: string;
}

/** Greeting, why, the link, how long it works, and what to do if it was not you. */
export function accountLinkEmail(
  t: AccountLinkTexts,
  input: { fullName: string; link: string; expiry: string },
) {
  const { fullName, link, expiry } = input;
  const text = [t.greeting(fullName), '', t.intro, '', `${t.action}: ${link}`, '', expiry, t.ignore].join(
    '\n',
  );
  const html = htmlLayout(
    t.subject,
    `<p>${escapeHtml(t.greeting(fullName))}</p>
<p>${escapeHtml(t.intro)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p>
<p>${escapeHtml(expiry)}</p>
<p>${escapeHtml(t.ignore)}</p>`,
  );
  return { subject: t.subject, text, html };
}
