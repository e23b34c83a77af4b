import type { FastifyError, FastifyInstance } from 'fastify';
import { EMAIL_PATTERN } from '../shared/contracts/auth.js';
import type { ErrorBody, ErrorCode, FieldError } from '../shared/errors.js';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: FieldError[],
    /** Extra response headers, such as Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Resource') => new AppError('NOT_FOUND', 404, `${what} not found`);

export const validationFailed = (details: FieldError[]) =>
  new AppError('VALIDATION_FAILED', 400, 'Some fields are not valid', details);

/** A password and its confirmation that differ. */
export const passwordMismatch = () =>
  validationFailed([{ field: 'passwordConfirmation', message: 'does not match the password' }]);

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's output into one message per field, named as the client sent it (`email`, `items.0.name`). */
export function fieldErrorsFromValidation(issues: AjvIssue[], part: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    let field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'required') {
      field = [field, String(issue.params.missingProperty)].filter(Boolean).join('.');
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties') {
      field = [field, String(issue.params.additionalProperty)].filter(Boolean).join('.');
      message = 'is not an allowed field';
    } else if (issue.keyword === 'pattern' && issue.params.pattern === EMAIL_PATTERN) {
      message = 'must be a valid email address';
    } else if (issue.keyword === 'pattern' && issue.params.pattern === '\\S') {
      message = 'must not be blank';
    } else if (issue.keyword === 'minLength') {
      message =
        issue.params.limit === 1
          ? 'must not be empty'
          : `must be at least ${String(issue.params.limit)} characters`;
    } else if (issue.keyword === 'maxLength') {
      message = `must be at most ${String(issue.params.limit)} characters`;
    } else if (issue.keyword === 'enum') {
      message = `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    }
    field ||= part;
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message });
  }
  return errors;
}

const body = (code: ErrorCode, message: string, details?: FieldError[]): ErrorBody => ({
  error: details ? { code, message, details } : { code, message },
});

/** One place turns every failure into `{ error: { code, message, details } }`; 5xx text is logged, not sent. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const details = fieldErrorsFromValidation(error.validation, part);
      return reply.status(400).send(body('VALIDATION_FAILED', 'Some fields are not valid', details));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'The request body is too large'));
    }
    if (status === 415) {
      return reply
        .status(415)
        .send(body('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'));
    }
    if (status === 429) {
      return reply.status(429).send(body('RATE_LIMITED', 'Too many requests, try again later'));
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, empty JSON body…) have safe, short messages.
      return reply.status(status).send(body('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side'));
  });
}
