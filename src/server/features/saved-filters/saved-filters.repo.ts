import { and, asc, count, eq } from 'drizzle-orm';
import { SAVED_FILTER_LIMIT } from '../../../shared/contracts/saved-filters.js';
import type { Db } from '../../db/connection.js';
import { savedFilters, type SavedFilterRow } from '../../db/schema.js';

type Changes = Partial<Pick<SavedFilterRow, 'name' | 'pinned' | 'filters'>>;

export function createSavedFiltersRepo(db: Db) {
  return {
    listOf(ownerId: string): Promise<SavedFilterRow[]> {
      return db
        .select()
        .from(savedFilters)
        .where(eq(savedFilters.ownerId, ownerId))
        .orderBy(asc(savedFilters.createdAt), asc(savedFilters.id))
        .limit(SAVED_FILTER_LIMIT);
    },

    async countOf(ownerId: string): Promise<number> {
      const rows = await db
        .select({ n: count() })
        .from(savedFilters)
        .where(eq(savedFilters.ownerId, ownerId));
      return rows[0]?.n ?? 0;
    },

    async insert(values: typeof savedFilters.$inferInsert): Promise<SavedFilterRow> {
      const rows = await db.insert(savedFilters).values(values).returning();
      const row = rows[0];
      if (!row) throw new Error('insert returned no saved filter');
      return row;
    },

    /** Undefined when there is no such filter of this owner. */
    async update(ownerId: string, id: string, changes: Changes): Promise<SavedFilterRow | undefined> {
      const rows = await db
        .update(savedFilters)
        .set(changes)
        .where(and(eq(savedFilters.id, id), eq(savedFilters.ownerId, ownerId)))
        .returning();
      return rows[0];
    },

    async remove(ownerId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(savedFilters)
        .where(and(eq(savedFilters.id, id), eq(savedFilters.ownerId, ownerId)))
        .returning({ id: savedFilters.id });
      return rows.length > 0;
    },
  };
}
