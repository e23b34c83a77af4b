import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserView } from '../../../shared/contracts/auth.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonResponse, renderApp, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const customers = (from: number, count: number): UserView[] =>
  Array.from({ length: count }, (_, i) =>
    aUser('customer', {
      id: `c${from + i}`,
      fullName: `Customer ${from + i}`,
      email: `c${from + i}@example.com`,
    }),
  );

function stubAccounts() {
  const listRequests: string[] = [];
  const fetchMock = stubApi((_method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview') {
      return jsonResponse(200, { accounts: { customer: 25, agent: 0, admin: 1 } });
    }
    if (path.startsWith('/api/v1/admin/users')) {
      listRequests.push(path);
      const query = new URLSearchParams(path.split('?')[1]);
      if (query.get('role') === 'agent') return jsonResponse(200, { items: [], nextCursor: null });
      if (query.get('cursor') === 'page-2')
        return jsonResponse(200, { items: customers(21, 5), nextCursor: null });
      return jsonResponse(200, { items: customers(1, 20), nextCursor: 'page-2' });
    }
    return undefined;
  });
  return { fetchMock, listRequests };
}

const rowNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent);

describe('the accounts page', () => {
  it('pages forward with the server’s cursor and back again', async () => {
    const { listRequests } = stubAccounts();
    renderApp('/admin/accounts');

    expect(await screen.findByText('Customer 1')).toBeTruthy();
    expect(rowNames()).toHaveLength(20);
    const previous = screen.getByRole('button', { name: 'Previous' });
    expect(previous.hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Customer 21')).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect(listRequests.at(-1)).toContain('cursor=page-2');
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Customer 1')).toBeTruthy();
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('filters by role and says so when a role has no accounts', async () => {
    const { listRequests } = stubAccounts();
    const { router } = renderApp('/admin/accounts');
    await screen.findByText('Customer 1');

    const roleFilter = screen.getByRole('group', { name: 'Role' });
    fireEvent.click(within(roleFilter).getByLabelText('Agents'));

    expect(await screen.findByText('No accounts to show')).toBeTruthy();
    expect(listRequests.at(-1)).toContain('role=agent');
    expect(router.state.location.search).toBe('?role=agent');
  });
});
