import type { UserView } from '../../../shared/contracts/auth.js';
import type { UserRow } from '../../db/schema.js';

/** The only shape of a user that leaves the server: never the password hash. */
export const toUserView = (user: UserRow): UserView => ({
  id: user.id,
  fullName: user.fullName,
  email: user.email,
  role: user.role,
  preferredLanguage: user.preferredLanguage,
  emailConfirmed: user.emailConfirmedAt !== null,
  totpEnabled: user.totpEnabledAt !== null,
  createdAt: user.createdAt.toISOString(),
});
