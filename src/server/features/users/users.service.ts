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
}

export function createUsersService(db: Db) {
  const repo = createUsersRepo(db);

  async function createUser(input: NewAccount): Promise<UserRow> {
    const { password, ...rest } = input;
    const user = await repo.insert({
      ...rest,
      fullName: input.fullName.trim(),
      email: normaliseEmail(input.email),
      passwordHash: await hashPassword(password),
    });
    if (!user) {
      throw new AppError('CONFLICT', 409, 'An account with this email already exists', [
        { field: 'email', message: 'is already registered' },
      ]);
    }
    return user;
  }

  return {
    createUser,
    findByEmail: (email: string) => repo.findByEmail(normaliseEmail(email)),
    findById: (id: string) => repo.findById(id),
    update: (id: string, values: Parameters<typeof repo.update>[1]) => repo.update(id, values),
    page: (filter: { role?: Role; status?: UserStatus }, limit: number, after?: Cursor) =>
      repo.page(filter, limit, after),

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
      const user = await createUser({ fullName: 'Administrator', email, password, role: 'admin' });
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
