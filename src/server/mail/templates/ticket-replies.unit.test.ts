import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { replyEmail, type ReplyEmailInput } from './ticket-replies.js';

const input = (overrides: Partial<ReplyEmailInput> = {}): ReplyEmailInput => ({
  audience: 'toCustomer',
  language: 'en',
  recipientName: 'Asha <O’Neil>',
  reference: 'CCR-ABC123',
  subject: '<img src=x onerror=alert(1)> & "quotes"',
  link: 'https://help.example/customer/tickets/CCR-ABC123',
  replies: [
    { author: '<b>Ravi</b>', body: 'First line\nsecond <script>alert(1)</script> line' },
    { author: 'Meena', body: 'Is it "fixed" & done?' },
  ],
  more: 0,
  unsubscribeUrl: 'https://help.example/unsubscribe#token=abc',
  ...overrides,
});

const AUDIENCES = ['toCustomer', 'toAgent'] as const;

describe('reply email template', () => {
  it.each(LANGUAGES.flatMap((language) => AUDIENCES.map((audience) => [language, audience] as const)))(
    '%s %s: escapes every user-written text in the HTML, keeps it raw in the text',
    (language, audience) => {
      const email = replyEmail(input({ language, audience }));
      expect(email.html).not.toMatch(/<img|<script|<b>|onerror=alert\(1\)>/);
      expect(email.html).toContain('second &lt;script&gt;alert(1)&lt;/script&gt; line');
      expect(email.html).toContain('&lt;b&gt;Ravi&lt;/b&gt;');
      expect(email.text).toContain('First line\nsecond <script>alert(1)</script> line');
      expect(email.text).toContain('Is it "fixed" & done?');
      expect(email.text).toContain('CCR-ABC123');
      expect(email.subject).toContain('CCR-ABC123');
      expect(email.text).toContain('https://help.example/customer/tickets/CCR-ABC123');
      expect(email.subject).toContain('Customer Care Registry');
    },
  );

  it('lists the replies oldest first, each under its author, keeping line breaks in the HTML', () => {
    const email = replyEmail(input());
    expect(email.subject).toBe('Customer Care Registry: 2 new replies on your ticket CCR-ABC123');
    expect(email.text).toContain(
      [
        'Hello Asha <O’Neil>,',
        '',
        'There are 2 new replies on your ticket CCR-ABC123 “<img src=x onerror=alert(1)> & "quotes"”:',
        '',
        '<b>Ravi</b> wrote:',
        'First line',
        'second <script>alert(1)</script> line',
        '',
        'Meena wrote:',
        'Is it "fixed" & done?',
        '',
        'View the conversation and reply: https://help.example/customer/tickets/CCR-ABC123',
      ].join('\n'),
    );
    expect(email.html).toContain('First line<br>\nsecond');
    expect(email.html.indexOf('Ravi')).toBeLessThan(email.html.indexOf('Meena'));
  });

  it('says "a new reply" for one, and counts the replies it does not list', () => {
    const one = replyEmail(input({ replies: [{ author: 'Ravi', body: 'Done.' }] }));
    expect(one.subject).toBe('Customer Care Registry: new reply on your ticket CCR-ABC123');
    expect(one.text).toContain('There is a new reply on your ticket');

    const capped = replyEmail(input({ more: 3 }));
    expect(capped.subject).toContain('5 new replies');
    expect(capped.text).toContain('…and 3 more. Read them all on the ticket’s page.');
    expect(capped.html).toContain('…and 3 more.');
    expect(replyEmail(input({ language: 'hi', more: 3 })).text).toContain('…और 3 जवाब');
    expect(replyEmail(input({ language: 'ta', more: 3 })).text).toContain('…மேலும் 3 பதில்கள்');
  });

  it('adds the unsubscribe link only when given (the agent’s email has none)', () => {
    expect(replyEmail(input()).text).toContain(
      'Unsubscribe from ticket updates: https://help.example/unsubscribe#token=abc',
    );
    const toAgent = replyEmail(input({ audience: 'toAgent', unsubscribeUrl: undefined }));
    expect(toAgent.subject).toBe(
      'Customer Care Registry: 2 new replies from the customer on ticket CCR-ABC123',
    );
    expect(toAgent.text).not.toContain('nsubscribe');
    expect(toAgent.html).not.toContain('nsubscribe');
  });
});
