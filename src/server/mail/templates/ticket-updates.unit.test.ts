import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { TICKET_STATUSES } from '../../../shared/tickets.js';
import { TICKET_TEXTS } from './ticket-texts.js';
import { ticketEmail, type TicketEmailKind, type TicketEmailInput } from './ticket-updates.js';

const KINDS: TicketEmailKind[] = ['received', 'assigned', 'assignedToYou', 'statusChanged', 'resolved'];

const input = (overrides: Partial<TicketEmailInput> = {}): TicketEmailInput => ({
  kind: 'statusChanged',
  language: 'en',
  recipientName: 'Asha "A" <O’Neil>',
  reference: 'CCR-ABC123',
  subject: '<img src=x onerror=alert(1)> & "quotes"',
  link: 'https://help.example/customer/tickets/CCR-ABC123',
  agentName: '<b>Ravi</b>',
  customerName: 'Eve <script>',
  from: 'in_progress',
  to: 'waiting_on_customer',
  unsubscribeUrl: 'https://help.example/unsubscribe#token=abc',
  ...overrides,
});

describe('ticket email templates', () => {
  it.each(LANGUAGES.flatMap((language) => KINDS.map((kind) => [language, kind] as const)))(
    '%s %s: escapes every user-written text in the HTML and keeps it raw in the text',
    (language, kind) => {
      const email = ticketEmail(input({ language, kind }));
      expect(email.html).not.toMatch(/<img|<script|<b>|onerror=alert\(1\)>/);
      expect(email.html).toContain('&lt;');
      expect(email.text).toContain('CCR-ABC123');
      expect(email.text).toContain('https://help.example/customer/tickets/CCR-ABC123');
      expect(email.subject).toContain('Customer Care Registry');
      expect(email.html).toContain('Customer Care Registry');
    },
  );

  it('writes statuses in words of the recipient’s language', () => {
    expect(ticketEmail(input()).text).toContain('from In progress to Waiting on customer');
    expect(ticketEmail(input({ language: 'hi' })).text).toContain('प्रगति में');
    expect(ticketEmail(input({ language: 'ta' })).text).toContain('செயல்பாட்டில்');
  });

  it('adds the unsubscribe link only when given (agents’ emails have none)', () => {
    expect(ticketEmail(input()).text).toContain(
      'Unsubscribe from ticket updates: https://help.example/unsubscribe#token=abc',
    );
    const agentEmail = ticketEmail(input({ kind: 'assignedToYou', unsubscribeUrl: undefined }));
    expect(agentEmail.text).not.toContain('nsubscribe');
    expect(agentEmail.html).not.toContain('nsubscribe');
  });

  it('has every status in every language', () => {
    for (const language of LANGUAGES) {
      for (const status of TICKET_STATUSES) expect(TICKET_TEXTS[language].status[status]).toBeTruthy();
    }
  });
});
