import {
  SAVED_FILTER_LIMIT,
  SAVED_FILTER_PARAMS,
  type CreateSavedFilterBody,
  type SavedFilterList,
  type SavedFilterParams,
  type SavedFilterView,
  type UpdateSavedFilterBody,
} from '../../../shared/contracts/saved-filters.js';
import type { Db } from '../../db/connection.js';
import type { SavedFilterRow } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { createSavedFiltersRepo } from './saved-filters.repo.js';

/** Only the known list parameters with a value; anything else stored by hand is not sent back. */
export function cleanFilters(filters: Record<string, unknown>): SavedFilterParams {
  const clean: SavedFilterParams = {};
  for (const name of SAVED_FILTER_PARAMS) {
    const value = filters[name];
    if (typeof value === 'string' && value !== '') clean[name] = value;
  }
  return clean;
}

export const toSavedFilterView = (row: SavedFilterRow): SavedFilterView => ({
  id: row.id,
  name: row.name,
  filters: cleanFilters(row.filters),
  pinned: row.pinned,
  createdAt: row.createdAt.toISOString(),
});

export function createSavedFiltersService(db: Db, now: () => Date = () => new Date()) {
  const repo = createSavedFiltersRepo(db);

  return {
    async list(ownerId: string): Promise<SavedFilterList> {
      return { items: (await repo.listOf(ownerId)).map(toSavedFilterView) };
    },

    async create(ownerId: string, body: CreateSavedFilterBody): Promise<SavedFilterView> {
      if ((await repo.countOf(ownerId)) >= SAVED_FILTER_LIMIT) {
        throw new AppError('CONFLICT', 409, `You can keep at most ${SAVED_FILTER_LIMIT} saved filters`);
      }
      const row = await repo.insert({
        ownerId,
        name: body.name.trim(),
        filters: cleanFilters(body.filters),
        pinned: body.pinned ?? false,
        createdAt: now(),
      });
      return toSavedFilterView(row);
    },

    async update(ownerId: string, id: string, body: UpdateSavedFilterBody): Promise<SavedFilterView> {
      const row = await repo.update(ownerId, id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.pinned !== undefined ? { pinned: body.pinned } : {}),
        ...(body.filters !== undefined ? { filters: cleanFilters(body.filters) } : {}),
      });
      if (!row) throw notFound('Saved filter');
      return toSavedFilterView(row);
    },

    async remove(ownerId: string, id: string): Promise<void> {
      if (!(await repo.remove(ownerId, id))) throw notFound('Saved filter');
    },
  };
}
export type SavedFiltersService = ReturnType<typeof createSavedFiltersService>;
