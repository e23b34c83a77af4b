import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './connection.js';

/**
 * Runs independent writes (inserts built with Drizzle, or `sql`) as one statement, each part a
 * data-modifying WITH query: one round trip instead of one per write, and atomic on its own, so a
 * change made only of these needs no transaction (no BEGIN and COMMIT round trips either).
 *
 * PostgreSQL runs every part exactly once whether or not the main query reads it, all on one snapshot,
 * so no part sees another's rows; foreign keys are checked at the end of the statement, so a part may
 * refer to a row another part inserts. Ids a part needs are drawn in the app beforehand.
 */
export async function writeTogether(db: Db, parts: readonly SQLWrapper[]): Promise<void> {
  const [only] = parts;
  if (parts.length <= 1) {
    if (only) await db.execute(only.getSQL());
    return;
  }
  const queries = parts.map((part, index) => sql`${sql.raw(`part_${index}`)} as (${part.getSQL()})`);
  await db.execute(sql`with ${sql.join(queries, sql`, `)} select 1`);
}
