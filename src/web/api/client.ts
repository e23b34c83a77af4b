import type { ErrorCode, FieldError } from '../../shared/errors.js';
import { CSRF_HEADER } from '../../shared/errors.js';

/** Codes the client adds for failures that never reached (or came back from) the API. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** Every failed API call, parsed from the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  /** Server-side field errors by field name (`email`, `passwordConfirmation`), first message per field. */
  readonly fieldErrors: Record<string, string>;
  /** Seconds to wait before retrying, from Retry-After (429, 503); null when not given. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    fieldErrors?: Record<string, string>;
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfter = init.retryAfter ?? null;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const API_BASE = '/api/v1';

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).field === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const error = (payload as { error?: unknown } | undefined)?.error;
  if (typeof error !== 'object' || error === null || typeof (error as { code?: unknown }).code !== 'string') {
    return new ApiError({
      status: response.status,
      code: 'UNEXPECTED_RESPONSE',
      message: `Unexpected response (HTTP ${response.status})`,
      retryAfter,
    });
  }
  const { code, message, details } = error as { code: ErrorCode; message?: unknown; details?: unknown };
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const detail of details) {
      if (isFieldError(detail) && !(detail.field in fieldErrors)) fieldErrors[detail.field] = detail.message;
    }
  }
  return new ApiError({
    status: response.status,
    code,
    message: typeof message === 'string' ? message : code,
    fieldErrors,
    retryAfter,
  });
}

/**
 * Calls the JSON API with the session cookie. State-changing requests carry the CSRF header; a
 * content type is only sent with a body. Resolves with the parsed body (undefined for 204) or
 * rejects with an ApiError.
 */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  const hasBody = options.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Could not reach the server' });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'UNEXPECTED_RESPONSE',
      message: 'The server answered with something other than JSON',
    });
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    apiRequest<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => apiRequest<T>('DELETE', path, options),
};

/** Sends one file as multipart/form-data (the browser writes the boundary); JSON answer as above. */
export async function apiUpload<T>(path: string, field: string, file: File): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  let response: Response;
  try {
    response = await fetch(buildUrl(path), {
      method: 'POST',
      headers: { accept: 'application/json', [CSRF_HEADER]: '1' },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Could not reach the server' });
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}
