import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { TicketSlaView } from '../../../shared/contracts/sla.js';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import { createQueryClient } from '../../api/query-client.js';
import { AppProviders } from '../../app/providers.js';
import { jsonBody, jsonResponse, stubApi } from '../../test-utils.js';
import { TicketSla } from './ticket-sla.js';

const NOW = new Date('2026-03-04T10:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE).toISOString();

function aTicket(sla: Partial<TicketSlaView>): TicketDetail {
  return {
    id: '0b6a4f38-1111-4c5e-9a1e-3b2f3c4d5e6f',
    reference: 'CCR-ABC123',
    subject: 'Parcel missing',
    status: 'in_progress',
    category: { id: 'c1', name: 'Delivery' },
    agent: { id: 'a1', firstName: 'Asha' },
    customer: { id: 'u1', fullName: 'Ravi Kumar', email: 'ravi@example.com' },
    language: 'en',
    createdAt: at(-30),
    updatedAt: at(-30),
    version: 3,
    unreadCount: 0,
    priority: 'high',
    sla: {
      firstResponseDueAt: at(-15),
      firstResponseAt: null,
      resolutionDueAt: at(130),
      resolutionPausedRemainingMs: null,
      state: 'breached',
      ...sla,
    },
    description: 'It never came',
    orderReference: null,
    resolvedAt: null,
    history: [],
    allowedStatuses: ['waiting_on_customer', 'resolved'],
    reads: [],
    rating: null,
    canRate: false,
  };
}

function renderSla(ticket: TicketDetail, canChange = true) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(
    <AppProviders queryClient={queryClient} env="test">
      <TicketSla ticket={ticket} ticketKey={ticket.reference} canChange={canChange} />
    </AppProviders>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it('shows how long is left and how late a target is, and keeps counting every minute', () => {
  renderSla(aTicket({}));
  expect(screen.getByText('Breached')).toBeTruthy();
  expect(screen.getByText(/overdue by 15 min/)).toBeTruthy();
  expect(screen.getByText(/due in 2 h 10 min/)).toBeTruthy();
  act(() => {
    vi.advanceTimersByTime(11 * MINUTE);
  });
  expect(screen.getByText(/overdue by 26 min/)).toBeTruthy();
  expect(screen.getByText(/due in 1 h 59 min/)).toBeTruthy();
});

it('shows a paused resolution clock with the time it has left', () => {
  renderSla(
    aTicket({
      firstResponseAt: at(-20),
      resolutionDueAt: null,
      resolutionPausedRemainingMs: 90 * MINUTE,
      state: 'paused',
    }),
  );
  expect(screen.getByText('Paused')).toBeTruthy();
  expect(screen.getByText('paused (1 h 30 min left)')).toBeTruthy();
});

it('sets the priority with the version the page holds', async () => {
  const fetchMock = stubApi((method, path, init) => {
    if (method === 'POST' && path === '/api/v1/tickets/CCR-ABC123/priority') {
      return jsonResponse(200, { ...aTicket({}), ...(jsonBody(init) as object), version: 4 });
    }
    return undefined;
  });
  renderSla(aTicket({}));
  fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
  await waitFor(() => expect(fetchMock).toHaveBeenCalled());
  expect(jsonBody(fetchMock.mock.calls[0]?.[1])).toEqual({ priority: 'urgent', version: 3 });
});

it('does not let someone who does not work the ticket change it', () => {
  renderSla(aTicket({}), false);
  expect(screen.getByLabelText<HTMLSelectElement>('Priority').disabled).toBe(true);
});
