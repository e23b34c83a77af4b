import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the confirm email page', () => {
  it('posts the token from the address fragment once and refreshes a signed-in session', async () => {
    let confirmed = false;
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') {
        return sessionResponse(aUser('customer', { emailConfirmed: confirmed }));
      }
      if (method === 'POST' && path === '/api/v1/auth/confirm-email') {
        confirmed = true;
        return jsonResponse(200, { status: 'confirmed' });
      }
      return undefined;
    });
    const { queryClient } = renderApp('/confirm-email#token=tok-123');

    const done = await screen.findByText('Your email address is confirmed. You can now raise tickets.');
    expect(done.closest('[role="status"]')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to my tickets' }).getAttribute('href')).toBe(
      '/customer/tickets',
    );
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(jsonBody(posts[0]?.[1])).toEqual({ token: 'tok-123' });
    await waitFor(() =>
      expect(queryClient.getQueryData<{ emailConfirmed: boolean }>(['session'])?.emailConfirmed).toBe(true),
    );
  });

  it('offers to sign in when the browser is signed out', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/confirm-email') {
        return jsonResponse(200, { status: 'confirmed' });
      }
      return undefined;
    });
    renderApp('/confirm-email#token=tok-123');
    await screen.findByText('Your email address is confirmed. You can now raise tickets.');
    expect(screen.getByRole('link', { name: 'Go to sign in' }).getAttribute('href')).toBe('/sign-in');
  });

  it('says the link is invalid, used or expired when the server answers 400', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/confirm-email') {
        return jsonResponse(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Some fields are not valid',
            details: [{ field: 'token', message: 'This link is invalid, used or expired' }],
          },
        });
      }
      return undefined;
    });
    renderApp('/confirm-email#token=used');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This link is invalid, used or expired. Sign in and send yourself a new one.',
    );
  });

  it('sends nothing without a token', async () => {
    const fetchMock = stubApi((_method, path) =>
      path === '/api/v1/auth/session' ? sessionResponse(null) : undefined,
    );
    renderApp('/confirm-email');
    expect((await screen.findByRole('alert')).textContent).toContain('This link is invalid');
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/confirm-email');
  });
});
