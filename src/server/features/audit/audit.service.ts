import {
  AUDIT_ACTIONS,
  AUDIT_PAGE_SIZE,
  type AuditExportQuery,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/contracts/audit.js';
import type { Db } from '../../db/connection.js';
import { validationFailed } from '../../errors.js';
import { createAuditRepo, type AuditCursor, type AuditFilter, type AuditRecord } from './audit.repo.js';
import { csvHeader, toAuditEntryView, toCsvLine } from './audit.view.js';

export const EXPORT_BATCH = 1_000;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isDay = (value: string) => value.length === 10;

const encodeCursor = (cursor: AuditCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');

function decodeCursor(raw: string | undefined): AuditCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed as unknown[];
      const createdAt = typeof at === 'string' ? new Date(at) : undefined;
      if (createdAt && !Number.isNaN(createdAt.getTime()) && Number.isSafeInteger(id) && (id as number) > 0) {
        return { createdAt, id: id as number };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
}

/** The query string as repository filters; 400 when `to` comes before `from`. */
function toFilter(query: AuditExportQuery): AuditFilter {
  const filter: AuditFilter = {};
  const actor = query.actor?.trim();
  if (actor) {
    if (UUID.test(actor)) filter.actorId = actor;
    else filter.actorText = actor;
  }
  if (query.action) {
    const prefix = query.action;
    filter.actions = prefix.endsWith('.') ? AUDIT_ACTIONS.filter((a) => a.startsWith(prefix)) : [prefix];
  }
  if (query.from) filter.from = new Date(isDay(query.from) ? `${query.from}T00:00:00Z` : query.from);
  if (query.to) {
    if (isDay(query.to)) filter.before = new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS);
    else filter.until = new Date(query.to);
  }
  const { from, before, until } = filter;
  if (from && ((before && before <= from) || (until && until < from))) {
    throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
  }
  return filter;
}

const keyOf = (record: AuditRecord): AuditCursor => ({
  createdAt: record.entry.createdAt,
  id: record.entry.id,
});

/** The admin's search over the audit trail, and its CSV export. Nothing here changes an entry. */
export function createAuditService(db: Db) {
  const repo = createAuditRepo(db);

  return {
    async list(query: AuditQuery): Promise<AuditPage> {
      const filter = toFilter(query);
      const rows = await repo.page(filter, AUDIT_PAGE_SIZE + 1, decodeCursor(query.cursor));
      const page = rows.slice(0, AUDIT_PAGE_SIZE);
      const last = page.at(-1);
      return {
        items: page.map(toAuditEntryView),
        nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(keyOf(last)) : null,
      };
    },

    /**
     * Every matching entry as CSV lines, newest first, read in keyset batches so that a large log
     * never sits in memory. The filters are checked before the first line.
     */
    exportCsv(query: AuditExportQuery): AsyncGenerator<string> {
      const filter = toFilter(query);
      return (async function* lines() {
        yield csvHeader();
        let after: AuditCursor | undefined;
        for (;;) {
          const rows = await repo.page(filter, EXPORT_BATCH, after);
          if (rows.length > 0) yield rows.map(toCsvLine).join('');
          const last = rows.at(-1);
          if (rows.length < EXPORT_BATCH || !last) return;
          after = keyOf(last);
        }
      })();
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
