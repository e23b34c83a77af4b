import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Language } from '../../../shared/languages.js';
import type { Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import { afterCursor, type Cursor } from '../../db/keyset.js';
import { users, type UserRow } from '../../db/schema.js';
import { signInsChanged } from '../auth/session-cache.js';

export type UserStatus = UserRow['status'];

export interface NewUser {
  email: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  status?: UserStatus;
  preferredLanguage?: Language;
  languages?: Language[];
  emailConfirmedAt?: Date | null;
}

export function createUsersRepo(db: Db) {
  return {
    async insert(user: NewUser): Promise<UserRow | undefined> {
      // A taken email answers undefined instead of throwing, so callers can answer 409 cleanly.
      const rows = await db
        .insert(users)
        .values(user)
        .onConflictDoNothing({ target: users.email })
        .returning();
      return rows[0];
    },

    async findByEmail(email: string): Promise<UserRow | undefined> {
      const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return rows[0];
    },

    async findById(id: string): Promise<UserRow | undefined> {
      const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return rows[0];
    },

    async anyWithRole(role: Role): Promise<boolean> {
      const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, role)).limit(1);
      return rows.length > 0;
    },

    async confirmEmail(id: string, at: Date): Promise<UserRow | undefined> {
      const rows = await db
        .update(users)
        .set({
          emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, ${at.toISOString()}::timestamptz)`,
          updatedAt: new Date(),
        })
        .where(eq(users.id, id))
        .returning();
      signInsChanged(id);
      return rows[0];
    },

    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
      signInsChanged(id);
    },

    async update(
      id: string,
      values: Partial<Pick<UserRow, 'status' | 'preferredLanguage' | 'languages'>>,
    ): Promise<UserRow | undefined> {
      const rows = await db
        .update(users)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      signInsChanged(id);
      return rows[0];
    },

    async countPendingAgents(): Promise<number> {
      const rows = await db
        .select({ count: count() })
        .from(users)
        .where(and(eq(users.role, 'agent'), eq(users.status, 'pending')));
      return rows[0]?.count ?? 0;
    },

    async countByRole(): Promise<Record<Role, number>> {
      const rows = await db.select({ role: users.role, count: count() }).from(users).groupBy(users.role);
      const counts: Record<Role, number> = { customer: 0, agent: 0, admin: 0 };
      for (const row of rows) counts[row.role] = row.count;
      return counts;
    },

    /** Newest first; keyset on (created_at, id) so deep pages cost the same as the first. */
    async page(
      filter: { role?: Role; status?: UserStatus },
      limit: number,
      after?: Cursor,
    ): Promise<UserRow[]> {
      const conditions = [
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.status ? eq(users.status, filter.status) : undefined,
        afterCursor(users.createdAt, users.id, after, 'desc'),
      ];
      return db
        .select()
        .from(users)
        .where(and(...conditions))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(limit);
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
