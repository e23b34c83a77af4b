import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** What drizzle keeps on a prepared select: its selection in column order, and which joins may be null. */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Output {
  path: string[];
  index: number;
  decoder: Decoder | undefined;
}

/** A nested object that becomes null when its first column is null (a left join that found nothing). */
interface NullableJoin {
  name: string;
  index: number;
}

/** The decoder drizzle's own mapper would use for a selected field (its mapResultRow). */
function decoderOf(field: unknown): Decoder | undefined {
  const decoder = is(field, Column)
    ? field
    : is(field, SQL)
      ? (field as unknown as { decoder: Decoder }).decoder
      : is(field, Subquery)
        ? (field as unknown as { _: { sql: { decoder: Decoder } } })._.sql.decoder
        : (field as { sql: { decoder: Decoder } }).sql.decoder;
  // The base column's decoder returns what it is given: nothing to call.
  return decoder.mapFromDriverValue === Column.prototype.mapFromDriverValue ? undefined : decoder;
}

/**
 * The joins whose object drizzle turns into null: those whose first column is of a table that may be
 * missing, when every column of the object comes from that table (drizzle's mapResultRow rule).
 */
function nullableJoins(
  fields: NonNullable<PreparedSelect['fields']>,
  notNullable: Record<string, boolean>,
): NullableJoin[] {
  const byObject = new Map<string, { index: number; table: string; oneTable: boolean }>();
  fields.forEach(({ path, field }, index) => {
    if (path.length !== 2 || !is(field, Column)) return;
    const [name] = path as [string];
    const table = getTableName(field.table);
    const found = byObject.get(name);
    if (!found) byObject.set(name, { index, table, oneTable: true });
    else if (found.table !== table) found.oneTable = false;
  });
  return [...byObject]
    .filter(([, join]) => join.oneTable && !notNullable[join.table])
    .map(([name, join]) => ({ name, index: join.index }));
}

/**
 * Gives a prepared select a row mapper worked out once, which returns what drizzle's own would. Drizzle
 * works out each value's decoder and path again for every value of every row; in a list page of 25
 * tickets that was about a tenth of the app's time.
 */
export function withRowMapper<Prepared>(prepared: Prepared): Prepared {
  const select = prepared as PreparedSelect;
  const fields = select.fields;
  if (!fields || select.customResultMapper) return prepared;
  const outputs: Output[] = fields.map(({ path, field }, index) => ({
    path,
    index,
    decoder: decoderOf(field),
  }));
  const joins = select.joinsNotNullableMap ? nullableJoins(fields, select.joinsNotNullableMap) : [];

  const mapRow = (row: unknown[]) => {
    const result: Record<string, unknown> = {};
    for (const { path, index, decoder } of outputs) {
      let node = result;
      const last = path.length - 1;
      for (let depth = 0; depth < last; depth++) {
        const key = path[depth] as string;
        node = (node[key] ??= {}) as Record<string, unknown>;
      }
      const raw = row[index];
      node[path[last] as string] = raw === null || !decoder ? raw : decoder.mapFromDriverValue(raw);
    }
    for (const { name, index } of joins) if (row[index] === null) result[name] = null;
    return result;
  };
  select.customResultMapper = (rows) => rows.map(mapRow);
  return prepared;
}
