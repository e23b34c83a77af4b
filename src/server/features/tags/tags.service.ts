import type {
  ListTagsQuery,
  SetTicketTagsBody,
  TagPage,
  TicketTagsView,
} from '../../../shared/contracts/tags.js';
import type { Db } from '../../db/connection.js';
import { decodeTextCursor, toTextPage } from '../canned-responses/text-cursor.js';
import type { Caller, TicketsService } from '../tickets/tickets.service.js';
import { createTagsRepo, tagNamesOf } from './tags.repo.js';

const DEFAULT_LIMIT = 25;

/** Tag names as given, trimmed, each once whatever its case (the first spelling wins). */
export function distinctNames(names: string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

export function createTagsService(db: Db, deps: { tickets: TicketsService; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const repo = createTagsRepo(db);

  return {
    async list(query: ListTagsQuery): Promise<TagPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await repo.page(query.q?.trim() || undefined, limit + 1, decodeTextCursor(query.cursor));
      return toTextPage(
        rows,
        limit,
        (row) => ({ id: row.id, name: row.name }),
        (row) => ({ text: row.key, id: row.id }),
      );
    },

    /** Replaces the ticket's tags; a ticket the caller may not see answers 404 (the tickets service decides). */
    async setForTicket(caller: Caller, ticketKey: string, body: SetTicketTagsBody): Promise<TicketTagsView> {
      const ticket = await deps.tickets.get(caller, ticketKey);
      const names = distinctNames(body.tags);
      await db.transaction((tx) => createTagsRepo(tx).setForTicket(ticket.id, names, now()));
      return { tags: await tagNamesOf(db, ticket.id) };
    },
  };
}
export type TagsService = ReturnType<typeof createTagsService>;
