import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../shared/tickets.js';
import {
  canReply,
  canSee,
  canSeeInternal,
  canWork,
  canWriteInternal,
  pickUpOutcome,
  statusesFor,
  type PickUpOutcome,
  type TicketFacts,
  type Viewer,
} from './tickets.policy.js';
import { parseTicketKey, newReference, REFERENCE_PATTERN } from './reference.js';

const CATEGORY = 'cat-1';
const OTHER_CATEGORY = 'cat-2';
const NOW = new Date('2025-06-10T12:00:00Z');
const DAY = 24 * 3_600_000;

const viewers = {
  owner: { id: 'customer-1', role: 'customer', categoryIds: [] },
  otherCustomer: { id: 'customer-2', role: 'customer', categoryIds: [] },
  assignedAgent: { id: 'agent-1', role: 'agent', categoryIds: [CATEGORY] },
  categoryAgent: { id: 'agent-2', role: 'agent', categoryIds: [CATEGORY] },
  outsideAgent: { id: 'agent-3', role: 'agent', categoryIds: [OTHER_CATEGORY] },
  admin: { id: 'admin-1', role: 'admin', categoryIds: [] },
} satisfies Record<string, Viewer>;
type Who = keyof typeof viewers;

const ticket = (fields: Partial<TicketFacts> = {}): TicketFacts => ({
  customerId: 'customer-1',
  agentId: 'agent-1',
  categoryId: CATEGORY,
  status: 'in_progress',
  resolvedAt: null,
  ...fields,
});
const unassigned = ticket({ agentId: null, status: 'open' });
const assigned = ticket();

describe('who may see, reply, work and write notes', () => {
  // [who, ticket, see, reply, work (status + internal notes)]
  const cases: [Who, string, TicketFacts, boolean, boolean, boolean][] = [
    ['owner', 'assigned', assigned, true, true, false],
    ['otherCustomer', 'assigned', assigned, false, false, false],
    ['assignedAgent', 'assigned', assigned, true, true, true],
    ['categoryAgent', 'assigned', assigned, false, false, false],
    ['outsideAgent', 'assigned', assigned, false, false, false],
    ['admin', 'assigned', assigned, true, true, true],
    ['owner', 'unassigned', unassigned, true, true, false],
    ['categoryAgent', 'unassigned', unassigned, true, false, false],
    ['outsideAgent', 'unassigned', unassigned, false, false, false],
    ['admin', 'unassigned', unassigned, true, true, true],
    // Returned to an agent's category but not open (cannot happen through the API): not pickable, not visible.
    [
      'categoryAgent',
      'unassigned resolved',
      ticket({ agentId: null, status: 'resolved' }),
      false,
      false,
      false,
    ],
  ];
  it.each(cases)('%s on an %s ticket: see %s, reply %s, work %s', (who, _name, facts, see, reply, work) => {
    const viewer = viewers[who];
    expect(canSee(viewer, facts)).toBe(see);
    expect(canReply(viewer, facts)).toBe(reply);
    expect(canWork(viewer, facts)).toBe(work);
    expect(canWriteInternal(viewer, facts)).toBe(work);
  });

  it.each([
    ['owner', false],
    ['assignedAgent', true],
    ['admin', true],
  ] as const)('%s sees internal notes: %s', (who, expected) => {
    expect(canSeeInternal(viewers[who])).toBe(expected);
  });
});

describe('statuses offered to the caller', () => {
  const cases: [Who, TicketStatus, Date | null, TicketStatus[]][] = [
    ['assignedAgent', 'assigned', null, ['in_progress']],
    ['assignedAgent', 'in_progress', null, ['waiting_on_customer', 'resolved']],
    ['assignedAgent', 'resolved', new Date(NOW.getTime() - DAY), ['closed']],
    ['admin', 'waiting_on_customer', null, ['in_progress', 'resolved']],
    ['admin', 'open', null, []],
    ['categoryAgent', 'in_progress', null, []],
    ['owner', 'in_progress', null, []],
    ['owner', 'resolved', new Date(NOW.getTime() - DAY), ['reopened']],
    ['owner', 'resolved', new Date(NOW.getTime() - 7 * DAY), ['reopened']],
    ['owner', 'resolved', new Date(NOW.getTime() - 7 * DAY - 1), []],
    ['owner', 'closed', new Date(NOW.getTime() - DAY), []],
    ['otherCustomer', 'resolved', new Date(NOW.getTime() - DAY), []],
  ];
  it.each(cases)('%s, ticket %s (resolved %s) → %j', (who, status, resolvedAt, expected) => {
    expect(statusesFor(viewers[who], ticket({ status, resolvedAt }), NOW)).toEqual(expected);
  });
});

describe('picking up a ticket', () => {
  const cases: [Who, string, TicketFacts, PickUpOutcome][] = [
    ['categoryAgent', 'unassigned in their category', unassigned, 'ok'],
    ['assignedAgent', 'their own', assigned, 'already-yours'],
    ['categoryAgent', 'taken by a colleague', assigned, 'taken'],
    ['outsideAgent', 'unassigned elsewhere', unassigned, 'not-found'],
    ['outsideAgent', 'taken elsewhere', assigned, 'not-found'],
    ['admin', 'unassigned', unassigned, 'not-found'],
    ['owner', 'unassigned', unassigned, 'not-found'],
  ];
  it.each(cases)('%s, %s → %s', (who, _name, facts, expected) => {
    expect(pickUpOutcome(viewers[who], facts)).toBe(expected);
  });
});

describe('references', () => {
  it('draws CCR- and six unambiguous characters, different each time', () => {
    const drawn = Array.from({ length: 200 }, () => newReference());
    for (const reference of drawn) expect(reference).toMatch(/^CCR-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    expect(new Set(drawn).size).toBe(200);
    expect(REFERENCE_PATTERN.test('CCR-0O1I2L')).toBe(false);
  });

  it.each([
    ['CCR-4K7Q2M', { reference: 'CCR-4K7Q2M' }],
    ['ccr-4k7q2m', { reference: 'CCR-4K7Q2M' }],
    ['0F8FAD5B-D9CB-469F-A165-70867728950E', { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['CCR-4K7Q2', undefined],
    ['CCR-0000OO', undefined],
    ['drop table', undefined],
  ])('reads %s as %j', (raw, expected) => {
    expect(parseTicketKey(raw)).toEqual(expected);
  });
});
