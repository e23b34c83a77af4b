import type { Db } from './connection.js';

/**
 * A statement built once per database handle (give it placeholders and `.prepare(name)`), for hot
 * queries. Drizzle otherwise builds a query's SQL at every execution, and in the busiest requests that
 * cost more app time than anything else. A transaction is a handle of its own: it builds its own copy.
 */
export function builtOncePer<Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    const found = built.get(db);
    if (found) return found;
    const statement = build(db);
    built.set(db, statement);
    return statement;
  };
}
