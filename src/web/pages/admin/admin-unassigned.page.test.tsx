import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentView } from '../../../shared/contracts/agents.js';
import type { TicketSummary } from '../../../shared/contracts/tickets.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const category = { id: 'cat-1', name: 'Returns' };
const agent: AgentView = {
  id: 'agent-1',
  fullName: 'Farhan Ali',
  email: 'farhan@example.com',
  status: 'active',
  categories: [category],
  languages: ['en'],
  createdAt: '2025-01-15T10:00:00.000Z',
};
const ticket: TicketSummary = {
  id: 'ticket-1',
  reference: 'CCR-AB12CD',
  subject: 'Return my shoes',
  status: 'open',
  category,
  agent: null,
  customer: { id: 'c1', fullName: 'Asha Rao', email: 'asha@example.com' },
  language: 'en',
  createdAt: '2025-02-01T10:00:00.000Z',
  updatedAt: '2025-02-01T10:00:00.000Z',
  version: 3,
  unreadCount: 0,
};

function stubUnassigned() {
  let assigned = false;
  const fetchMock = stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview') {
      return jsonResponse(200, { accounts: { customer: 1, agent: 1, admin: 1 }, pendingAgentRequests: 2 });
    }
    if (path.startsWith('/api/v1/admin/agents'))
      return jsonResponse(200, { items: [agent], nextCursor: null });
    if (path.startsWith('/api/v1/tickets?')) {
      return jsonResponse(200, { items: assigned ? [] : [ticket], nextCursor: null });
    }
    if (method === 'POST' && path === '/api/v1/tickets/ticket-1/assign') {
      assigned = true;
      return jsonResponse(200, {
        ...ticket,
        status: 'assigned',
        agent: { id: agent.id, firstName: 'Farhan' },
      });
    }
    return undefined;
  });
  return fetchMock;
}

describe('the unassigned tickets page', () => {
  it('asks for confirmation before assigning, and does nothing on Cancel', async () => {
    const fetchMock = stubUnassigned();
    renderApp('/admin/unassigned');
    const select = await screen.findByLabelText('Agent for CCR-AB12CD');
    await screen.findByRole('option', { name: 'Farhan Ali' });

    fireEvent.change(select, { target: { value: agent.id } });
    expect(await screen.findByText('Do you really want to assign the agent for this ticket?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/tickets/ticket-1/assign');
    expect((select as HTMLSelectElement).value).toBe('');
  });

  it('assigns on OK with the ticket’s version, then says there is nothing left to assign', async () => {
    const fetchMock = stubUnassigned();
    renderApp('/admin/unassigned');
    const select = await screen.findByLabelText('Agent for CCR-AB12CD');
    await screen.findByRole('option', { name: 'Farhan Ali' });

    fireEvent.change(select, { target: { value: agent.id } });
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));

    expect(await screen.findByText('There is nothing left to assign')).toBeTruthy();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({ agentId: agent.id, version: 3 });
    // The pending requests count shows beside "Requests" in the navigation.
    expect(screen.getByRole('link', { name: 'Requests' }).textContent).toContain('2');
  });
});
