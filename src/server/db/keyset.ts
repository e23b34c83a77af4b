import { and, eq, gt, lt, or, type Column, type SQL } from 'drizzle-orm';

/** The sort key of the last row of a page: a timestamp and the id that breaks its ties. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

/**
 * The condition for the rows after `cursor` in a list ordered by (time, id), both ascending or both
 * descending; undefined on the first page. The (time, id) index answers it without a scan.
 */
export function afterCursor(
  time: Column,
  id: Column,
  cursor: Cursor | undefined,
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = direction === 'asc' ? gt : lt;
  return or(beyond(time, cursor.createdAt), and(eq(time, cursor.createdAt), beyond(id, cursor.id)));
}
