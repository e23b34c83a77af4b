import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonBody, jsonResponse } from '../test-utils.js';
import { api, ApiError } from './client.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const headersOf = (init: RequestInit | undefined) => new Headers(init?.headers);

describe('api client', () => {
  it('sends a POST with the CSRF header, a JSON body and the session cookie', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { user: { id: 'u1' } }));

    const result = await api.post<{ user: { id: string } }>('/auth/sign-in', {
      email: 'a@b.co',
      password: 'x',
    });

    expect(result.user.id).toBe('u1');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/auth/sign-in');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(headersOf(init).get('x-ccr-csrf')).toBe('1');
    expect(headersOf(init).get('content-type')).toBe('application/json');
    expect(jsonBody(init)).toEqual({ email: 'a@b.co', password: 'x' });
  });

  it('sends no content type on a POST without a body, and resolves 204 with undefined', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));

    await expect(api.post('/auth/sign-out')).resolves.toBeUndefined();

    const init = fetchMock.mock.calls[0]?.[1];
    expect(headersOf(init).get('x-ccr-csrf')).toBe('1');
    expect(headersOf(init).has('content-type')).toBe(false);
    expect(init?.body).toBeUndefined();
  });

  it('sends GETs without the CSRF header and with the query string, skipping empty values', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { items: [], nextCursor: null }));

    await api.get('/admin/users', { query: { role: 'agent', cursor: undefined, limit: 20 } });

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/admin/users?role=agent&limit=20');
    expect(headersOf(init).has('x-ccr-csrf')).toBe(false);
  });

  it('turns an error body into an ApiError with its code, message and field errors', async () => {
    stubFetch(
      jsonResponse(409, {
        error: {
          code: 'CONFLICT',
          message: 'An account with this email already exists',
          details: [
            { field: 'email', message: 'is already registered' },
            { field: 'email', message: 'a second message for the same field is ignored' },
          ],
        },
      }),
    );

    const error = await api.post('/auth/register', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'An account with this email already exists',
      fieldErrors: { email: 'is already registered' },
      retryAfter: null,
    });
  });

  it('reads Retry-After on 429', async () => {
    stubFetch(
      jsonResponse(
        429,
        { error: { code: 'RATE_LIMITED', message: 'Too many sign-in attempts. Try again later.' } },
        { 'retry-after': '120' },
      ),
    );

    const error = await api.post('/auth/sign-in', {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 120, fieldErrors: {} });
  });

  it('reports a body that is not the error shape, and a network failure, as ApiErrors too', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.get('/auth/session')).rejects.toMatchObject({
      status: 502,
      code: 'UNEXPECTED_RESPONSE',
    });

    stubFetch(new TypeError('Failed to fetch'));
    await expect(api.get('/auth/session')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
