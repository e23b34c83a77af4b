import type { RecoveryCodesResponse, TotpSetupResponse } from '../../../shared/contracts/two-factor.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { AppError, validationFailed } from '../../errors.js';
import { verifyPassword } from '../../security/passwords.js';
import { createRateLimitRepo, enforceLimit, type Limit } from '../../security/rate-limit.repo.js';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHash } from './recovery-codes.js';
import type { SecuritySettingsService } from './security-settings.service.js';
import { createTwoFactorRepo } from './two-factor.repo.js';
import { cleanCode, newTotpSecret, otpauthUrl, qrCodeSvg, TOTP_CODE, totpStep } from './totp.js';

/** Password confirmations per account, so a borrowed session cannot guess the password here. */
const PASSWORD_CHECKS: Limit = { max: 10, windowSeconds: 15 * 60 };

const conflict = (message: string) => new AppError('CONFLICT', 409, message);

/** Authenticator apps (TOTP) and their one-time recovery codes, for agents and admins. */
export function createTwoFactorService(db: Db, deps: { now: () => Date; security: SecuritySettingsService }) {
  const repo = createTwoFactorRepo(db);
  const rateLimits = createRateLimitRepo(db);

  async function confirmPassword(user: UserRow, password: string): Promise<void> {
    await enforceLimit(
      rateLimits,
      `password-check:${user.id}`,
      PASSWORD_CHECKS,
      'Too many attempts. Try again later.',
    );
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw validationFailed([{ field: 'password', message: 'is incorrect' }]);
    }
  }

  /** Stores new codes (hashes only) in the caller's transaction; answers them to show once. */
  async function replaceRecoveryCodes(tx: Db, userId: string): Promise<RecoveryCodesResponse> {
    const codes = newRecoveryCodes();
    await createTwoFactorRepo(tx).replaceRecoveryCodes(
      userId,
      codes.map((code) => recoveryCodeHash(normaliseRecoveryCode(code) ?? code)),
    );
    return { recoveryCodes: codes };
  }

  return {
    /** A new secret to scan; it replaces any unfinished setup and is not used until enabled. */
    async setup(user: UserRow): Promise<TotpSetupResponse> {
      const secret = newTotpSecret();
      if (user.totpEnabledAt !== null || !(await repo.setPendingSecret(user.id, secret))) {
        throw conflict('An authenticator app is already on; turn it off first to set up another');
      }
      const url = otpauthUrl(user.email, secret);
      return { secret, otpauthUrl: url, qrCodeSvg: await qrCodeSvg(url) };
    },

    /** Turns the authenticator on once a code from it is right; answers the recovery codes, once. */
    async enable(user: UserRow, code: string): Promise<RecoveryCodesResponse> {
      if (user.totpEnabledAt !== null) throw conflict('An authenticator app is already on');
      const secret = user.totpSecret;
      if (!secret) throw conflict('Start the authenticator setup first');
      const now = deps.now();
      const step = await totpStep(secret, code, now, null);
      if (step === undefined) throw validationFailed([{ field: 'code', message: 'The code is incorrect' }]);
      return db.transaction(async (tx) => {
        if (!(await createTwoFactorRepo(tx).enable(user.id, secret, step, now))) {
          throw conflict('The setup changed meanwhile; start it again');
        }
        return replaceRecoveryCodes(tx, user.id);
      });
    },

    async disable(user: UserRow, password: string): Promise<void> {
      if (!(await deps.security.mayDisableTotp(user))) {
        throw new AppError('TOTP_REQUIRED', 409, 'An admin requires an authenticator app for staff accounts');
      }
      await confirmPassword(user, password);
      await db.transaction((tx) => createTwoFactorRepo(tx).disable(user.id));
    },

    async regenerateRecoveryCodes(user: UserRow, password: string): Promise<RecoveryCodesResponse> {
      if (user.totpEnabledAt === null) throw conflict('Turn on an authenticator app first');
      await confirmPassword(user, password);
      return db.transaction((tx) => replaceRecoveryCodes(tx, user.id));
    },

    /**
     * The second step of a sign-in: a code from the authenticator (never one whose step was already
     * used) or an unused recovery code, which is then used up.
     */
    async verifySignInCode(user: UserRow, code: string): Promise<boolean> {
      if (user.totpEnabledAt === null || !user.totpSecret) return false;
      if (TOTP_CODE.test(cleanCode(code))) {
        const step = await totpStep(user.totpSecret, code, deps.now(), user.totpLastStep);
        return step !== undefined && repo.advanceStep(user.id, step);
      }
      const recovery = normaliseRecoveryCode(code);
      return recovery !== undefined && repo.useRecoveryCode(user.id, recoveryCodeHash(recovery), deps.now());
    },
  };
}
export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
