import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.js';

/** "Try again in 40 seconds" / "in 3 minutes"; "later" when the server gave no Retry-After. */
export function rateLimitText(t: TFunction, retryAfter: number | null): string {
  if (retryAfter === null) return t('errors.rateLimited');
  if (retryAfter < 60) return t('errors.rateLimitedSeconds', { count: Math.max(1, retryAfter) });
  return t('errors.rateLimitedMinutes', { count: Math.ceil(retryAfter / 60) });
}

/** A failed request, said in the interface language (the server's English text is for logs and the API). */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('errors.invalidCredentials');
    case 'RATE_LIMITED':
      return rateLimitText(t, error.retryAfter);
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'CONFLICT':
      return t('errors.validation');
    case 'NETWORK_ERROR':
      return t('errors.network');
    case 'UNAUTHENTICATED':
      return t('errors.unauthenticated');
    case 'FORBIDDEN':
    case 'CSRF_REJECTED':
      return t('errors.forbidden');
    case 'ACCOUNT_PENDING':
      return t('errors.accountPending');
    case 'ACCOUNT_REJECTED':
      return t('errors.accountRejected');
    case 'ACCOUNT_DEACTIVATED':
      return t('errors.accountDeactivated');
    case 'NOT_FOUND':
      return t('errors.notFound');
    case 'STALE_UPDATE':
      return t('errors.staleUpdate');
    case 'INVALID_TRANSITION':
      return t('errors.invalidTransition');
    case 'EMAIL_NOT_CONFIRMED':
      return t('errors.emailNotConfirmed');
    case 'ALREADY_CONFIRMED':
      return t('errors.alreadyConfirmed');
    case 'CODE_EXPIRED':
      return t('errors.codeExpired');
    case 'TOTP_REQUIRED':
      return t('errors.totpRequired');
    case 'TOTP_SETUP_REQUIRED':
      return t('errors.totpSetupRequired');
    case 'UNAVAILABLE':
      return t('errors.unavailable');
    default:
      return t('errors.generic');
  }
}
