import type { CannedResponseView } from '../../../shared/contracts/canned-responses.js';
import type { CannedResponseRow } from '../../db/schema.js';
import { mayManage, type CannedCaller } from './canned-responses.policy.js';

export const toCannedResponseView = (row: CannedResponseRow, caller: CannedCaller): CannedResponseView => ({
  id: row.id,
  title: row.title,
  body: row.body,
  shared: row.ownerId === null,
  editable: mayManage(caller, row),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
