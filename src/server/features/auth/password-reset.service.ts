import type { FastifyBaseLogger } from 'fastify';
import {
  RESET_LINK_MINUTES,
  type ForgotPasswordBody,
  type ResetPasswordBody,
} from '../../../shared/contracts/account.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { validationFailed, passwordMismatch } from '../../errors.js';
import type { Outbox } from '../../mail/outbox.js';
import { passwordResetEmail } from '../../mail/templates/password-reset.js';
import { createAccountTokens } from '../../security/account-tokens.js';
import {
  createRateLimitRepo,
  enforceLimit,
  type AccountAndIpLimits,
  type Limit,
} from '../../security/rate-limit.repo.js';
import { sha256 } from '../../security/tokens.js';
import type { DevicesService, RememberedDevice } from '../devices/devices.service.js';
import { normaliseEmail, type UsersService } from '../users/users.service.js';
import type { AuthService, ClientInfo, SignedIn } from './auth.service.js';

export type ResetLimits = AccountAndIpLimits;

/** Per address: no mailbox gets flooded. Per IP: nobody sprays addresses from one place. */
export const DEFAULT_RESET_LIMITS: ResetLimits = {
  perAccount: { max: 5, windowSeconds: 60 * 60 },
  perIp: { max: 20, windowSeconds: 60 * 60 },
};

export interface PasswordResetDeps {
  auth: AuthService;
  users: UsersService;
  devices: DevicesService;
  outbox: Outbox;
  publicUrl: string;
  now: () => Date;
  logger: FastifyBaseLogger;
  limits?: ResetLimits;
}

const invalidLink = () =>
  validationFailed([{ field: 'token', message: 'This link is invalid, used or expired' }]);

export function createPasswordResetService(db: Db, deps: PasswordResetDeps) {
  const limits = deps.limits ?? DEFAULT_RESET_LIMITS;
  const rateLimits = createRateLimitRepo(db);
  /** Reset emails being written after the answer was sent; awaited at shutdown. */
  const pending = new Set<Promise<void>>();

  const limitTo = (key: string, limit: Limit) =>
    enforceLimit(rateLimits, key, limit, 'Too many reset requests. Try again later.');

  /** One transaction: older links stop working, a new one exists exactly when its email does. */
  async function sendResetLink(user: UserRow): Promise<void> {
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
    await db.transaction(async (tx) => {
      const tokens = createAccountTokens(tx);
      await tokens.revokeAll(user.id, 'reset_password', now);
      const token = await tokens.issue(user.id, 'reset_password', expiresAt);
      const email = passwordResetEmail({
        fullName: user.fullName,
        language: user.preferredLanguage,
        publicUrl: deps.publicUrl,
        token,
      });
      await deps.outbox.enqueue(tx, { ...email, to: user.email, kind: 'password_reset' });
    });
    deps.outbox.wake();
  }

  return {
    /**
     * "Forgot password". Whether or not the address has an account, the caller sees the same steps
     * (two rate-limit hits and one lookup) before the same answer. The link itself is written by
     * `sendLink`, which the route calls once the answer has gone, so its cost does not show in the
     * timing; for an unknown or inactive address it does nothing.
     */
    async requestReset(body: ForgotPasswordBody, client: ClientInfo): Promise<{ sendLink: () => void }> {
      const email = normaliseEmail(body.email);
      await limitTo(`reset:ip:${client.ip}`, limits.perIp);
      await limitTo(`reset:account:${sha256(email)}`, limits.perAccount);
      const user = await deps.users.findByEmail(email);
      if (!user || user.status !== 'active') return { sendLink: () => undefined };
      return {
        sendLink: () => {
          // On the next turn of the event loop: the embedded database runs on this thread.
          const sending: Promise<void> = new Promise((resolve) => setImmediate(resolve))
            .then(() => sendResetLink(user))
            .catch((error: unknown) =>
              deps.logger.error({ err: error }, 'could not send a password reset link'),
            )
            .finally(() => pending.delete(sending));
          pending.add(sending);
        },
      };
    },

    /**
     * Uses the emailed token once (a conditional update, so two requests at once cannot both win),
     * sets the new password, signs the account out everywhere and signs this browser in. The link
     * proves the mailbox, so this browser is remembered and every other one is forgotten.
     */
    async resetPassword(
      body: ResetPasswordBody,
      client: ClientInfo,
      browser: { sessionToken: string | undefined; deviceCookie: string | undefined },
    ): Promise<SignedIn & { device: RememberedDevice }> {
      if (body.password !== body.passwordConfirmation) throw passwordMismatch();
      const userId = await createAccountTokens(db).consume(body.token, 'reset_password', deps.now());
      if (!userId) throw invalidLink();
      const user = await deps.users.findById(userId);
      if (!user || user.status !== 'active') throw invalidLink();
      await deps.auth.setPassword(user.id, body.password);
      // Whatever session this browser had (perhaps another account's) ends too.
      const signedIn = await deps.auth.startSession(user, client, browser.sessionToken);
      const device = await deps.devices.remember(user.id, client, browser.deviceCookie);
      await deps.devices.forgetOthers(user.id, device.tokenHash);
      return { ...signedIn, device };
    },

    /** Waits for reset emails still being written (at shutdown). */
    async settled(): Promise<void> {
      await Promise.all([...pending]);
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
