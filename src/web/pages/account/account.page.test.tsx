import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../../shared/contracts/account.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';
import { summariseUserAgent } from './user-agent.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const current: SessionView = {
  id: 's-current',
  current: true,
  createdAt: '2025-03-01T09:00:00.000Z',
  lastSeenAt: '2025-03-02T09:00:00.000Z',
  ip: '203.0.113.7',
  userAgent: CHROME_WINDOWS,
};
const phone: SessionView = {
  id: 's-phone',
  current: false,
  createdAt: '2025-02-01T09:00:00.000Z',
  lastSeenAt: '2025-02-20T09:00:00.000Z',
  ip: '198.51.100.4',
  userAgent: SAFARI_IPHONE,
};

function stubSessions(role: 'customer' | 'agent' = 'agent') {
  let signedIn = true;
  let sessions = [current, phone];
  const fetchMock = stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(signedIn ? aUser(role) : null);
    if (method === 'GET' && path.startsWith('/api/v1/me/sessions')) {
      return jsonResponse(200, { items: sessions, nextCursor: null });
    }
    if (method === 'DELETE' && path.startsWith('/api/v1/me/sessions/')) {
      const id = path.split('/').at(-1);
      sessions = sessions.filter((session) => session.id !== id);
      if (id === current.id) signedIn = false;
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && path === '/api/v1/me/sessions/sign-out-others') {
      sessions = sessions.filter((session) => session.current);
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
  return fetchMock;
}

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;

describe('summariseUserAgent', () => {
  it('names the browser and system', () => {
    expect(summariseUserAgent(CHROME_WINDOWS)).toEqual({ browser: 'Chrome', os: 'Windows' });
    expect(summariseUserAgent(SAFARI_IPHONE)).toEqual({ browser: 'Safari', os: 'iOS' });
    expect(summariseUserAgent(null)).toEqual({ browser: null, os: null });
  });
});

describe('the sessions page', () => {
  it('is in the user menu and marks this device', async () => {
    stubSessions();
    const { router } = renderApp('/agent');
    fireEvent.click(await screen.findByRole('button', { name: 'Vikram Iyer' }));
    expect(screen.queryByRole('menuitem', { name: 'Email notifications' })).toBeNull();
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Sessions and devices' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sessions and devices' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/account/sessions');
    await screen.findByText('Chrome on Windows');
    expect(within(rowOf('Chrome on Windows')).getByText('This device')).toBeTruthy();
    expect(within(rowOf('203.0.113.7')).getByText('Chrome on Windows')).toBeTruthy();
    expect(within(rowOf('Safari on iOS')).queryByText('This device')).toBeNull();
  });

  it('asks before signing another session out, and does nothing on Cancel', async () => {
    const fetchMock = stubSessions();
    renderApp('/account/sessions');
    await screen.findByText('Safari on iOS');

    fireEvent.click(within(rowOf('Safari on iOS')).getByRole('button', { name: /^Sign out/ }));
    let dialog = await screen.findByRole('dialog', { name: 'Sign out this session?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requestsMade(fetchMock).some((request) => request.startsWith('DELETE'))).toBe(false);

    fireEvent.click(within(rowOf('Safari on iOS')).getByRole('button', { name: /^Sign out/ }));
    dialog = await screen.findByRole('dialog', { name: 'Sign out this session?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.queryByText('Safari on iOS')).toBeNull());
    expect(requestsMade(fetchMock)).toContain('DELETE /api/v1/me/sessions/s-phone');
  });

  it('signs out all other devices after confirming', async () => {
    const fetchMock = stubSessions();
    renderApp('/account/sessions');
    await screen.findByText('Safari on iOS');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out all other devices' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out all other devices?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out all other devices' }));

    await waitFor(() => expect(screen.queryByText('Safari on iOS')).toBeNull());
    expect(requestsMade(fetchMock)).toContain('POST /api/v1/me/sessions/sign-out-others');
    expect(screen.getByText('Chrome on Windows')).toBeTruthy();
  });

  it('signing this device out goes to the sign-in page', async () => {
    const fetchMock = stubSessions();
    const { router } = renderApp('/account/sessions');
    await screen.findByText('Chrome on Windows');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out this device' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out this device?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(requestsMade(fetchMock)).toContain('DELETE /api/v1/me/sessions/s-current');
  });
});

describe('the email notifications page', () => {
  it('shows the saved preference and PATCHes a change', async () => {
    let ticketUpdates = true;
    const fetchMock = stubApi((method, path, init) => {
      if (path === '/api/v1/auth/session') return sessionResponse(aUser('customer'));
      if (path === '/api/v1/me/notifications') {
        if (method === 'PATCH') ticketUpdates = (jsonBody(init) as { ticketUpdates: boolean }).ticketUpdates;
        return jsonResponse(200, { ticketUpdates });
      }
      return undefined;
    });
    const { router } = renderApp('/customer');
    fireEvent.click(await screen.findByRole('button', { name: 'Asha Rao' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Email notifications' }));
    expect(router.state.location.pathname).toBe('/account/notifications');

    await screen.findByRole('heading', { level: 1, name: 'Email notifications' });
    const toggle = await screen.findByRole('switch', { name: 'Email me about my tickets' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBe('ticket-updates-hint');
    fireEvent.click(toggle);

    await waitFor(() =>
      expect(
        screen.getByRole<HTMLInputElement>('switch', { name: 'Email me about my tickets' }).checked,
      ).toBe(false),
    );
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(jsonBody(patch?.[1])).toEqual({ ticketUpdates: false });
  });

  it('is for customers only', async () => {
    const fetchMock = stubApi((_method, path) =>
      path === '/api/v1/auth/session' ? sessionResponse(aUser('agent')) : undefined,
    );
    renderApp('/account/notifications');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' }),
    ).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('GET /api/v1/me/notifications');
  });
});
