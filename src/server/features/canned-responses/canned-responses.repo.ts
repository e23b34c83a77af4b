import { and, asc, eq, gt, ilike, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { cannedResponses, type CannedResponseRow } from '../../db/schema.js';
import { escapeLike, type TextCursor } from './text-cursor.js';

export function createCannedResponsesRepo(db: Db) {
  return {
    /** Shared ones and the owner's own, by title then id; `search` matches part of the title. */
    page(ownerId: string, search: string | undefined, limit: number, after?: TextCursor) {
      return db
        .select()
        .from(cannedResponses)
        .where(
          and(
            or(isNull(cannedResponses.ownerId), eq(cannedResponses.ownerId, ownerId)),
            search ? ilike(cannedResponses.title, `%${escapeLike(search)}%`) : undefined,
            after
              ? or(
                  gt(cannedResponses.title, after.text),
                  and(eq(cannedResponses.title, after.text), gt(cannedResponses.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(cannedResponses.title), asc(cannedResponses.id))
        .limit(limit);
    },

    async find(id: string): Promise<CannedResponseRow | undefined> {
      const rows = await db.select().from(cannedResponses).where(eq(cannedResponses.id, id)).limit(1);
      return rows[0];
    },

    async insert(values: { ownerId: string | null; title: string; body: string; at: Date }) {
      const rows = await db
        .insert(cannedResponses)
        .values({
          ownerId: values.ownerId,
          title: values.title,
          body: values.body,
          createdAt: values.at,
          updatedAt: values.at,
        })
        .returning();
      const row = rows[0];
      if (!row) throw new Error('insert returned no canned response');
      return row;
    },

    async update(id: string, changes: Partial<Pick<CannedResponseRow, 'title' | 'body' | 'updatedAt'>>) {
      const rows = await db
        .update(cannedResponses)
        .set(changes)
        .where(eq(cannedResponses.id, id))
        .returning();
      return rows[0];
    },

    async remove(id: string): Promise<void> {
      await db.delete(cannedResponses).where(eq(cannedResponses.id, id));
    },
  };
}
