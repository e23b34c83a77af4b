import { CONFIRM_LINK_HOURS, type ConfirmEmailBody } from '../../../shared/contracts/account.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { AppError, validationFailed } from '../../errors.js';
import type { Outbox } from '../../mail/outbox.js';
import { confirmEmailEmail } from '../../mail/templates/confirm-email.js';
import { createAccountTokens } from '../../security/account-tokens.js';
import { createRateLimitRepo, enforceLimit, type Limit } from '../../security/rate-limit.repo.js';
import { createUsersService } from '../users/users.service.js';

/** Per account: a customer can ask again when an email went astray, but cannot flood a mailbox. */
export const DEFAULT_CONFIRMATION_LIMIT: Limit = { max: 3, windowSeconds: 60 * 60 };

export interface EmailConfirmationDeps {
  outbox: Outbox;
  publicUrl: string;
  now: () => Date;
  limit?: Limit;
}

const invalidLink = () =>
  validationFailed([{ field: 'token', message: 'This link is invalid, used or expired' }]);

export function createEmailConfirmationService(db: Db, deps: EmailConfirmationDeps) {
  const limit = deps.limit ?? DEFAULT_CONFIRMATION_LIMIT;
  const rateLimits = createRateLimitRepo(db);

  /**
   * In the caller's transaction (the new account's, or a resend's): earlier links stop working and the
   * new one exists exactly when its email does. Call `wake` after the commit.
   */
  async function enqueueLink(tx: Db, user: UserRow): Promise<void> {
    const now = deps.now();
    const tokens = createAccountTokens(tx);
    await tokens.revokeAll(user.id, 'confirm_email', now);
    const token = await tokens.issue(
      user.id,
      'confirm_email',
      new Date(now.getTime() + CONFIRM_LINK_HOURS * 3_600_000),
    );
    const email = confirmEmailEmail({
      fullName: user.fullName,
      language: user.preferredLanguage,
      publicUrl: deps.publicUrl,
      token,
    });
    await deps.outbox.enqueue(tx, { ...email, to: user.email, kind: 'confirm_email' });
  }

  return {
    enqueueLink,
    wake: () => deps.outbox.wake(),

    /** Uses the emailed token once and marks the address confirmed, in one transaction. */
    async confirm(body: ConfirmEmailBody): Promise<void> {
      const now = deps.now();
      const confirmed = await db.transaction(async (tx) => {
        const userId = await createAccountTokens(tx).consume(body.token, 'confirm_email', now);
        return userId ? createUsersService(tx).confirmEmail(userId, now) : undefined;
      });
      if (!confirmed) throw invalidLink();
    },

    /** "Send a new link" for the signed-in account; earlier links stop working. */
    async resend(user: UserRow): Promise<void> {
      if (user.emailConfirmedAt) {
        throw new AppError('ALREADY_CONFIRMED', 409, 'Your email address is already confirmed');
      }
      await enforceLimit(
        rateLimits,
        `confirm-email:account:${user.id}`,
        limit,
        'You asked for several links already. Try again later.',
      );
      await db.transaction((tx) => enqueueLink(tx, user));
      deps.outbox.wake();
    },
  };
}
export type EmailConfirmationService = ReturnType<typeof createEmailConfirmationService>;

/** What registration needs: the link written with the new account, and the worker woken afterwards. */
export type ConfirmationLinks = Pick<EmailConfirmationService, 'enqueueLink' | 'wake'>;
