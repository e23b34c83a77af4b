import { and, asc, eq, gt, inArray, notInArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import { TAGS_PER_TICKET } from '../../../shared/contracts/tags.js';
import { queryRows, type Db } from '../../db/connection.js';
import { tags, ticketTags } from '../../db/schema.js';
import { escapeLike, type TextCursor } from '../canned-responses/text-cursor.js';

const lowerName = sql<string>`lower(${tags.name})`;

/**
 * "The ticket carries this tag" for a ticket list's WHERE: the tag's id comes from the unique
 * lower(name) index, then ticket_tags_tag_idx (tag_id, ticket_id) answers the EXISTS per row.
 */
/** `name`: a trimmed tag name (a value or a placeholder); matched whatever its case. */
export function hasTag(ticketId: Column, name: unknown): SQL {
  return sql`exists (select 1 from ${ticketTags} where ${ticketTags.tagId} = (select ${tags.id} from ${tags} where lower(${tags.name}) = lower(${name})) and ${ticketTags.ticketId} = ${ticketId})`;
}

/**
 * A ticket's tag names by name (at most TAGS_PER_TICKET), as a column of a ticket query; null unless
 * `staff`. `ticketId`: a value, or a column Drizzle writes with its table (a select with joins): a bare
 * "id" would mean the tag's.
 */
export const tagNamesColumn = (ticketId: Column | SQL, staff: unknown) =>
  sql<
    string[] | null
  >`(select (array_agg(g.name order by lower(g.name)))[1:${sql.raw(String(TAGS_PER_TICKET))}]
    from ticket_tags tt join tags g on g.id = tt.tag_id
    where ${staff}::boolean and tt.ticket_id = ${ticketId})`;

/** One ticket's tag names, as its list and page show them. */
export async function tagNamesOf(db: Db, ticketId: string): Promise<string[]> {
  const [row] = await queryRows<{ names: string[] | null }>(
    db,
    sql`select ${tagNamesColumn(sql`${ticketId}::uuid`, true)} as names`,
  );
  return row?.names ?? [];
}

export function createTagsRepo(db: Db) {
  return {
    /** By lower-case name; `prefix` matches the start of the name whatever its case. */
    page(prefix: string | undefined, limit: number, after?: TextCursor) {
      return db
        .select({ id: tags.id, name: tags.name, key: lowerName })
        .from(tags)
        .where(
          and(
            prefix ? sql`${lowerName} like ${`${escapeLike(prefix.toLowerCase())}%`}` : undefined,
            after
              ? or(gt(lowerName, after.text), and(eq(lowerName, after.text), gt(tags.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(asc(lowerName), asc(tags.id))
        .limit(limit);
    },

    /** Makes the ticket carry exactly these tags (distinct whatever their case), creating new ones. */
    async setForTicket(ticketId: string, names: string[], at: Date): Promise<void> {
      if (names.length > 0) {
        await db
          .insert(tags)
          .values(names.map((name) => ({ name, createdAt: at })))
          .onConflictDoNothing();
      }
      const ids =
        names.length === 0
          ? []
          : (
              await db
                .select({ id: tags.id })
                .from(tags)
                .where(
                  inArray(
                    lowerName,
                    names.map((name) => name.toLowerCase()),
                  ),
                )
            ).map((row) => row.id);
      await db
        .delete(ticketTags)
        .where(
          and(
            eq(ticketTags.ticketId, ticketId),
            ids.length > 0 ? notInArray(ticketTags.tagId, ids) : undefined,
          ),
        );
      if (ids.length > 0) {
        await db
          .insert(ticketTags)
          .values(ids.map((tagId) => ({ ticketId, tagId, createdAt: at })))
          .onConflictDoNothing();
      }
    },
  };
}
