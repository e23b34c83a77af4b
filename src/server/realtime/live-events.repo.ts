import { and, asc, gt, lt, param, sql, type SQL } from 'drizzle-orm';
import type { LiveEvent, LiveEventType } from '../../shared/contracts/live.js';
import { queryRows, type Db } from '../db/connection.js';
import { liveEvents, type LiveEventRow } from '../db/schema.js';
import { receivableBy, type Audience, type Listener } from './audience.js';

export interface NewLiveEvent {
  type: LiveEventType;
  ticketId: string | null;
  audience: Audience;
  data: Record<string, unknown>;
}

export interface StoredLiveEvent {
  event: LiveEvent;
  audience: Audience;
}

export const toStored = (row: LiveEventRow): StoredLiveEvent => ({
  event: {
    id: row.id,
    type: row.type as LiveEventType,
    ticketId: row.ticketId,
    data: row.payload as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  },
  audience: { customerId: row.customerId, agentIds: row.agentIds, forAllAgents: row.forAllAgents },
});

export function createLiveEventsRepo(db: Db) {
  return {
    /**
     * Appends inside the caller's transaction, as a draft that becomes an event when the transaction
     * commits (migration 0012): its id is drawn then, under a lock held to the end of the commit, so
     * ids become visible in increasing order and "everything after the last id I saw" never skips an
     * event that committed late. `alsoRun`: an expression evaluated with the insert (the fan-out's poke
     * on commit).
     */
    async append(tx: Db, event: NewLiveEvent, alsoRun?: SQL): Promise<void> {
      await tx.execute(this.appendWrite(event, alsoRun));
    },

    /** append as a write still to run, for writeTogether. */
    appendWrite(event: NewLiveEvent, alsoRun?: SQL): SQL {
      const { audience } = event;
      return sql`
        insert into live_event_drafts (type, ticket_id, customer_id, agent_ids, for_all_agents, payload)
        select ${event.type}, ${event.ticketId}::uuid, ${audience.customerId}::uuid,
               ${param(audience.agentIds)}::uuid[], ${audience.forAllAgents}::boolean, ${JSON.stringify(event.data)}::jsonb
        ${alsoRun ? sql`from (select ${alsoRun}) as also_run` : sql``}`;
    },

    /** Every event after `cursor`, oldest first (an instance delivering to its clients). */
    async after(cursor: number, limit: number): Promise<StoredLiveEvent[]> {
      const rows = await db
        .select()
        .from(liveEvents)
        .where(gt(liveEvents.id, cursor))
        .orderBy(asc(liveEvents.id))
        .limit(limit);
      return rows.map(toStored);
    },

    /** The events after `cursor` that this listener may receive, oldest first (a client resuming). */
    async receivableAfter(listener: Listener, cursor: number, limit: number): Promise<LiveEvent[]> {
      const rows = await db
        .select()
        .from(liveEvents)
        .where(and(gt(liveEvents.id, cursor), receivableBy(listener)))
        .orderBy(asc(liveEvents.id))
        .limit(limit);
      return rows.map((row) => toStored(row).event);
    },

    async latestId(): Promise<number> {
      const rows = await queryRows<{ id: string | number | null }>(
        db,
        sql`select max(${liveEvents.id}) as id from ${liveEvents}`,
      );
      return Number(rows[0]?.id ?? 0);
    },

    /** The oldest id still kept; a client that saw less than this must reload. */
    async oldestId(): Promise<number> {
      const rows = await queryRows<{ id: string | number | null }>(
        db,
        sql`select min(${liveEvents.id}) as id from ${liveEvents}`,
      );
      return Number(rows[0]?.id ?? 0);
    },

    async deleteOlderThan(before: Date): Promise<void> {
      await db.delete(liveEvents).where(lt(liveEvents.createdAt, before));
    },
  };
}
export type LiveEventsRepo = ReturnType<typeof createLiveEventsRepo>;
