import {
  CATEGORY_LIMIT,
  type CategoryList,
  type CategoryView,
  type CreateCategoryBody,
  type UpdateCategoryBody,
} from '../../../shared/contracts/categories.js';
import type { Db } from '../../db/connection.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { CategoryRow } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { recordCategoryChange } from '../audit/audit.hooks.js';
import { createCategoriesRepo } from './categories.repo.js';

export const toCategoryView = (row: CategoryRow): CategoryView => ({
  id: row.id,
  name: row.name,
  autoAssign: row.autoAssign,
  archived: row.archivedAt !== null,
});

const nameTaken = () =>
  new AppError('CONFLICT', 409, 'A category with this name already exists', [
    { field: 'name', message: 'is already used by another category' },
  ]);

export function createCategoriesService(db: Db, now: () => Date = () => new Date()) {
  const repo = createCategoriesRepo(db);

  return {
    async list(includeArchived: boolean): Promise<CategoryList> {
      return { items: (await repo.list(includeArchived)).map(toCategoryView) };
    },

    /** The given ids, all of active categories, or a 400 naming the field. */
    async requireActive(ids: string[], field: string): Promise<CategoryRow[]> {
      const found = await repo.findActiveByIds(ids);
      if (found.length !== new Set(ids).size) {
        throw new AppError('VALIDATION_FAILED', 400, 'Some fields are not valid', [
          { field, message: 'contains a category that does not exist or is archived' },
        ]);
      }
      return found;
    },

    async create(body: CreateCategoryBody, actorId: string): Promise<CategoryView> {
      if ((await repo.count()) >= CATEGORY_LIMIT) {
        throw new AppError('CONFLICT', 409, `There can be at most ${CATEGORY_LIMIT} categories`);
      }
      const row = await db.transaction(async (tx) => {
        const inserted = await createCategoriesRepo(tx).insert({
          name: body.name.trim(),
          autoAssign: body.autoAssign ?? false,
        });
        if (inserted) await recordCategoryChange(tx, actorId, undefined, inserted);
        return inserted;
      });
      if (!row) throw nameTaken();
      return toCategoryView(row);
    },

    async update(id: string, body: UpdateCategoryBody, actorId: string): Promise<CategoryView> {
      const changes: Partial<Pick<CategoryRow, 'name' | 'autoAssign' | 'archivedAt'>> = {};
      if (body.name !== undefined) changes.name = body.name.trim();
      if (body.autoAssign !== undefined) changes.autoAssign = body.autoAssign;
      if (body.archived !== undefined) changes.archivedAt = body.archived ? now() : null;
      try {
        const row = await db.transaction(async (tx) => {
          const txRepo = createCategoriesRepo(tx);
          const before = await txRepo.findById(id);
          const after = before && (await txRepo.update(id, changes));
          if (after) await recordCategoryChange(tx, actorId, before, after);
          return after;
        });
        if (!row) throw notFound('Category');
        return toCategoryView(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },
  };
}
export type CategoriesService = ReturnType<typeof createCategoriesService>;
