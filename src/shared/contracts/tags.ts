import { Type, type Static } from 'typebox';
import { pageQuery, Nullable } from './common.js';

export const TAG_NAME_MAX = 30;
/** The most tags one ticket carries. */
export const TAGS_PER_TICKET = 10;

export const TagName = Type.String({ minLength: 1, maxLength: TAG_NAME_MAX, pattern: '\\S' });

export const TagView = Type.Object({ id: Type.String(), name: Type.String() });
export type TagView = Static<typeof TagView>;

export const TagPage = Type.Object({
  items: Type.Array(TagView),
  nextCursor: Nullable(Type.String()),
});
export type TagPage = Static<typeof TagPage>;

/** By name; `q` matches the start of the name, whatever its case (autocomplete). */
export const ListTagsQuery = pageQuery({ q: Type.Optional(Type.String({ maxLength: TAG_NAME_MAX })) });
export type ListTagsQuery = Static<typeof ListTagsQuery>;

/** The ticket's whole set of tags; names not used before become new tags. */
export const SetTicketTagsBody = Type.Object(
  { tags: Type.Array(TagName, { maxItems: TAGS_PER_TICKET }) },
  { additionalProperties: false },
);
export type SetTicketTagsBody = Static<typeof SetTicketTagsBody>;

export const TicketTagsView = Type.Object({ tags: Type.Array(Type.String(), { maxItems: TAGS_PER_TICKET }) });
export type TicketTagsView = Static<typeof TicketTagsView>;
