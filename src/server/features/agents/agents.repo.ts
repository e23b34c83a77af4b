import { and, eq, inArray, isNull, gt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { agentCategories, categories, invitations } from '../../db/schema.js';

export function createAgentsRepo(db: Db) {
  return {
    async setCategories(agentId: string, categoryIds: string[]): Promise<void> {
      await db.delete(agentCategories).where(eq(agentCategories.agentId, agentId));
      if (categoryIds.length > 0) {
        await db.insert(agentCategories).values(categoryIds.map((categoryId) => ({ agentId, categoryId })));
      }
    },

    /** The categories of several agents at once (one query for a whole page). */
    async categoriesOf(agentIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
      const byAgent = new Map<string, { id: string; name: string }[]>();
      if (agentIds.length === 0) return byAgent;
      const rows = await db
        .select({ agentId: agentCategories.agentId, id: categories.id, name: categories.name })
        .from(agentCategories)
        .innerJoin(categories, eq(categories.id, agentCategories.categoryId))
        .where(inArray(agentCategories.agentId, agentIds))
        .orderBy(categories.name);
      for (const { agentId, id, name } of rows) {
        byAgent.set(agentId, [...(byAgent.get(agentId) ?? []), { id, name }]);
      }
      return byAgent;
    },

    async insertInvitation(values: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
      await db.insert(invitations).values(values);
    },

    /** Marks an unused, unexpired invitation used; answers its user id, or undefined. */
    async useInvitation(tokenHash: string, now: Date): Promise<string | undefined> {
      const rows = await db
        .update(invitations)
        .set({ usedAt: now })
        .where(
          and(
            eq(invitations.tokenHash, tokenHash),
            isNull(invitations.usedAt),
            gt(invitations.expiresAt, now),
          ),
        )
        .returning({ userId: invitations.userId });
      return rows[0]?.userId;
    },
  };
}
