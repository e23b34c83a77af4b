import type { Readable } from 'node:stream';
import {
  ATTACHMENT_FIELD,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type AttachmentView,
} from '../../../shared/contracts/attachments.js';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import type { Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import type { AttachmentRow } from '../../db/schema.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { createRateLimitRepo, enforceLimit, type Limit } from '../../security/rate-limit.repo.js';
import { canReply, canSeeInternal } from '../tickets/tickets.policy.js';
import type { Caller, TicketsService } from '../tickets/tickets.service.js';
import { createAttachmentsRepo } from './attachments.repo.js';
import { newStorageKey, StoredFileMissing, type AttachmentStorage } from './attachments.storage.js';
import { toAttachmentView } from './attachments.view.js';
import { displayFileName } from './file-name.js';
import { inspectUpload, type IncomingFile } from './upload-inspector.js';

export interface AttachmentsServiceOptions {
  /** Decides who may see a ticket; attachments follow its rules. */
  tickets: Pick<TicketsService, 'get'>;
  storage: AttachmentStorage;
  maxBytes: number;
  now: () => Date;
  uploadLimit?: Limit;
}

export const DEFAULT_UPLOAD_LIMIT: Limit = { max: 30, windowSeconds: 600 };
/** Uploads never sent with a message are removed after this long. */
export const UNATTACHED_TTL_MS = 24 * 3_600_000;
const SWEEP_BATCH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const conversationClosed = () =>
  new AppError('CONVERSATION_CLOSED', 409, 'This conversation is closed');

const notYours = (message: string) => validationFailed([{ field: 'attachmentIds', message }]);

export interface AttachInput {
  ticketId: string;
  uploaderId: string;
  attachmentIds: readonly string[];
  messageId: string;
}

/**
 * Inside the message's transaction: links the uploader's own unattached uploads to this ticket's new
 * message. Any id that is not one (someone else's, another ticket's, already sent, unknown) is a 400
 * on `attachmentIds`, and throwing rolls the message back with it.
 */
export async function attach(tx: Db, input: AttachInput): Promise<AttachmentView[]> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return [];
  if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw notYours(`must hold at most ${MAX_ATTACHMENTS_PER_MESSAGE} files`);
  }
  if (!ids.every((id) => UUID.test(id))) throw notYours('must be ids of files you uploaded');
  const linked = await createAttachmentsRepo(tx).link(ids, input, input.messageId);
  if (linked.length !== ids.length) {
    throw notYours('must be files you uploaded to this ticket that are not sent yet');
  }
  return linked.map(toAttachmentView);
}

