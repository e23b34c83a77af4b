import { Type, type Static } from 'typebox';
import { pageQuery, Timestamp, Nullable } from './common.js';

export const CANNED_TITLE_MAX = 100;
export const CANNED_BODY_MAX = 10_000;

const Title = Type.String({ minLength: 1, maxLength: CANNED_TITLE_MAX, pattern: '\\S' });
const Body = Type.String({ minLength: 1, maxLength: CANNED_BODY_MAX, pattern: '\\S' });

export const CannedResponseView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** Plain text with placeholders such as {{customer.firstName}} (see shared/canned-placeholders.ts). */
  body: Type.String(),
  /** Shared with every staff member (kept by admins) rather than the caller's own. */
  shared: Type.Boolean(),
  /** Whether the caller may edit and delete it. */
  editable: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CannedResponseView = Static<typeof CannedResponseView>;

export const CannedResponsePage = Type.Object({
  items: Type.Array(CannedResponseView),
  nextCursor: Nullable(Type.String()),
});
export type CannedResponsePage = Static<typeof CannedResponsePage>;

/** By title; `q` matches part of the title. */
export const ListCannedResponsesQuery = pageQuery({
  q: Type.Optional(Type.String({ maxLength: CANNED_TITLE_MAX })),
});
export type ListCannedResponsesQuery = Static<typeof ListCannedResponsesQuery>;

export const CreateCannedResponseBody = Type.Object(
  {
    title: Title,
    body: Body,
    /** Admins only: true keeps it for the whole team. */
    shared: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateCannedResponseBody = Static<typeof CreateCannedResponseBody>;

export const UpdateCannedResponseBody = Type.Object(
  { title: Type.Optional(Title), body: Type.Optional(Body) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCannedResponseBody = Static<typeof UpdateCannedResponseBody>;
