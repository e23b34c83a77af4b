import type {
  CannedResponsePage,
  CannedResponseView,
  CreateCannedResponseBody,
  ListCannedResponsesQuery,
  UpdateCannedResponseBody,
} from '../../../shared/contracts/canned-responses.js';
import type { Db } from '../../db/connection.js';
import { notFound, validationFailed } from '../../errors.js';
import { createCannedResponsesRepo } from './canned-responses.repo.js';
import { mayManage, type CannedCaller } from './canned-responses.policy.js';
import { toCannedResponseView } from './canned-responses.view.js';
import { decodeTextCursor, toTextPage } from './text-cursor.js';

const DEFAULT_LIMIT = 25;

export function createCannedResponsesService(db: Db, now: () => Date = () => new Date()) {
  const repo = createCannedResponsesRepo(db);

  /** The response if the caller may change it; otherwise 404, as if it did not exist. */
  async function manageable(caller: CannedCaller, id: string) {
    const row = await repo.find(id);
    if (!row || !mayManage(caller, row)) throw notFound('Canned response');
    return row;
  }

  return {
    async list(caller: CannedCaller, query: ListCannedResponsesQuery): Promise<CannedResponsePage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const search = query.q?.trim() || undefined;
      const rows = await repo.page(caller.id, search, limit + 1, decodeTextCursor(query.cursor));
      return toTextPage(
        rows,
        limit,
        (row) => toCannedResponseView(row, caller),
        (row) => ({ text: row.title, id: row.id }),
      );
    },

    async create(caller: CannedCaller, body: CreateCannedResponseBody): Promise<CannedResponseView> {
      if (body.shared && caller.role !== 'admin') {
        throw validationFailed([{ field: 'shared', message: 'only admins keep shared responses' }]);
      }
      const row = await repo.insert({
        ownerId: body.shared ? null : caller.id,
        title: body.title.trim(),
        body: body.body,
        at: now(),
      });
      return toCannedResponseView(row, caller);
    },

    async update(caller: CannedCaller, id: string, body: UpdateCannedResponseBody) {
      await manageable(caller, id);
      const row = await repo.update(id, {
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.body !== undefined ? { body: body.body } : {}),
        updatedAt: now(),
      });
      if (!row) throw notFound('Canned response');
      return toCannedResponseView(row, caller);
    },

    async remove(caller: CannedCaller, id: string): Promise<void> {
      await manageable(caller, id);
      await repo.remove(id);
    },
  };
}
export type CannedResponsesService = ReturnType<typeof createCannedResponsesService>;
