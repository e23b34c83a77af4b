import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceView } from '../../../shared/contracts/account.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const laptop: DeviceView = {
  id: 'd-laptop',
  current: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  ip: '203.0.113.7',
  createdAt: '2025-03-01T09:00:00.000Z',
  lastUsedAt: '2025-03-02T09:00:00.000Z',
  expiresAt: '2025-03-31T09:00:00.000Z',
};
const phone: DeviceView = {
  id: 'd-phone',
  current: false,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  ip: '198.51.100.4',
  createdAt: '2025-02-01T09:00:00.000Z',
  lastUsedAt: '2025-02-20T09:00:00.000Z',
  expiresAt: '2025-03-03T09:00:00.000Z',
};

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;

describe('the remembered browsers page', () => {
  it('is in the user menu, marks this browser and forgets another after confirming', async () => {
    let devices = [laptop, phone];
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(aUser('customer'));
      if (method === 'GET' && path.startsWith('/api/v1/me/devices')) {
        return jsonResponse(200, { items: devices, nextCursor: null });
      }
      if (method === 'DELETE' && path === '/api/v1/me/devices/d-phone') {
        devices = devices.filter((device) => device.id !== 'd-phone');
        return new Response(null, { status: 204 });
      }
      if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
      return undefined;
    });
    const { router } = renderApp('/customer');
    fireEvent.click(await screen.findByRole('button', { name: 'Asha Rao' }));
    expect(screen.queryByRole('menuitem', { name: 'Authenticator app' })).toBeNull();
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Remembered browsers' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Remembered browsers' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/account/devices');
    await screen.findByText('Firefox on Linux');
    expect(within(rowOf('Firefox on Linux')).getByText('This browser')).toBeTruthy();
    expect(within(rowOf('Chrome on Android')).queryByText('This browser')).toBeNull();
    expect(within(rowOf('Chrome on Android')).getByText('198.51.100.4')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Forget Chrome, Android, 198.51.100.4' }));
    const dialog = await screen.findByRole('dialog', { name: 'Forget this browser?' });
    expect(within(dialog).getByText('Signing in there will ask for a code again.')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('DELETE /api/v1/me/devices/d-phone');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Forget' }));

    expect(await screen.findByText('Browser forgotten')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Chrome on Android')).toBeNull());
    expect(requestsMade(fetchMock)).toContain('DELETE /api/v1/me/devices/d-phone');
  });

  it('says so when no browser is remembered', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(aUser('agent'));
      if (path.startsWith('/api/v1/me/devices')) return jsonResponse(200, { items: [], nextCursor: null });
      return undefined;
    });
    renderApp('/account/devices');
    expect(await screen.findByText('No remembered browsers')).toBeTruthy();
  });
});
