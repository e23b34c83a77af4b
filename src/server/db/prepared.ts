import type { Db } from './connection.js';
import { withRowMapper } from './row-mapper.js';

/**
 * A statement built once per database handle (give it placeholders and `.prepare(name)`), for hot
 * queries. Drizzle otherwise builds a query's SQL at every execution, and in the busiest requests that
 * cost more app time than anything else. A transaction is a handle of its own: it builds its own copy.
 * A prepared select also gets a row mapper worked out once (withRowMapper).
 */
export function builtOncePer<Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    const found = built.get(db);
    if (found) return found;
    const statement = withRowMapper(build(db));
    built.set(db, statement);
    return statement;
  };
}

/**
 * builtOncePer for statements that come in shapes (which filters a list has, its page size…): one
 * prepared statement per shape and handle, named `<prefix>_<n>`. Past `maxShapes` in the process, a
 * new shape is built at each call, unprepared: still correct, only slower.
 */
export function preparedPerShape<Shape, Query extends { prepare(name: string): unknown }>(
  prefix: string,
  build: (db: Db, shape: Shape) => Query,
  maxShapes = 500,
): (db: Db, shape: Shape) => ReturnType<Query['prepare']> | Query {
  type Prepared = ReturnType<Query['prepare']>;
  const names = new Map<string, string>();
  const kept = new WeakMap<Db, Map<string, Prepared>>();
  return (db, shape) => {
    const key = JSON.stringify(shape);
    const ofDb = kept.get(db) ?? new Map<string, Prepared>();
    kept.set(db, ofDb);
    const found = ofDb.get(key);
    if (found) return found;
    let name = names.get(key);
    if (!name && names.size < maxShapes) {
      name = `${prefix}_${names.size + 1}`;
      names.set(key, name);
    }
    if (!name) return build(db, shape);
    const prepared = withRowMapper(build(db, shape).prepare(name) as Prepared);
    ofDb.set(key, prepared);
    return prepared;
  };
}
