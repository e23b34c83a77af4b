import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hrefOf, jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const signedOut = (method: string, path: string) =>
  method === 'GET' && path === '/api/v1/auth/session'
    ? jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue' } })
    : undefined;

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}

const valid = {
  'Full name': 'Asha Rao',
  Email: 'asha@example.com',
  Password: 'long-enough-1',
  'Confirm password': 'long-enough-1',
};

describe('the register page', () => {
  it('says "Passwords do not match" next to Confirm password and sends nothing', async () => {
    const fetchMock = stubApi(signedOut);
    renderApp('/register');
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });

    fill({ ...valid, 'Confirm password': 'something-else' });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const confirm = screen.getByLabelText('Confirm password');
    const message = await screen.findByText('Passwords do not match');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(confirm.getAttribute('aria-describedby')).toContain(message.id);
    expect(document.activeElement).toBe(confirm);
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/register');
  });

  it('checks required fields, the email shape and the password length before sending', async () => {
    const fetchMock = stubApi(signedOut);
    renderApp('/register');
    await screen.findByRole('heading', { name: 'Create an account' });

    fill({ Email: 'not-an-email', Password: 'short' });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter your full name')).toBeTruthy();
    expect(screen.getByText('Enter an email address like name@example.com')).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters')).toBeTruthy();
    expect(screen.getByText('Enter your password again')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/auth/register');
  });

  it('shows the server’s field error next to the field it names', async () => {
    stubApi((method, path) =>
      method === 'POST' && path === '/api/v1/auth/register'
        ? jsonResponse(409, {
            error: {
              code: 'CONFLICT',
              message: 'An account with this email already exists',
              details: [{ field: 'email', message: 'is already registered' }],
            },
          })
        : signedOut(method, path),
    );
    renderApp('/register');
    await screen.findByRole('heading', { name: 'Create an account' });

    fill(valid);
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const message = await screen.findByText('An account with this email already exists');
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('registers, then opens the customer dashboard', async () => {
    const fetchMock = stubApi((method, path) =>
      path.startsWith('/api/v1/tickets?')
        ? jsonResponse(200, { items: [], nextCursor: null })
        : method === 'POST' && path === '/api/v1/auth/register'
          ? jsonResponse(201, {
              user: {
                id: 'u1',
                fullName: 'Asha Rao',
                email: 'asha@example.com',
                role: 'customer',
                preferredLanguage: 'en',
                createdAt: '2025-01-15T10:00:00.000Z',
              },
            })
          : signedOut(method, path),
    );
    const { router } = renderApp('/register');
    await screen.findByRole('heading', { name: 'Create an account' });

    fill({ ...valid, Email: '  asha@example.com ' });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Asha' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/customer');
    const registerCall = fetchMock.mock.calls.find(([url]) => hrefOf(url).endsWith('/register'));
    expect(jsonBody(registerCall?.[1])).toEqual({
      fullName: 'Asha Rao',
      email: 'asha@example.com',
      password: 'long-enough-1',
      passwordConfirmation: 'long-enough-1',
      preferredLanguage: 'en',
    });
    await waitFor(() => expect(screen.getByText('You are yet to raise a ticket')).toBeTruthy());
  });
});
