import { Type, type Static } from 'typebox';
import { EMAIL_PATTERN, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.js';
import { pageQuery, Timestamp, Nullable } from './common.js';

/** How long a password reset link works. */
export const RESET_LINK_MINUTES = 30;

/** Always answered the same way, whether or not the email has an account. */
export const ForgotPasswordBody = Type.Object(
  { email: Type.String({ pattern: EMAIL_PATTERN, minLength: 3, maxLength: 254 }) },
  { additionalProperties: false },
);
export type ForgotPasswordBody = Static<typeof ForgotPasswordBody>;

export const ForgotPasswordResponse = Type.Object({ status: Type.Literal('sent') });

/** The token comes from the emailed link `/reset-password#token=…`; success signs the user in. */
export const ResetPasswordBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    passwordConfirmation: Type.String({ maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const SessionView = Type.Object({
  /** Opaque id of the session (never the cookie's token). */
  id: Type.String(),
  current: Type.Boolean(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
});
export type SessionView = Static<typeof SessionView>;

export const SessionPage = Type.Object({
  items: Type.Array(SessionView),
  nextCursor: Nullable(Type.String()),
});
export type SessionPage = Static<typeof SessionPage>;

export const ListSessionsQuery = pageQuery({});
export type ListSessionsQuery = Static<typeof ListSessionsQuery>;

export const SessionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** A browser remembered after two-step verification: signing in there asks for no code. */
export const DeviceView = Type.Object({
  id: Type.String(),
  /** The browser this request comes from. */
  current: Type.Boolean(),
  userAgent: Nullable(Type.String()),
  /** Where it was verified from. */
  ip: Nullable(Type.String()),
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
  expiresAt: Timestamp,
});
export type DeviceView = Static<typeof DeviceView>;

export const DevicePage = Type.Object({
  items: Type.Array(DeviceView),
  nextCursor: Nullable(Type.String()),
});
export type DevicePage = Static<typeof DevicePage>;

export const ListDevicesQuery = pageQuery({});
export type ListDevicesQuery = Static<typeof ListDevicesQuery>;

export const DeviceParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const NotificationPreferences = Type.Object(
  {
    /** Emails about my tickets: agent assigned, status changed, ticket resolved. */
    ticketUpdates: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** From the unsubscribe link in an email (`/unsubscribe#token=…`); needs no sign-in. */
export const UnsubscribeBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type UnsubscribeBody = Static<typeof UnsubscribeBody>;

export const UnsubscribeResponse = Type.Object({ status: Type.Literal('unsubscribed') });

/** How long an address confirmation link works. */
export const CONFIRM_LINK_HOURS = 48;

/** From the link in the confirmation email (`/confirm-email#token=…`); needs no sign-in. */
export const ConfirmEmailBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type ConfirmEmailBody = Static<typeof ConfirmEmailBody>;

export const ConfirmEmailResponse = Type.Object({ status: Type.Literal('confirmed') });

export const ConfirmationEmailResponse = Type.Object({ status: Type.Literal('sent') });
