import { param, sql, type Column, type SQL } from 'drizzle-orm';

/** The sort key of the last row of a page: a timestamp and the id that breaks its ties. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

/**
 * The condition for the rows after `cursor` in a list ordered by (time, id), both ascending or both
 * descending; undefined on the first page. Written as a row comparison, `(time, id) < (…, …)`, so a
 * (…, time, id) index starts its scan at the cursor: with `time < … or (time = … and id < …)` it read
 * every row before the cursor, and page 201 cost 200 times page 1.
 */
export function afterCursor(
  time: Column,
  id: Column,
  cursor: Cursor | undefined,
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!cursor) return undefined;
  const operator = sql.raw(direction === 'asc' ? '>' : '<');
  return sql`(${time}, ${id}) ${operator} (${param(cursor.createdAt, time)}, ${param(cursor.id, id)})`;
}
