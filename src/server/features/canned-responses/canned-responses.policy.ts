import type { Role } from '../../../shared/roles.js';

export interface CannedCaller {
  id: string;
  role: Role;
}

/** Staff see the shared responses and their own. */
export const maySee = (caller: CannedCaller, row: { ownerId: string | null }): boolean =>
  caller.role !== 'customer' && (row.ownerId === null || row.ownerId === caller.id);

/** Only the owner changes their own; only admins change shared ones. */
export const mayManage = (caller: CannedCaller, row: { ownerId: string | null }): boolean =>
  caller.role !== 'customer' && (row.ownerId === null ? caller.role === 'admin' : row.ownerId === caller.id);
