import type { Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import { tagNamesFor } from './tags.repo.js';

/**
 * Adds each ticket's tags to its view for staff. A customer's views are returned untouched: tags are
 * internal labels and never reach them.
 */
export async function withTags<View extends { id: string }>(
  db: Db,
  viewerRole: Role,
  views: View[],
): Promise<(View & { tags?: string[] })[]> {
  if (viewerRole === 'customer' || views.length === 0) return views;
  const names = await tagNamesFor(
    db,
    views.map((view) => view.id),
  );
  return views.map((view) => ({ ...view, tags: names.get(view.id) ?? [] }));
}
