import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './outbox-worker.js';
import { messageIdDomain, newMessageId } from './outbox.js';
import { agentRequestEmail } from './templates/agent-request.js';
import { escapeHtml } from './templates/html.js';
import { toDeliveryError } from './transports/smtp.js';
import { formatAddress, scrub } from './transports/transport.js';

describe('retryDelayMs', () => {
  const backoff = { baseMs: 30_000, maxMs: 3_600_000 };

  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [20, 3_600_000],
  ])('after %i failed attempts waits %i ms without jitter', (attempts, delay) => {
    expect(retryDelayMs(attempts, backoff, () => 0)).toBe(delay);
  });

  it('takes off at most a quarter as jitter', () => {
    expect(retryDelayMs(2, backoff, () => 1)).toBe(45_000);
    expect(retryDelayMs(2, backoff, () => 0.5)).toBe(52_500);
  });
});

describe('toDeliveryError (SMTP)', () => {
  const smtpError = (fields: Record<string, unknown> & { message?: string }) =>
    Object.assign(new Error(fields.message ?? 'failed'), fields);

  it.each([
    ['a 550 refusal', { responseCode: 550 }, true],
    ['a 535 bad login', { responseCode: 535, code: 'EAUTH' }, true],
    ['a 503 out-of-step session', { responseCode: 503 }, false],
    ['a 451 greylisting', { responseCode: 451 }, false],
    ['a refused connection', { code: 'ESOCKET' }, false],
    ['a timeout', { code: 'ETIMEDOUT' }, false],
    ['an email without recipients', { code: 'EENVELOPE' }, true],
    ["nodemailer's own verdict", { responseCode: 550, permanent: false }, false],
  ])('%s', (_case, fields, permanent) => {
    expect(toDeliveryError(smtpError(fields)).permanent).toBe(permanent);
  });

  it('names the code and removes the password', () => {
    const error = toDeliveryError(
      smtpError({ code: 'EAUTH', message: 'Invalid login for hunter2' }),
      'hunter2',
    );
    expect(error.message).toBe('EAUTH: Invalid login for ***');
  });
});

describe('helpers', () => {
  it('escapes every character that could open markup', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('builds Message-IDs on the public host', () => {
    expect(messageIdDomain('https://help.shop.example:8443/base')).toBe('help.shop.example');
    expect(newMessageId('ccr.local')).toMatch(/^<[0-9a-f-]{36}@ccr\.local>$/);
  });

  it('formats a sender, quoting a name that needs it', () => {
    expect(formatAddress({ address: 'a@example.com' })).toBe('a@example.com');
    expect(formatAddress({ name: 'Help Desk', address: 'a@example.com' })).toBe('Help Desk <a@example.com>');
    expect(formatAddress({ name: 'Shop, Inc.', address: 'a@example.com' })).toBe(
      '"Shop, Inc." <a@example.com>',
    );
  });

  it('keeps stored errors short', () => {
    expect(scrub('x'.repeat(5000), [])).toHaveLength(1000);
  });
});

describe('the agent request email', () => {
  it('names the agent, escaped in HTML, and links to the requests page', () => {
    const email = agentRequestEmail({
      agentName: 'Ravi <b>"Bold"</b>',
      agentEmail: 'ravi@example.com',
      publicUrl: 'https://help.shop.example',
    });
    expect(email.subject).toBe('New agent request waiting');
    expect(email.text).toBe(
      'Ravi <b>"Bold"</b> (ravi@example.com) asked to join as an agent.\n\n' +
        'Accept or reject the request: https://help.shop.example/admin/requests',
    );
    expect(email.html).toContain('<strong>Ravi &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;</strong>');
    expect(email.html).toContain('<a href="https://help.shop.example/admin/requests">');
  });
});
