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

/**
 * afterCursor for a statement built once (db/prepared.ts): the cursor comes as the placeholders
 * `cursorTime` and `cursorId`.
 */
export function afterCursorPlaceholders(time: Column, id: Column, direction: 'asc' | 'desc'): SQL {
  const operator = sql.raw(direction === 'asc' ? '>' : '<');
  return sql`(${time}, ${id}) ${operator} (${sql.placeholder('cursorTime')}, ${sql.placeholder('cursorId')})`;
}

/**
 * A LIMIT written into the statement's text rather than sent as a parameter. PostgreSQL plans
 * `limit $1` for an unknown number of rows, so a prepared statement with one never wins a generic plan
 * and is planned again at every execution (1.5 ms for a ticket list, more than running it); with the
 * number in the text it is planned once per connection. `rows` is a validated page size, so a
 * statement has at most a hundred or so texts. Drizzle writes an SQL object given as a limit inline.
 */
export const literalLimit = (rows: number): number => {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`not a row count: ${rows}`);
  return sql.raw(String(rows)) as unknown as number;
};
