import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { attachments, ticketMessages, type AttachmentRow } from '../../db/schema.js';

export type NewAttachment = Omit<AttachmentRow, 'id'>;

export interface AttachmentRecord {
  attachment: AttachmentRow;
  /** The message it belongs to is an internal note; null while it is not attached. */
  internal: boolean | null;
}

export function createAttachmentsRepo(db: Db) {
  return {
    async insert(values: NewAttachment): Promise<AttachmentRow> {
      const rows = await db.insert(attachments).values(values).returning();
      const row = rows[0];
      if (!row) throw new Error('no attachment inserted');
      return row;
    },

    async find(id: string): Promise<AttachmentRecord | undefined> {
      const rows = await db
        .select({ attachment: attachments, internal: ticketMessages.internal })
        .from(attachments)
        .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
        .where(eq(attachments.id, id))
        .limit(1);
      return rows[0];
    },

    /** Links the uploader's unattached uploads to the ticket's message; answers the rows it linked. */
    async link(
      ids: readonly string[],
      owner: { ticketId: string; uploaderId: string },
      messageId: string,
    ): Promise<AttachmentRow[]> {
      return db
        .update(attachments)
        .set({ messageId })
        .where(
          and(
            inArray(attachments.id, [...ids]),
            eq(attachments.ticketId, owner.ticketId),
            eq(attachments.uploaderId, owner.uploaderId),
            isNull(attachments.messageId),
          ),
        )
        .returning();
    },

    /** The attachments of these messages, oldest first; without internal notes' unless asked. */
    async forMessages(messageIds: readonly string[], includeInternal: boolean): Promise<AttachmentRow[]> {
      if (messageIds.length === 0) return [];
      const rows = await db
        .select({ attachment: attachments })
        .from(attachments)
        .innerJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
        .where(
          and(
            inArray(attachments.messageId, [...messageIds]),
            includeInternal ? undefined : eq(ticketMessages.internal, false),
          ),
        )
        .orderBy(asc(attachments.createdAt), asc(attachments.id));
      return rows.map((row) => row.attachment);
    },

    /** Removes one unattached upload of its uploader; answers it, or undefined when there was none. */
    async deleteUnattached(id: string, uploaderId: string): Promise<AttachmentRow | undefined> {
      const rows = await db
        .delete(attachments)
        .where(
          and(eq(attachments.id, id), eq(attachments.uploaderId, uploaderId), isNull(attachments.messageId)),
        )
        .returning();
      return rows[0];
    },

    /**
     * Deletes up to `limit` uploads never attached to a message and created before `cutoff`; answers
     * their storage keys. The conditions are repeated outside the subquery so that an upload a message
     * took meanwhile is left alone.
     */
    async deleteStaleUnattached(cutoff: Date, limit: number): Promise<string[]> {
      const stale = and(isNull(attachments.messageId), lt(attachments.createdAt, cutoff));
      const batch = db.select({ id: attachments.id }).from(attachments).where(stale).limit(limit);
      const rows = await db
        .delete(attachments)
        .where(and(inArray(attachments.id, batch), stale))
        .returning({ storageKey: attachments.storageKey });
      return rows.map((row) => row.storageKey);
    },
  };
}
export type AttachmentsRepo = ReturnType<typeof createAttachmentsRepo>;
