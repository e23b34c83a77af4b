import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canReopen,
  canTransition,
  TICKET_STATUSES,
  type TicketStatus,
} from './tickets.js';

describe('ticket status transitions', () => {
  const staff: [TicketStatus, TicketStatus, boolean][] = [
    ['open', 'in_progress', false],
    ['open', 'resolved', false],
    ['assigned', 'in_progress', true],
    ['assigned', 'resolved', false],
    ['in_progress', 'waiting_on_customer', true],
    ['waiting_on_customer', 'in_progress', true],
    ['in_progress', 'resolved', true],
    ['waiting_on_customer', 'resolved', true],
    ['resolved', 'closed', true],
    ['resolved', 'reopened', false],
    ['reopened', 'in_progress', true],
    ['closed', 'reopened', false],
    ['closed', 'open', false],
  ];
  it.each(staff)('staff: %s → %s is %s', (from, to, allowed) => {
    expect(canTransition(from, to, 'staff')).toBe(allowed);
  });

  it('lets a customer only reopen a resolved ticket', () => {
    for (const from of TICKET_STATUSES) {
      expect(allowedTransitions(from, 'customer')).toEqual(from === 'resolved' ? ['reopened'] : []);
    }
  });

  it('never allows staying in place', () => {
    for (const status of TICKET_STATUSES) {
      expect(canTransition(status, status, 'staff')).toBe(false);
      expect(canTransition(status, status, 'customer')).toBe(false);
    }
  });

  it('allows reopening for seven days after resolution', () => {
    const resolved = new Date('2026-05-01T10:00:00Z');
    expect(canReopen(resolved, new Date('2026-05-08T10:00:00Z'))).toBe(true);
    expect(canReopen(resolved, new Date('2026-05-08T10:00:01Z'))).toBe(false);
  });
});
