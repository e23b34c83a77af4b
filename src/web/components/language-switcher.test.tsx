import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage, currentLanguage } from '../i18n/index.js';
import { aUser, sessionResponse } from '../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../test-utils.js';

afterEach(async () => {
  vi.unstubAllGlobals();
  await changeLanguage('en');
});

describe('the language switcher', () => {
  it('when signed in, switches the interface and saves the language with PATCH /api/v1/me', async () => {
    const user = aUser('customer');
    const fetchMock = stubApi((method, path, init) => {
      if (path === '/api/v1/auth/session') return sessionResponse(user);
      if (path.startsWith('/api/v1/tickets')) return jsonResponse(200, { items: [], nextCursor: null });
      if (method === 'PATCH' && path === '/api/v1/me') {
        const body = jsonBody(init) as { preferredLanguage: 'hi' };
        return jsonResponse(200, { user: { ...user, ...body } });
      }
      return undefined;
    });
    renderApp('/customer');
    await screen.findByRole('heading', { level: 1, name: 'Welcome, Asha' });

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'hi' } });

    await waitFor(() => expect(requestsMade(fetchMock)).toContain('PATCH /api/v1/me'));
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(jsonBody(patch?.[1])).toEqual({ preferredLanguage: 'hi' });
    expect(currentLanguage()).toBe('hi');
    expect((await screen.findByLabelText<HTMLSelectElement>('भाषा')).value).toBe('hi');
  });

  it('when signed out, switches the interface without saving anything', async () => {
    const fetchMock = stubApi((_method, path) =>
      path === '/api/v1/auth/session' ? sessionResponse(null) : undefined,
    );
    renderApp('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ta' } });

    await waitFor(() => expect(currentLanguage()).toBe('ta'));
    expect(requestsMade(fetchMock)).not.toContain('PATCH /api/v1/me');
  });
});
