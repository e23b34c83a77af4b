import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { CATEGORY_LIMIT } from '../../../shared/contracts/categories.js';
import type { Db } from '../../db/connection.js';
import { categories, type CategoryRow } from '../../db/schema.js';

export function createCategoriesRepo(db: Db) {
  return {
    list(includeArchived: boolean): Promise<CategoryRow[]> {
      return db
        .select()
        .from(categories)
        .where(includeArchived ? undefined : isNull(categories.archivedAt))
        .orderBy(asc(sql`lower(${categories.name})`), asc(categories.id))
        .limit(CATEGORY_LIMIT);
    },

    async findById(id: string): Promise<CategoryRow | undefined> {
      const rows = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
      return rows[0];
    },

    findActiveByIds(ids: string[]): Promise<CategoryRow[]> {
      return db
        .select()
        .from(categories)
        .where(sql`${inArray(categories.id, ids)} and ${categories.archivedAt} is null`);
    },

    async count(): Promise<number> {
      const rows = await db.select({ n: sql<number>`count(*)::int` }).from(categories);
      return rows[0]?.n ?? 0;
    },

    /** Answers undefined when the name is taken (names are unique whatever their case). */
    async insert(values: { name: string; autoAssign: boolean }): Promise<CategoryRow | undefined> {
      const rows = await db.insert(categories).values(values).onConflictDoNothing().returning();
      return rows[0];
    },

    async update(
      id: string,
      values: Partial<Pick<CategoryRow, 'name' | 'autoAssign' | 'archivedAt'>>,
    ): Promise<CategoryRow | undefined> {
      const rows = await db.update(categories).set(values).where(eq(categories.id, id)).returning();
      return rows[0];
    },
  };
}
