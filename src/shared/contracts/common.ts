import { Type, type Static, type TProperties, type TSchema } from 'typebox';
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

/**
 * `schema` or null, written as OpenAPI's `nullable` rather than a union with null. Fastify's
 * serializer writes a union by validating the value against each branch in turn (a regular
 * expression for every date-time), which took about a third of a list page's serialisation;
 * `nullable` is a null check. Ajv knows the keyword too, but only beside a `type`, and an `enum`
 * must list null itself.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const values = (schema as { enum?: unknown[] }).enum;
  const typed = values ? { type: 'string', ...schema, enum: [...values, null] } : schema;
  return Type.Unsafe<Static<T> | null>({ ...typed, nullable: true });
}
