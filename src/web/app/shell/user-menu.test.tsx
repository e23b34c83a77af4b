import { fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('signs out from the user menu and lands on the sign-in page', async () => {
  let signedIn = true;
  const fetchMock = stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(signedIn ? aUser('customer') : null);
    if (method === 'POST' && path === '/api/v1/auth/sign-out') {
      signedIn = false;
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
  const { router } = renderApp('/customer');

  fireEvent.click(await screen.findByRole('button', { name: 'Asha Rao' }));
  expect(await screen.findByText('customer@example.com', { selector: 'p' })).toBeTruthy();
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  expect(router.state.location.pathname).toBe('/sign-in');
  expect(requestsMade(fetchMock)).toContain('POST /api/v1/auth/sign-out');
});
