import { Type, type Static } from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });

export const CategoryView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  autoAssign: Type.Boolean(),
  archived: Type.Boolean(),
});
export type CategoryView = Static<typeof CategoryView>;

/** Categories are few (an admin's list), so they come in one bounded list, not pages. */
export const CATEGORY_LIMIT = 200;
export const CategoryList = Type.Object({ items: Type.Array(CategoryView, { maxItems: CATEGORY_LIMIT }) });
export type CategoryList = Static<typeof CategoryList>;

export const ListCategoriesQuery = Type.Object(
  { includeArchived: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type ListCategoriesQuery = Static<typeof ListCategoriesQuery>;

export const CreateCategoryBody = Type.Object(
  { name: Name, autoAssign: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Name),
    autoAssign: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;
