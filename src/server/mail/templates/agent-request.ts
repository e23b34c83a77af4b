import { escapeHtml, htmlLayout } from './html.js';

/** To every active admin when someone asks to join as an agent. */
export function agentRequestEmail(input: { agentName: string; agentEmail: string; publicUrl: string }) {
  const link = `${input.publicUrl}/admin/requests`;
  const subject = 'New agent request waiting';
  const text = [
    `${input.agentName} (${input.agentEmail}) asked to join as an agent.`,
    '',
    `Accept or reject the request: ${link}`,
  ].join('\n');
  const html = htmlLayout(
    subject,
    `<p><strong>${escapeHtml(input.agentName)}</strong> (${escapeHtml(input.agentEmail)}) asked to join as an agent.</p>
<p><a href="${escapeHtml(link)}">Accept or reject the request</a></p>`,
  );
  return { subject, text, html };
}
