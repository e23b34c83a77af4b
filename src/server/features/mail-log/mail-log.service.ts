import type { ListMailQuery, MailDetail, MailPage } from '../../../shared/contracts/mail.js';
import type { Db } from '../../db/connection.js';
import { AppError, notFound } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import type { Outbox } from '../../mail/outbox.js';
import { createMailLogRepo } from './mail-log.repo.js';
import { toMailDetail, toMailItem } from './mail-log.view.js';

/** The admin's view of the outbox: what was sent, what waits, what failed (and trying it again). */
export function createMailLogService(db: Db, deps: { outbox: Outbox }) {
  const repo = createMailLogRepo(db);

  return {
    async list(query: ListMailQuery): Promise<MailPage> {
      const limit = query.limit ?? 25;
      const rows = await repo.page(
        { ...(query.status ? { status: query.status } : {}), ...(query.kind ? { kind: query.kind } : {}) },
        limit + 1,
        decodeCursor(query.cursor),
      );
      return toPage(rows, limit, toMailItem);
    },

    async get(id: string): Promise<MailDetail> {
      const row = await repo.findById(id);
      if (!row) throw notFound('Email');
      return toMailDetail(row);
    },

    /** Only a failed email can be retried; it goes back to the worker with a fresh count of attempts. */
    async retry(id: string): Promise<MailDetail> {
      const row = await repo.retryFailed(id);
      if (!row) {
        const existing = await repo.findById(id);
        if (!existing) throw notFound('Email');
        throw new AppError(
          'CONFLICT',
          409,
          `This email is ${existing.status}; only a failed email can be retried`,
        );
      }
      deps.outbox.wake();
      return toMailDetail(row);
    },
  };
}
export type MailLogService = ReturnType<typeof createMailLogService>;
