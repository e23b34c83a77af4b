import { Type, type Static } from 'typebox';
import { Timestamp } from './common.js';

/** The most saved filters one person keeps. */
export const SAVED_FILTER_LIMIT = 50;
export const SAVED_FILTER_NAME_MAX = 60;

/** The ticket-list query parameters a saved filter may hold (the rest of the URL is not saved). */
export const SAVED_FILTER_PARAMS = [
  'status',
  'priority',
  'sla',
  'tag',
  'categoryId',
  'agentId',
  'unassigned',
  'from',
  'to',
  'q',
] as const;
export type SavedFilterParam = (typeof SAVED_FILTER_PARAMS)[number];

const Value = Type.Optional(Type.String({ maxLength: 100 }));
export const SavedFilterParams = Type.Object(
  {
    status: Value,
    priority: Value,
    sla: Value,
    tag: Value,
    categoryId: Value,
    agentId: Value,
    unassigned: Value,
    from: Value,
    to: Value,
    q: Value,
  },
  { additionalProperties: false },
);
export type SavedFilterParams = Partial<Record<SavedFilterParam, string>>;

const Name = Type.String({ minLength: 1, maxLength: SAVED_FILTER_NAME_MAX, pattern: '\\S' });

export const SavedFilterView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  filters: SavedFilterParams,
  pinned: Type.Boolean(),
  createdAt: Timestamp,
});
export type SavedFilterView = Static<typeof SavedFilterView>;

/** Few per person, so one bounded list, oldest first. */
export const SavedFilterList = Type.Object({
  items: Type.Array(SavedFilterView, { maxItems: SAVED_FILTER_LIMIT }),
});
export type SavedFilterList = Static<typeof SavedFilterList>;

export const CreateSavedFilterBody = Type.Object(
  { name: Name, filters: SavedFilterParams, pinned: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateSavedFilterBody = Static<typeof CreateSavedFilterBody>;

export const UpdateSavedFilterBody = Type.Object(
  {
    name: Type.Optional(Name),
    pinned: Type.Optional(Type.Boolean()),
    filters: Type.Optional(SavedFilterParams),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSavedFilterBody = Static<typeof UpdateSavedFilterBody>;
