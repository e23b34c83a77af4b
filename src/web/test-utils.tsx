import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from './api/query-client.js';
import { AppProviders } from './app/providers.js';
import { routes as appRoutes } from './app/routes.js';

/** A JSON Response like the API's. */
export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  });
}

export const hrefOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** The JSON a fake fetch was sent. */
export const jsonBody = (init: RequestInit | undefined): unknown =>
  typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;

type Handler = (method: string, path: string, init: RequestInit) => Response | undefined;

/**
 * Replaces global fetch with a fake API: `handler` answers a request or returns undefined (then the
 * fake answers 404). Returns the mock to inspect calls.
 */
export function stubApi(handler: Handler) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(hrefOf(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const response =
      handler(method, `${url.pathname}${url.search}`, init) ??
      jsonResponse(404, { error: { code: 'NOT_FOUND', message: 'No route' } });
    return Promise.resolve(response);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The requests the fake API received, as "METHOD /path". */
export const requestsMade = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.map(([input, init]) => {
    const url = new URL(hrefOf(input), 'http://localhost');
    return `${(init?.method ?? 'GET').toUpperCase()} ${url.pathname}`;
  });

/** Renders the real routes at `path` with fresh providers (no retries, so failures show at once). */
export function renderApp(path: string, routes: RouteObject[] = appRoutes) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router, queryClient };
}