/** For the thread: each message's attachments by message id. Customers never get internal notes' files. */
export async function listForMessages(
  db: Db,
  messageIds: readonly string[],
  viewer: { role: Role },
): Promise<Map<string, AttachmentView[]>> {
  const rows = await createAttachmentsRepo(db).forMessages(messageIds, viewer.role !== 'customer');
  const byMessage = new Map<string, AttachmentView[]>();
  for (const row of rows) {
    if (!row.messageId) continue;
    const list = byMessage.get(row.messageId) ?? [];
    list.push(toAttachmentView(row));
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

const CLOSED_STATUSES: readonly TicketDetail['status'][] = ['resolved', 'closed'];

const ticketFacts = (ticket: TicketDetail) => ({
  customerId: ticket.customer.id,
  agentId: ticket.agent?.id ?? null,
  categoryId: ticket.category.id,
  status: ticket.status,
  resolvedAt: ticket.resolvedAt ? new Date(ticket.resolvedAt) : null,
});

const viewerOf = (caller: Caller) => ({ id: caller.id, role: caller.role, categoryIds: [] });

export function createAttachmentsService(db: Db, options: AttachmentsServiceOptions) {
  const { tickets, storage, maxBytes, now } = options;
  const repo = createAttachmentsRepo(db);
  const rateLimits = createRateLimitRepo(db);
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;

  /** The ticket when the caller may see it; the answer never tells an attachment's ticket apart. */
  async function visibleTicket(caller: Caller, ticketId: string): Promise<TicketDetail> {
    try {
      return await tickets.get(caller, ticketId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Attachment');
      throw error;
    }
  }

  async function store(caller: Caller, ticketId: string, file: IncomingFile): Promise<AttachmentRow> {
    if (file.field !== ATTACHMENT_FIELD) {
      throw validationFailed([
        { field: ATTACHMENT_FIELD, message: `is required (send the file as "${ATTACHMENT_FIELD}")` },
      ]);
    }
    const inspected = inspectUpload(file, maxBytes);
    const key = newStorageKey();
    await storage.put(key, inspected.stream);
    const { type, size } = inspected.result();
    try {
      return await repo.insert({
        ticketId,
        messageId: null,
        uploaderId: caller.id,
        fileName: displayFileName(file.fileName),
        contentType: type,
        sizeBytes: size,
        storageKey: key,
        createdAt: now(),
      });
    } catch (error) {
      await storage.delete(key);
      throw error;
    }
  }

  return {
    attach,
    listForMessages: (messageIds: readonly string[], viewer: { role: Role }) =>
      listForMessages(db, messageIds, viewer),

    /**
     * Stores one file for the caller's next message on the ticket. Everything about the caller and the
     * ticket is checked before the body is read; `receive` then hands over the file.
     */
    async upload(
      caller: Caller,
      rawTicket: string,
      receive: () => Promise<IncomingFile | undefined>,
    ): Promise<AttachmentView> {
      const ticket = await tickets.get(caller, rawTicket);
      if (!canReply(viewerOf(caller), ticketFacts(ticket))) {
        throw new AppError('FORBIDDEN', 403, 'Pick up this ticket before replying to it');
      }
      if (CLOSED_STATUSES.includes(ticket.status)) throw conversationClosed();
      await enforceLimit(
        rateLimits,
        `attachment-upload:${caller.id}`,
        uploadLimit,
        'Too many files uploaded, try again later',
      );
      const file = await receive();
      if (!file) throw validationFailed([{ field: ATTACHMENT_FIELD, message: 'is required' }]);
      try {
        return toAttachmentView(await store(caller, ticket.id, file));
      } catch (error) {
        // Whatever was refused is read to its end and dropped, so the request completes.
        file.stream.resume();
        throw error;
      }
    },

    /**
     * The file, for whoever may see its message: the ticket's rules, and staff only for an internal
     * note's. An upload not sent yet is its uploader's alone. Anything else is 404.
     */
    async download(caller: Caller, id: string): Promise<{ attachment: AttachmentRow; body: Readable }> {
      const record = await repo.find(id);
      if (!record) throw notFound('Attachment');
      const { attachment, internal } = record;
      const mayOpen =
        attachment.messageId === null
          ? attachment.uploaderId === caller.id
          : !internal || canSeeInternal(viewerOf(caller));
      if (!mayOpen) throw notFound('Attachment');
      await visibleTicket(caller, attachment.ticketId);
      try {
        return { attachment, body: await storage.get(attachment.storageKey) };
      } catch (error) {
        if (error instanceof StoredFileMissing) throw notFound('Attachment');
        throw error;
      }
    },

    /** The uploader takes back a file they have not sent yet. */
    async remove(caller: Caller, id: string): Promise<void> {
      const removed = await repo.deleteUnattached(id, caller.id);
      if (!removed) throw notFound('Attachment');
      await storage.delete(removed.storageKey);
    },

    /** Deletes uploads never sent with a message, rows first, then their files; answers how many. */
    async sweep(): Promise<number> {
      const cutoff = new Date(now().getTime() - UNATTACHED_TTL_MS);
      let removed = 0;
      for (;;) {
        const keys = await repo.deleteStaleUnattached(cutoff, SWEEP_BATCH);
        for (const key of keys) await storage.delete(key);
        removed += keys.length;
        if (keys.length < SWEEP_BATCH) return removed;
      }
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
