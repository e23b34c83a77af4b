import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { hrefOf, jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const verification = (method: 'email' | 'totp') =>
  jsonResponse(202, { verification: { method, expiresAt: '2030-01-01T10:10:00.000Z' } });

const wrongCode = (left: number) =>
  jsonResponse(400, {
    error: {
      code: 'VALIDATION_FAILED',
      message: 'Request validation failed',
      details: [{ field: 'code', message: `The code is incorrect (${left} attempts left)` }],
    },
  });

function signInWith(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

/** A fake API whose sign-in answers 202; `verify` answers the code. */
function stubTwoStep(method: 'email' | 'totp', verify: (code: string) => Response) {
  let user: ReturnType<typeof aUser> | null = null;
  return stubApi((httpMethod, path, init) => {
    if (path === '/api/v1/auth/session') return sessionResponse(user);
    if (httpMethod === 'POST' && path === '/api/v1/auth/sign-in') return verification(method);
    if (httpMethod === 'POST' && path === '/api/v1/auth/sign-in/verify') {
      const answer = verify((jsonBody(init) as { code: string }).code);
      if (answer.status === 200) user = aUser('customer');
      return answer;
    }
    if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
    return undefined;
  });
}

describe('the sign-in code step', () => {
  it('asks for the emailed code after the password, then signs in like a normal sign-in', async () => {
    const fetchMock = stubTwoStep('email', (code) =>
      code === '123456'
        ? jsonResponse(200, { user: aUser('customer'), totpSetupRequired: false })
        : wrongCode(4),
    );
    const { router } = renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });
    signInWith('customer@example.com', 'customer-password');

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText('We sent a 6-digit code to your email; it expires in 10 minutes.')).toBeTruthy();
    const input = screen.getByLabelText('Code from the email');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    const remember = screen.getByLabelText<HTMLInputElement>('Remember this browser for 30 days');
    expect(remember.checked).toBe(true);
    fireEvent.click(remember);

    fireEvent.change(input, { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Asha' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/customer');
    const verifyCall = fetchMock.mock.calls.find(([input]) => hrefOf(input).endsWith('/sign-in/verify'));
    expect(jsonBody(verifyCall?.[1])).toEqual({ code: '123456', rememberDevice: false });
  });

  it('shows a wrong code under the field, with the attempts left', async () => {
    stubTwoStep('email', () => wrongCode(3));
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });
    signInWith('customer@example.com', 'customer-password');
    const input = await screen.findByLabelText('Code from the email');

    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Enter the code')).toBeTruthy();

    fireEvent.change(input, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('The code is incorrect (3 attempts left)')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('heading', { level: 1, name: 'Check your email' })).toBeTruthy();
  });

  it('goes back to the password step when the code expired', async () => {
    stubTwoStep('email', () =>
      jsonResponse(400, {
        error: {
          code: 'CODE_EXPIRED',
          message: 'This code has expired or was tried too often. Sign in again.',
        },
      }),
    );
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });
    signInWith('customer@example.com', 'customer-password');
    fireEvent.change(await screen.findByLabelText('Code from the email'), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'That code has expired or was tried too often. Sign in again to get a new one.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('customer@example.com');
  });

  it('sends a new code, and says how long to wait when that is rate limited', async () => {
    let resends = 0;
    const fetchMock = stubApi((method, path) => {
      if (path === '/api/v1/auth/session') return sessionResponse(null);
      if (method === 'POST' && path === '/api/v1/auth/sign-in') return verification('email');
      if (method === 'POST' && path === '/api/v1/auth/sign-in/resend') {
        resends += 1;
        return resends === 1
          ? verification('email')
          : jsonResponse(
              429,
              { error: { code: 'RATE_LIMITED', message: 'Too many codes' } },
              { 'retry-after': '600' },
            );
      }
      return undefined;
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });
    signInWith('customer@example.com', 'customer-password');
    await screen.findByRole('heading', { name: 'Check your email' });

    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'We sent a new code. The previous one no longer works.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many sign-in attempts. Try again in 10 minutes.',
    );
    expect(requestsMade(fetchMock).filter((request) => request.endsWith('/resend'))).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });

  it('asks for the authenticator or a recovery code when the account has an app', async () => {
    stubTwoStep('totp', (code) =>
      code === 'abcd-efgh'
        ? jsonResponse(200, { user: aUser('customer'), totpSetupRequired: false })
        : wrongCode(4),
    );
    renderApp('/sign-in');
    await screen.findByRole('heading', { name: 'Sign in' });
    signInWith('customer@example.com', 'customer-password');

    expect(await screen.findByRole('heading', { level: 1, name: 'Two-step verification' })).toBeTruthy();
    expect(screen.getByText('Enter the code from your authenticator app, or a recovery code.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send a new code' })).toBeNull();
    const input = screen.getByLabelText('Authenticator or recovery code');
    expect(input.getAttribute('inputmode')).toBe('text');
    fireEvent.change(input, { target: { value: 'abcd-efgh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Welcome, Asha' })).toBeTruthy(),
    );
  });
});
