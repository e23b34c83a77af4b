import { escapeHtml, htmlLayout } from './html.js';

/** To an agent an admin created: the single-use link where they choose a password. */
export function agentInvitationEmail(input: {
  agentName: string;
  invitationUrl: string;
  validHours: number;
}) {
  const subject = 'You are invited to Customer Care Registry';
  const text = [
    `Hello ${input.agentName},`,
    '',
    'An admin created an agent account for you. Choose your password here:',
    input.invitationUrl,
    '',
    `The link works once, for ${input.validHours} hours.`,
  ].join('\n');
  const html = htmlLayout(
    subject,
    `<p>Hello ${escapeHtml(input.agentName)},</p>
<p>An admin created an agent account for you.</p>
<p><a href="${escapeHtml(input.invitationUrl)}">Choose your password</a></p>
<p>The link works once, for ${input.validHours} hours.</p>`,
  );
  return { subject, text, html };
}
