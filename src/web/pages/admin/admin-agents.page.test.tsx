import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentView } from '../../../shared/contracts/agents.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const category = { id: 'cat-1', name: 'Returns', autoAssign: false, archived: false };
const farhan: AgentView = {
  id: 'agent-1',
  fullName: 'Farhan Ali',
  email: 'farhan@example.com',
  status: 'active',
  categories: [{ id: category.id, name: category.name }],
  languages: ['en', 'hi'],
  createdAt: '2025-01-15T10:00:00.000Z',
};

/** An admin with one active agent; records what is created and deactivated. */
function stubAgents() {
  let agents = [farhan];
  const fetchMock = stubApi((method, path, init) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview') {
      return jsonResponse(200, { accounts: { customer: 0, agent: 1, admin: 1 }, pendingAgentRequests: 0 });
    }
    if (path.startsWith('/api/v1/categories')) return jsonResponse(200, { items: [category] });
    if (method === 'GET' && path.startsWith('/api/v1/admin/agents')) {
      return jsonResponse(200, { items: agents, nextCursor: null });
    }
    if (method === 'POST' && path === '/api/v1/admin/agents') {
      const body = jsonBody(init) as { fullName: string; email: string };
      const created: AgentView = { ...farhan, id: 'agent-2', fullName: body.fullName, email: body.email };
      agents = [created, ...agents];
      return jsonResponse(201, {
        agent: created,
        invitationUrl: 'http://localhost/invitation#token=secret-token',
      });
    }
    if (method === 'POST' && path === '/api/v1/admin/agents/agent-1/deactivate') {
      agents = agents.map((agent) => (agent.id === 'agent-1' ? { ...agent, status: 'deactivated' } : agent));
      return jsonResponse(
        200,
        agents.find((agent) => agent.id === 'agent-1'),
      );
    }
    return undefined;
  });
  return fetchMock;
}

async function openAgents() {
  renderApp('/admin/agents');
  return screen.findByRole('row', { name: /Farhan Ali/ });
}

describe('the agents page', () => {
  it('creates an agent and shows the invitation link to copy', async () => {
    const fetchMock = stubAgents();
    await openAgents();

    fireEvent.click(screen.getByRole('button', { name: 'Add agent' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add an agent' });
    fireEvent.change(within(dialog).getByLabelText('Full name'), { target: { value: 'Deepa Raman' } });
    fireEvent.change(within(dialog).getByLabelText('Email'), { target: { value: 'deepa@example.com' } });
    fireEvent.click(await within(dialog).findByRole('checkbox', { name: 'Returns' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and invite' }));

    const link = await screen.findByLabelText('Invitation link for Deepa Raman');
    expect((link as HTMLInputElement).value).toBe('http://localhost/invitation#token=secret-token');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({
      fullName: 'Deepa Raman',
      email: 'deepa@example.com',
      categoryIds: ['cat-1'],
      languages: ['en'],
    });
    // The list behind the dialog has the new agent.
    expect(await screen.findByText('deepa@example.com')).toBeTruthy();
  });

  it('asks before deactivating, sends nothing on Cancel, and deactivates on confirm', async () => {
    const fetchMock = stubAgents();
    const row = await openAgents();

    fireEvent.click(within(row).getByRole('button', { name: 'Deactivate Farhan Ali' }));
    let dialog = await screen.findByRole('dialog', { name: 'Deactivate agent' });
    expect(within(dialog).getByText(/^Deactivate Farhan Ali\? They are signed out at once/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/admin/agents/agent-1/deactivate');

    fireEvent.click(within(row).getByRole('button', { name: 'Deactivate Farhan Ali' }));
    dialog = await screen.findByRole('dialog', { name: 'Deactivate agent' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByText('Farhan Ali was deactivated')).toBeTruthy();
    expect(requestsMade(fetchMock)).toContain('POST /api/v1/admin/agents/agent-1/deactivate');
    await waitFor(() =>
      expect(within(screen.getByRole('row', { name: /Farhan Ali/ })).getByText('Deactivated')).toBeTruthy(),
    );
    expect(screen.queryByRole('button', { name: 'Deactivate Farhan Ali' })).toBeNull();
  });
});
