import { validationFailed } from '../../errors.js';

/** A keyset cursor for lists sorted by a text column and then the id (titles, tag names). */
export interface TextCursor {
  text: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeTextCursor = (cursor: TextCursor): string =>
  Buffer.from(JSON.stringify([cursor.text, cursor.id])).toString('base64url');

export function decodeTextCursor(raw: string | undefined): TextCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [text, id] = parsed as unknown[];
      if (typeof text === 'string' && typeof id === 'string' && UUID.test(id)) return { text, id };
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
}

/** A page from `limit + 1` rows, the extra one only saying that another page exists. */
export function toTextPage<Row, Item>(
  rows: Row[],
  limit: number,
  view: (row: Row) => Item,
  key: (row: Row) => TextCursor,
) {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(view),
    nextCursor: rows.length > limit && last ? encodeTextCursor(key(last)) : null,
  };
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
