import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubSettings() {
  let settings = { requireStaffTotp: false };
  const sent: unknown[] = [];
  const fetchMock = stubApi((method, path, init) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin', { totpEnabled: true }));
    if (path === '/api/v1/admin/overview') {
      return jsonResponse(200, { accounts: { customer: 0, agent: 0, admin: 1 } });
    }
    if (path === '/api/v1/admin/security' && method === 'GET') return jsonResponse(200, settings);
    if (path === '/api/v1/admin/security' && method === 'PUT') {
      sent.push(jsonBody(init));
      settings = jsonBody(init) as typeof settings;
      return jsonResponse(200, settings);
    }
    return undefined;
  });
  return { fetchMock, sent };
}

describe('the admin settings page', () => {
  it('is in the navigation and asks before requiring an authenticator app for staff', async () => {
    const { fetchMock, sent } = stubSettings();
    const { router } = renderApp('/admin');
    fireEvent.click(await screen.findByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/admin/settings');

    const toggle = await screen.findByRole<HTMLInputElement>('switch', {
      name: 'Require an authenticator app for all staff',
    });
    expect(toggle.checked).toBe(false);

    fireEvent.click(toggle);
    const dialog = await screen.findByRole('dialog', { name: 'Require an authenticator app?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsMade(fetchMock)).not.toContain('PUT /api/v1/admin/security');
    expect(toggle.checked).toBe(false);

    fireEvent.click(toggle);
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Require an authenticator app?' })).getByRole(
        'button',
        {
          name: 'Require it',
        },
      ),
    );
    expect(await screen.findByText('Saved')).toBeTruthy();
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect(sent).toEqual([{ requireStaffTotp: true }]);

    // Turning it off needs no confirmation.
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(sent).toEqual([{ requireStaffTotp: true }, { requireStaffTotp: false }]);
  });
});
