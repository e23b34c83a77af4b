import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH } from './auth.js';

/** How many one-time recovery codes an authenticator comes with. */
export const RECOVERY_CODE_COUNT = 10;

/** The secret to add to an authenticator app; not in use until `POST /me/totp/enable` confirms a code. */
export const TotpSetupResponse = Type.Object({
  /** Base32, for typing into the app by hand. */
  secret: Type.String(),
  otpauthUrl: Type.String(),
  /** The otpauth URL as an SVG QR code. */
  qrCodeSvg: Type.String(),
});
export type TotpSetupResponse = Static<typeof TotpSetupResponse>;

export const EnableTotpBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 16 }) },
  { additionalProperties: false },
);
export type EnableTotpBody = Static<typeof EnableTotpBody>;

/** Shown once: only their hashes are kept. Each works once, in place of an authenticator code. */
export const RecoveryCodesResponse = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodesResponse = Static<typeof RecoveryCodesResponse>;

/** Turning the authenticator off and replacing recovery codes ask for the password again. */
export const PasswordBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;

export const SecuritySettings = Type.Object(
  {
    /** Agents and admins must use an authenticator app; until they set one up they can do nothing else. */
    requireStaffTotp: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;
