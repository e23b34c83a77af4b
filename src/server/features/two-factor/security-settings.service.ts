import type { SecuritySettings } from '../../../shared/contracts/two-factor.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { createAppSettingsRepo, REQUIRE_STAFF_TOTP } from '../../security/app-settings.repo.js';
import { differences } from '../audit/audit.hooks.js';
import { recordAudit } from '../audit/audit.record.js';

/**
 * Instance-wide security policy, read from the database on each use so that a change made on one
 * instance applies on every other at once.
 */
export function createSecuritySettingsService(db: Db, options: { now: () => Date }) {
  const settings = createAppSettingsRepo(db);

  async function get(from = settings): Promise<SecuritySettings> {
    return { requireStaffTotp: (await from.get(REQUIRE_STAFF_TOTP)) === true };
  }

  return {
    get,

    async update(body: SecuritySettings, actorId: string): Promise<SecuritySettings> {
      await db.transaction(async (tx) => {
        const txSettings = createAppSettingsRepo(tx);
        const before = await get(txSettings);
        await txSettings.put(REQUIRE_STAFF_TOTP, body.requireStaffTotp, options.now());
        const details = differences(before, body, ['requireStaffTotp']);
        if (Object.keys(details).length > 0) {
          await recordAudit(tx, {
            action: 'security.settings_changed',
            actorId,
            targetType: 'settings',
            details,
          });
        }
      });
      return get();
    },

    /**
     * Staff without an authenticator while an admin requires one: they may only set it up.
     * `required`: the policy when the caller already read it (the session lookup brings it).
     */
    async totpSetupRequired(user: UserRow, required?: boolean): Promise<boolean> {
      if (user.role === 'customer' || user.totpEnabledAt !== null) return false;
      return required ?? (await get()).requireStaffTotp;
    },

    /** Whether this account may turn its authenticator off. */
    async mayDisableTotp(user: UserRow): Promise<boolean> {
      return user.role === 'customer' || !(await get()).requireStaffTotp;
    },
  };
}
export type SecuritySettingsService = ReturnType<typeof createSecuritySettingsService>;
