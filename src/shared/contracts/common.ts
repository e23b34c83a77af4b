import { Type, type Static, type TProperties } from 'typebox';
import { ERROR_CODES } from '../errors.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum([...ERROR_CODES]),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const PAGE_SIZE_MAX = 100;

const pageProperties = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

/**
 * A list's query string: keyset pagination (`cursor` is opaque, the previous page's `nextCursor`)
 * plus the list's own filters.
 */
export function pageQuery<Filters extends TProperties>(filters: Filters) {
  return Type.Object({ ...pageProperties, ...filters }, { additionalProperties: false });
}

export const Timestamp = Type.String({ format: 'date-time' });
