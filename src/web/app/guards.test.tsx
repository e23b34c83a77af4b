import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserView } from '../../shared/contracts/auth.js';
import { aUser, sessionResponse } from '../test-fixtures.js';
import { renderApp, requestsMade, stubApi } from '../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const signedInAs = (user: UserView | null) =>
  stubApi((_method, path) => (path === '/api/v1/auth/session' ? sessionResponse(user) : undefined));

describe('route guards', () => {
  it('tells a customer the admin pages are not theirs, inside their own shell, without loading admin data', async () => {
    const fetchMock = signedInAs(aUser('customer'));
    renderApp('/admin/accounts');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'You do not have access to this page' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your dashboard' }).getAttribute('href')).toBe('/customer');
    // Their own shell: their name on the user menu, and only the customer navigation.
    expect(screen.getByRole('button', { name: 'Asha Rao' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Accounts/ })).toBeNull();
    expect(requestsMade(fetchMock).filter((request) => request.includes('/admin/'))).toEqual([]);
  });

  it('sends an anonymous visitor of a protected page to sign in', async () => {
    signedInAs(null);
    const { router } = renderApp('/customer');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('sends a signed-in user away from the sign-in page, and "/" to their home', async () => {
    signedInAs(aUser('agent'));
    const { router } = renderApp('/sign-in');

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Vikram' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/agent');

    await act(() => router.navigate('/'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/agent'));
  });

  it('answers an unknown address with "Page not found"', async () => {
    signedInAs(null);
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to sign in' }).getAttribute('href')).toBe('/sign-in');
  });
});
