import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../test-fixtures.js';
import { jsonResponse, renderApp, requestsMade, stubApi } from '../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const unconfirmed = aUser('customer', { email: 'asha@example.com', emailConfirmed: false });

/** A customer's pages; `resend` answers POST /me/confirmation-email. */
function stubCustomer(
  user = unconfirmed,
  resend: () => Response = () => jsonResponse(202, { status: 'sent' }),
) {
  return stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(user);
    if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
    if (method === 'POST' && path === '/api/v1/me/confirmation-email') return resend();
    return undefined;
  });
}

const BANNER = 'Confirm your email address — we sent a link to asha@example.com';

describe('the confirm-your-address banner', () => {
  it('shows on every customer page until the address is confirmed', async () => {
    stubCustomer();
    renderApp('/customer/tickets');
    const banner = await screen.findByRole('region', { name: 'Email address confirmation' });
    expect(banner.textContent).toContain(BANNER);
  });

  it('is not shown once the address is confirmed, nor to staff', async () => {
    stubCustomer(aUser('customer'));
    const { unmount } = renderApp('/customer');
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Asha' });
    expect(screen.queryByRole('region', { name: 'Email address confirmation' })).toBeNull();
    unmount();

    stubApi((_method, path) =>
      path === '/api/v1/auth/session'
        ? sessionResponse(aUser('agent', { emailConfirmed: false }))
        : jsonResponse(200, { items: [], nextCursor: null }),
    );
    renderApp('/agent');
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Vikram' });
    expect(screen.queryByRole('region', { name: 'Email address confirmation' })).toBeNull();
  });

  it('sends a new link and says so in a toast', async () => {
    const fetchMock = stubCustomer();
    renderApp('/customer');
    fireEvent.click(await screen.findByRole('button', { name: 'Send a new link' }));
    expect(
      await screen.findByText(
        'We sent a new link to asha@example.com. It works for 48 hours; earlier links no longer work.',
      ),
    ).toBeTruthy();
    expect(requestsMade(fetchMock)).toContain('POST /api/v1/me/confirmation-email');
  });

  it('says when to try again after too many requests', async () => {
    stubCustomer(unconfirmed, () =>
      jsonResponse(
        429,
        { error: { code: 'RATE_LIMITED', message: 'You asked for several links already.' } },
        { 'retry-after': '120' },
      ),
    );
    renderApp('/customer');
    fireEvent.click(await screen.findByRole('button', { name: 'Send a new link' }));
    expect(
      await screen.findByText('You asked for several links already. Try again in 2 minutes.'),
    ).toBeTruthy();
  });

  it('disappears when the server says the address is already confirmed', async () => {
    let user = unconfirmed;
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(user);
      if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
      if (method === 'POST' && path === '/api/v1/me/confirmation-email') {
        user = { ...unconfirmed, emailConfirmed: true };
        return jsonResponse(409, { error: { code: 'ALREADY_CONFIRMED', message: 'Already confirmed' } });
      }
      return undefined;
    });
    renderApp('/customer');
    fireEvent.click(await screen.findByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByText('Your email address is already confirmed.')).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Email address confirmation' })).toBeNull(),
    );
  });
});
