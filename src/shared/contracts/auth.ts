import { Type, type Static } from 'typebox';
import { LANGUAGES } from '../languages.js';
import { ROLES } from '../roles.js';
import { Timestamp } from './common.js';

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length, but an unbounded password is a cheap denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** Surrounding spaces are allowed here: the server trims and lower-cases every email it stores. */
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';
const Email = Type.String({ pattern: EMAIL_PATTERN, minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

export const RegisterBody = Type.Object(
  {
    fullName: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
    email: Email,
    password: Password,
    passwordConfirmation: Type.String({ maxLength: PASSWORD_MAX_LENGTH }),
    /** The language the customer was using the UI in; emails and routing follow it. */
    preferredLanguage: Type.Optional(Type.Enum([...LANGUAGES])),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const UserView = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  email: Type.String(),
  role: Type.Enum([...ROLES]),
  preferredLanguage: Type.Enum([...LANGUAGES]),
  /** Customers raise tickets only once their address is confirmed. */
  emailConfirmed: Type.Boolean(),
  /** Whether an authenticator app protects the account (staff only). */
  totpEnabled: Type.Boolean(),
  createdAt: Timestamp,
});
export type UserView = Static<typeof UserView>;

export const SessionResponse = Type.Object({
  user: UserView,
  /**
   * An admin requires an authenticator app for staff and this account has none yet: every API call
   * but enrolment (`/me/totp/*`), `GET /auth/session`, `PATCH /me` and sign-out answers 403
   * TOTP_SETUP_REQUIRED until it is set up.
   */
  totpSetupRequired: Type.Boolean(),
});

export const UpdateMeBody = Type.Object(
  { preferredLanguage: Type.Enum([...LANGUAGES]) },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;
export type SessionResponse = Static<typeof SessionResponse>;

/** Two-step verification at sign-in from a browser the account has not verified before. */
export const SIGN_IN_CODE_MINUTES = 10;
export const SIGN_IN_CODE_ATTEMPTS = 5;
/** How long a verified browser is remembered. */
export const TRUSTED_DEVICE_DAYS = 30;

export const VERIFICATION_METHODS = ['email', 'totp'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/**
 * 202 from `POST /auth/sign-in` (and `/auth/sign-in/resend`): the password was right, a second step is
 * needed. `email`: a 6-digit code was emailed; `totp`: the authenticator's code or a recovery code.
 */
export const SignInVerification = Type.Object({
  verification: Type.Object({
    method: Type.Enum([...VERIFICATION_METHODS]),
    expiresAt: Timestamp,
  }),
});
export type SignInVerification = Static<typeof SignInVerification>;

export const VerifySignInBody = Type.Object(
  {
    /** The emailed code, the authenticator's code, or a recovery code (`xxxx-xxxx`). */
    code: Type.String({ minLength: 1, maxLength: 32 }),
    /** Remember this browser for TRUSTED_DEVICE_DAYS (default true). */
    rememberDevice: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type VerifySignInBody = Static<typeof VerifySignInBody>;
