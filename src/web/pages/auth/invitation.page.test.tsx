import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const agent = aUser('agent', { fullName: 'Deepa Raman' });

function fillPasswords(password: string, confirmation = password) {
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Confirm password'), { target: { value: confirmation } });
  fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
}

describe('the invitation page', () => {
  it('posts the token from the address fragment, then opens the agent dashboard', async () => {
    let signedIn = false;
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(signedIn ? agent : null);
      if (method === 'POST' && path === '/api/v1/auth/invitation') {
        signedIn = true;
        return jsonResponse(200, { user: agent });
      }
      if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
      return undefined;
    });
    const { router } = renderApp('/invitation#token=tok-123');
    await screen.findByRole('heading', { level: 1, name: 'Set your password' });

    fillPasswords('long-enough-1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Deepa' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/agent');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({
      token: 'tok-123',
      password: 'long-enough-1',
      passwordConfirmation: 'long-enough-1',
    });
  });

  it('says the link is used or expired when the server answers 404', async () => {
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/invitation') {
        return jsonResponse(404, { error: { code: 'NOT_FOUND', message: 'Invitation not found' } });
      }
      return undefined;
    });
    const { router } = renderApp('/invitation#token=used-token');
    await screen.findByRole('heading', { level: 1, name: 'Set your password' });
    expect(screen.queryByRole('alert')).toBeNull();

    fillPasswords('long-enough-1');

    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invitation link is invalid, used or expired. Ask your admin for a new one.',
    );
    expect(router.state.location.pathname).toBe('/invitation');
  });

  it('checks the confirmation first, and without a token says the link is incomplete', async () => {
    const fetchMock = stubApi((_method, path) =>
      path === '/api/v1/auth/session' ? sessionResponse(null) : undefined,
    );
    renderApp('/invitation');
    await screen.findByRole('heading', { level: 1, name: 'Set your password' });

    expect(screen.getByRole('alert').textContent).toBe(
      'This invitation link is incomplete. Ask your admin for a new one.',
    );
    expect(screen.getByRole('button', { name: 'Set password and sign in' }).hasAttribute('disabled')).toBe(
      true,
    );

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long-enough-1' } });
    fireEvent.change(screen.getByLabelText('Confirm password'), { target: { value: 'different-1' } });
    fireEvent.submit(screen.getByLabelText('Password').closest('form') as HTMLFormElement);
    expect(await screen.findByText('Passwords do not match')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/invitation');
  });
});
