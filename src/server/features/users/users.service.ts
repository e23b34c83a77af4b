import type { ListUsersQuery, UserPage } from '../../../shared/contracts/admin.js';
import type { Language } from '../../../shared/languages.js';
import type { Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { decodeCursor, toPage, type Cursor } from '../../http/cursor.js';
import { hashPassword } from '../../security/passwords.js';
import { newPassword } from '../../security/tokens.js';
import { createUsersRepo, type UserStatus } from './users.repo.js';
import { toUserView } from './users.view.js';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export interface NewAccount {
  fullName: string;
  email: string;
  password: string;
  role: Role;
  status?: UserStatus;
  preferredLanguage?: Language;
  languages?: Language[];
  /** Staff accounts made by an admin (or the first admin) start confirmed; customers confirm by email. */
  emailConfirmedAt?: Date | null;
}

export function createUsersService(db: Db) {
  const repo = createUsersRepo(db);

  /**
   * `alongside` runs in the account's transaction (its confirmation link and email), so they commit
   * together or not at all. The password is hashed before the transaction opens.
   */
  async function createUser(
    input: NewAccount,
    alongside?: (tx: Db, user: UserRow) => Promise<void>,
  ): Promise<UserRow> {
    const { password, ...rest } = input;
    const values = {
      ...rest,
      fullName: input.fullName.trim(),
      email: normaliseEmail(input.email),
      passwordHash: await hashPassword(password),
    };
    const insert = async (tx: Db) => {
      const user = await createUsersRepo(tx).insert(values);
      if (!user) {
        throw new AppError('CONFLICT', 409, 'An account with this email already exists', [
          { field: 'email', message: 'is already registered' },
        ]);
      }
      await alongside?.(tx, user);
      return user;
    };
    return alongside ? db.transaction(insert) : insert(db);
  }

  return {
    createUser,
    findByEmail: (email: string) => repo.findByEmail(normaliseEmail(email)),
    findById: (id: string) => repo.findById(id),
    update: (id: string, values: Parameters<typeof repo.update>[1]) => repo.update(id, values),
    page: (filter: { role?: Role; status?: UserStatus }, limit: number, after?: Cursor) =>
      repo.page(filter, limit, after),

    /** Marks the address confirmed (keeps the first time); answers the account. */
    confirmEmail: (userId: string, at: Date) => repo.confirmEmail(userId, at),

    async setPassword(userId: string, password: string): Promise<void> {
      await repo.setPasswordHash(userId, await hashPassword(password));
    },

    /**
     * On an empty database, creates the first admin: from ADMIN_EMAIL/ADMIN_PASSWORD when given,
     * otherwise admin@localhost with a random password the caller must show once.
     */
    async ensureFirstAdmin(given: { email?: string; password?: string }) {
      if (await repo.anyWithRole('admin')) return undefined;
      const password = given.password ?? newPassword();
      const email = given.email ?? 'admin@localhost';
      const user = await createUser({
        fullName: 'Administrator',
        email,
        password,
        role: 'admin',
        emailConfirmedAt: new Date(),
      });
      return { email: user.email, password, generated: given.password === undefined };
    },

    overview: async () => ({
      accounts: await repo.countByRole(),
      pendingAgentRequests: await repo.countPendingAgents(),
    }),

    async list(query: ListUsersQuery): Promise<UserPage> {
      const limit = query.limit ?? 25;
      const filter = query.role ? { role: query.role } : {};
      const rows = await repo.page(filter, limit + 1, decodeCursor(query.cursor));
      return toPage(rows, limit, toUserView);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
