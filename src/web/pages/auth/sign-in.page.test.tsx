import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonResponse, renderApp, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function signInWith(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in page', () => {
  it('shows a wrong password in an alert', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/sign-in') {
        return jsonResponse(401, {
          error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is incorrect' },
        });
      }
      return undefined;
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    signInWith('asha@example.com', 'wrong-password');

    expect((await screen.findByRole('alert')).textContent).toContain('Email or password is incorrect');
  });

  it('says how long to wait when rate limited', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/sign-in') {
        return jsonResponse(
          429,
          { error: { code: 'RATE_LIMITED', message: 'Too many sign-in attempts. Try again later.' } },
          { 'retry-after': '95' },
        );
      }
      return undefined;
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });

    signInWith('asha@example.com', 'whatever-password');

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many sign-in attempts. Try again in 2 minutes.',
    );
  });

  it('requires both fields but accepts any stored email, such as admin@localhost', async () => {
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/sign-in')
        return jsonResponse(200, { user: aUser('admin') });
      return undefined;
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    signInWith('admin@localhost', 'admin-password-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Admin dashboard' })).toBeTruthy();
  });

  it('returns an anonymous visitor to the page they asked for after signing in', async () => {
    let user: ReturnType<typeof aUser> | null = null;
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(user);
      if (method === 'POST' && path === '/api/v1/auth/sign-in') {
        user = aUser('admin');
        return jsonResponse(200, { user });
      }
      if (path.startsWith('/api/v1/admin/users'))
        return jsonResponse(200, { items: [user], nextCursor: null });
      if (path === '/api/v1/admin/overview') {
        return jsonResponse(200, { accounts: { customer: 0, agent: 0, admin: 1 } });
      }
      return undefined;
    });
    const { router } = renderApp('/admin/accounts?role=admin');

    await screen.findByRole('heading', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/sign-in');

    signInWith('admin@example.com', 'admin-password-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
      '/admin/accounts?role=admin',
    );
  });
});
