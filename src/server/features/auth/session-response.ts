import type { SessionResponse } from '../../../shared/contracts/auth.js';
import type { UserRow } from '../../db/schema.js';
import type { SecuritySettingsService } from '../two-factor/security-settings.service.js';
import { toUserView } from '../users/users.view.js';

/** The body of every answer that describes the signed-in account (sign-in, register, session…). */
export type SessionResponder = (user: UserRow) => Promise<SessionResponse>;

export const createSessionResponder =
  (security: SecuritySettingsService): SessionResponder =>
  async (user) => ({ user: toUserView(user), totpSetupRequired: await security.totpSetupRequired(user) });
