import type { TFunction } from 'i18next';
import { EMAIL_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../shared/contracts/auth.js';

/** A field's problem as a message key (rendered in the current language, so switching re-translates it). */
export type Problem =
  | {
      key:
        | 'fullNameRequired'
        | 'emailRequired'
        | 'emailInvalid'
        | 'emailTaken'
        | 'passwordRequired'
        | 'confirmationRequired'
        | 'passwordMismatch'
        | 'invalid';
    }
  | { key: 'passwordTooShort' | 'tooLong'; count: number };

export type Problems<F extends string> = Partial<Record<F, Problem>>;

export const problemText = (t: TFunction, problem: Problem): string =>
  'count' in problem
    ? t(`validation.${problem.key}`, { count: problem.count })
    : t(`validation.${problem.key}`);

const EMAIL = new RegExp(EMAIL_PATTERN);
const FULL_NAME_MAX_LENGTH = 120;

export const SIGN_IN_FIELDS = ['email', 'password'] as const;
export type SignInField = (typeof SIGN_IN_FIELDS)[number];

export const REGISTER_FIELDS = ['fullName', 'email', 'password', 'passwordConfirmation'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

/** Sign-in only needs both fields: any stored email (even admin@localhost) must be accepted. */
export function validateSignIn(values: Record<SignInField, string>): Problems<SignInField> {
  const problems: Problems<SignInField> = {};
  if (!values.email.trim()) problems.email = { key: 'emailRequired' };
  if (!values.password) problems.password = { key: 'passwordRequired' };
  return problems;
}

/** The same rules the server applies to a registration (RegisterBody), checked before sending. */
export function validateRegister(values: Record<RegisterField, string>): Problems<RegisterField> {
  const problems: Problems<RegisterField> = {};
  if (!values.fullName.trim()) problems.fullName = { key: 'fullNameRequired' };
  else if (values.fullName.length > FULL_NAME_MAX_LENGTH) {
    problems.fullName = { key: 'tooLong', count: FULL_NAME_MAX_LENGTH };
  }

  if (!values.email.trim()) problems.email = { key: 'emailRequired' };
  else if (!EMAIL.test(values.email) || values.email.trim().length > 254) {
    problems.email = { key: 'emailInvalid' };
  }

  if (!values.password) problems.password = { key: 'passwordRequired' };
  else if (values.password.length < PASSWORD_MIN_LENGTH) {
    problems.password = { key: 'passwordTooShort', count: PASSWORD_MIN_LENGTH };
  } else if (values.password.length > PASSWORD_MAX_LENGTH) {
    problems.password = { key: 'tooLong', count: PASSWORD_MAX_LENGTH };
  }

  if (!values.passwordConfirmation) problems.passwordConfirmation = { key: 'confirmationRequired' };
  else if (values.passwordConfirmation !== values.password) {
    problems.passwordConfirmation = { key: 'passwordMismatch' };
  }
  return problems;
}

const REQUIRED_KEYS: Record<string, Problem['key']> = {
  fullName: 'fullNameRequired',
  email: 'emailRequired',
  password: 'passwordRequired',
  passwordConfirmation: 'confirmationRequired',
};

/** Turns the server's field message (English, from the API) into one of our translated problems. */
export function problemFromServer(field: string, message: string): Problem {
  if (/^(is required|must not be empty|must not be blank)$/.test(message)) {
    const key = REQUIRED_KEYS[field];
    if (key) return { key } as Problem;
  }
  if (message === 'must be a valid email address') return { key: 'emailInvalid' };
  if (message === 'is already registered') return { key: 'emailTaken' };
  if (message === 'does not match the password') return { key: 'passwordMismatch' };
  const atLeast = /^must be at least (\d+) characters$/.exec(message);
  if (atLeast) return { key: 'passwordTooShort', count: Number(atLeast[1]) };
  const atMost = /^must be at most (\d+) characters$/.exec(message);
  if (atMost) return { key: 'tooLong', count: Number(atMost[1]) };
  return { key: 'invalid' };
}
