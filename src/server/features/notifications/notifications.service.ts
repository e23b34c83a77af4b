import type { NotificationPreferences } from '../../../shared/contracts/account.js';
import type { Db } from '../../db/connection.js';
import { notFound, validationFailed } from '../../errors.js';
import { createAccountTokens } from '../../security/account-tokens.js';
import { createNotificationsRepo } from './notifications.repo.js';

/** Which emails a user wants, and the unsubscribe links in the emails they may stop. */
export function createNotificationsService(db: Db, now: () => Date = () => new Date()) {
  const repo = createNotificationsRepo(db);

  const view = (ticketUpdates: boolean | undefined): NotificationPreferences => {
    if (ticketUpdates === undefined) throw notFound('Account');
    return { ticketUpdates };
  };

  return {
    get: async (userId: string) => view(await repo.ticketUpdates(userId)),

    update: async (userId: string, body: NotificationPreferences) =>
      view(await repo.setTicketUpdates(userId, body.ticketUpdates)),

    /**
     * Stops ticket-update emails for the token's user. The token is not used up: the same link may be
     * followed again (a mail provider's one-click POST and the person's click both work).
     */
    async unsubscribe(token: string): Promise<void> {
      const userId = await createAccountTokens(db).peek(token, 'unsubscribe', now());
      const updated = userId ? await repo.setTicketUpdates(userId, false) : undefined;
      if (updated === undefined) {
        throw validationFailed([{ field: 'token', message: 'is not a valid unsubscribe link' }]);
      }
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
