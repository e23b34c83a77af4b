import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntryView } from '../../../shared/contracts/audit.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonResponse, renderApp, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const anEntry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: '1',
  createdAt: '2026-03-01T10:00:00.000Z',
  actor: { id: 'u-admin', name: 'Asha Admin', email: 'asha@shop.example' },
  actorEmail: 'asha@shop.example',
  action: 'ticket.reassigned',
  targetType: 'ticket',
  targetId: 't1',
  targetLabel: 'CCR-4K7Q2M',
  details: { from: 'ravi@shop.example', to: 'meena@shop.example' },
  ip: null,
  ...overrides,
});

const reassigned = anEntry({});
const automatic = anEntry({
  id: '2',
  actor: null,
  actorEmail: null,
  action: 'ticket.assigned',
  targetLabel: 'CCR-9ZZZZZ',
  details: { from: null, to: 'meena@shop.example', automatic: true },
});
const failed = anEntry({
  id: '3',
  actor: null,
  actorEmail: 'ravi@shop.example',
  action: 'staff.sign_in_failed',
  targetType: 'user',
  targetLabel: 'ravi@shop.example',
  details: { reason: 'wrong_password' },
  ip: '203.0.113.9',
});
const renamed = anEntry({
  id: '4',
  action: 'category.updated',
  targetType: 'category',
  targetLabel: '<b>Refunds</b>',
  details: { name: { from: 'Returns', to: '<b>Refunds</b>' } },
});

function stubAudit({ empty = false } = {}) {
  const listRequests: URLSearchParams[] = [];
  stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview')
      return jsonResponse(200, { accounts: { customer: 1, agent: 0, admin: 1 }, pendingAgentRequests: 0 });
    if (method === 'GET' && path.startsWith('/api/v1/admin/audit')) {
      const params = new URLSearchParams(path.split('?')[1] ?? '');
      listRequests.push(params);
      if (empty) return jsonResponse(200, { items: [], nextCursor: null });
      if (params.get('cursor') === 'page-2') return jsonResponse(200, { items: [renamed], nextCursor: null });
      return jsonResponse(200, { items: [reassigned, automatic, failed], nextCursor: 'page-2' });
    }
    return undefined;
  });
  return { listRequests };
}

describe('the audit trail', () => {
  it('shows who did what to what, readably, with the details in plain text', async () => {
    stubAudit();
    renderApp('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeTruthy();
    const table = await screen.findByRole('table');
    await within(table).findByText('Ticket reassigned');
    const [first, second, third] = within(table).getAllByRole('row').slice(1);

    expect(within(first!).getByText('Asha Admin')).toBeTruthy();
    expect(within(first!).getByRole('link', { name: 'CCR-4K7Q2M' }).getAttribute('href')).toBe(
      '/admin/tickets/CCR-4K7Q2M',
    );
    expect(within(first!).getByText('ravi@shop.example → meena@shop.example')).toBeTruthy();

    expect(within(second!).getByText('System')).toBeTruthy();
    expect(within(second!).getByText('Ticket assigned')).toBeTruthy();
    expect(within(second!).getByText('— → meena@shop.example · automatic')).toBeTruthy();

    expect(within(third!).getByText('Sign-in failed')).toBeTruthy();
    expect(within(third!).getByText('Not signed in')).toBeTruthy();
    expect(within(third!).getAllByText('ravi@shop.example')).toHaveLength(2);
    expect(within(third!).getByText('from 203.0.113.9')).toBeTruthy();
    expect(within(third!).getByText('Reason: wrong password')).toBeTruthy();

    expect(screen.getByRole('link', { name: 'Audit' }).getAttribute('aria-current')).toBe('page');
  });

  it('pages with Next and never renders user text as HTML', async () => {
    const { listRequests } = stubAudit();
    renderApp('/admin/audit');
    await within(await screen.findByRole('table')).findByText('Ticket reassigned');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Category changed')).toBeTruthy();
    expect(listRequests.at(-1)?.get('cursor')).toBe('page-2');
    expect(within(table).getByText('<b>Refunds</b>')).toBeTruthy();
    expect(within(table).getByText('Name: Returns → <b>Refunds</b>')).toBeTruthy();
    expect(table.querySelector('b')).toBeNull();
  });

  it('filters by who, action group and dates, and exports with the same filters', async () => {
    const { listRequests } = stubAudit();
    const { router } = renderApp('/admin/audit');
    await within(await screen.findByRole('table')).findByText('Ticket reassigned');

    const form = screen.getByRole('search', { name: 'Audit filters' });
    fireEvent.change(within(form).getByLabelText('Action'), { target: { value: 'agent.' } });
    await waitFor(() => expect(listRequests.at(-1)?.get('action')).toBe('agent.'));
    const who = within(form).getByLabelText('Who');
    fireEvent.change(who, { target: { value: 'asha' } });
    fireEvent.submit(form);
    await waitFor(() => expect(listRequests.at(-1)?.get('actor')).toBe('asha'));
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: '2026-03-31' } });
    await waitFor(() => expect(listRequests.at(-1)?.get('to')).toBe('2026-03-31'));
    const last = listRequests.at(-1);
    expect([last?.get('action'), last?.get('actor'), last?.get('from')]).toEqual([
      'agent.',
      'asha',
      '2026-03-01',
    ]);

    expect(new URLSearchParams(router.state.location.search).get('actor')).toBe('asha');
    const exportLink = screen.getByRole('link', { name: 'Export CSV' });
    expect(exportLink.getAttribute('href')).toBe(
      '/api/v1/admin/audit/export?actor=asha&action=agent.&from=2026-03-01&to=2026-03-31',
    );
    expect(exportLink.hasAttribute('download')).toBe(true);
    // The action list is grouped, each group with its "all" choice.
    const agents = within(form).getByRole('group', { name: 'Agents' });
    expect(within(agents).getByRole('option', { name: 'All agent actions' })).toBeTruthy();
    expect(within(agents).getByRole('option', { name: 'Agent deactivated' })).toBeTruthy();
  }, 20_000);

  it('says when nothing was recorded yet', async () => {
    stubAudit({ empty: true });
    renderApp('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeTruthy();
    expect(await screen.findByText('Nothing recorded yet', undefined, { timeout: 4000 })).toBeTruthy();
  });
});
