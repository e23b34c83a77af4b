import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SENT =
  'If an account exists for that email, we have sent a link to reset the password. It works for 30 minutes.';

describe('the forgot-password page', () => {
  it('is linked from sign-in, posts the email and says the same whatever the email', async () => {
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/forgot-password')
        return jsonResponse(202, { status: 'sent' });
      return undefined;
    });
    const { router, unmount } = renderApp('/sign-in');
    fireEvent.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' });
    expect(router.state.location.pathname).toBe('/forgot-password');

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' asha@example.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    const known = (await screen.findByRole('status')).textContent;
    expect(known).toBe(SENT);
    unmount();

    renderApp('/forgot-password');
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect((await screen.findByRole('status')).textContent).toBe(known);

    const bodies = fetchMock.mock.calls
      .filter(([, init]) => init?.method === 'POST')
      .map(([, init]) => jsonBody(init));
    expect(bodies).toEqual([{ email: 'asha@example.com' }, { email: 'nobody@example.com' }]);
  });

  it('checks the email first and shows the wait time when rate limited', async () => {
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/forgot-password') {
        return jsonResponse(
          429,
          { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
          { 'retry-after': '120' },
        );
      }
      return undefined;
    });
    renderApp('/forgot-password');
    fireEvent.click(await screen.findByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText('Enter your email address')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/forgot-password');

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'asha@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many requests. Try again in 2 minutes.');
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('the reset-password page', () => {
  function fill(password: string, confirmation = password) {
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
    fireEvent.change(screen.getByLabelText('Confirm password'), { target: { value: confirmation } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
  }

  it('posts the token from the fragment with the new password, then opens the user’s home', async () => {
    const customer = aUser('customer');
    let signedIn = false;
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(signedIn ? customer : null);
      if (method === 'POST' && path === '/api/v1/auth/reset-password') {
        signedIn = true;
        return jsonResponse(200, { user: customer });
      }
      if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
      return undefined;
    });
    const { router } = renderApp('/reset-password#token=reset-abc');
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' });

    fill('a-new-password-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Asha' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/customer');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({
      token: 'reset-abc',
      password: 'a-new-password-1',
      passwordConfirmation: 'a-new-password-1',
    });
  });

  it('catches a mismatched confirmation before sending', async () => {
    const fetchMock = stubApi((_method, path) =>
      path === '/api/v1/auth/session' ? sessionResponse(null) : undefined,
    );
    renderApp('/reset-password#token=reset-abc');
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' });

    fill('a-new-password-1', 'something-else-1');

    expect(await screen.findByText('Passwords do not match')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/reset-password');
  });

  it('says the link is invalid, used or expired on a token error, with a link to ask again', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/reset-password') {
        return jsonResponse(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Invalid token',
            details: [{ field: 'token', message: 'is invalid or expired' }],
          },
        });
      }
      return undefined;
    });
    const { router } = renderApp('/reset-password#token=old-token');
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' });

    fill('a-new-password-1');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This link is invalid, used or expired');
    fireEvent.click(screen.getByRole('link', { name: 'Request a new link' }));
    await screen.findByRole('heading', { level: 1, name: 'Forgot your password?' });
    expect(router.state.location.pathname).toBe('/forgot-password');
  });
});

describe('the unsubscribe page', () => {
  it('posts the token from the fragment at once, without signing in', async () => {
    const fetchMock = stubApi((method, path) => {
      if (method === 'POST' && path === '/api/v1/unsubscribe')
        return jsonResponse(200, { status: 'unsubscribed' });
      return undefined;
    });
    const { router } = renderApp('/unsubscribe#token=unsub-1');

    expect((await screen.findByText(/no longer receive/)).textContent).toBe(
      'You will no longer receive emails about your tickets. You can turn them back on in your account’s email notifications.',
    );
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(jsonBody(posts[0]?.[1])).toEqual({ token: 'unsub-1' });
    expect(router.state.location.pathname).toBe('/unsubscribe');
  });

  it('says the link is invalid or expired on 400', async () => {
    stubApi((method, path) => {
      if (method === 'POST' && path === '/api/v1/unsubscribe') {
        return jsonResponse(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Invalid token',
            details: [{ field: 'token', message: 'x' }],
          },
        });
      }
      return undefined;
    });
    renderApp('/unsubscribe#token=bad');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This unsubscribe link is invalid or expired',
    );
  });
});
