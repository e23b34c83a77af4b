/** The closed set of error codes the API answers with; the web client switches on them. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'ACCOUNT_PENDING',
  'ACCOUNT_REJECTED',
  'ACCOUNT_DEACTIVATED',
  /** A sign-in code or challenge that expired, was used, or was tried too often: sign in again. */
  'CODE_EXPIRED',
  /** An admin requires an authenticator app for staff, so it cannot be turned off. */
  'TOTP_REQUIRED',
  /** Staff who must set up an authenticator app before doing anything else. */
  'TOTP_SETUP_REQUIRED',
  'STALE_UPDATE',
  'INVALID_TRANSITION',
  /** An attachment whose content is not an accepted image or PDF (whatever its name says). */
  'UNSUPPORTED_FILE_TYPE',
  /** An attachment over the configured size limit. */
  'FILE_TOO_LARGE',
  /** The ticket is resolved or closed: nothing more can be added to its conversation. */
  'CONVERSATION_CLOSED',
  'EMAIL_NOT_CONFIRMED',
  'ALREADY_CONFIRMED',
  'CSRF_REJECTED',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: FieldError[] };
}

/** Header every state-changing API request must carry (see docs/ARCHITECTURE.md, CSRF). */
export const CSRF_HEADER = 'x-ccr-csrf';
