import type { DeviceView } from '../../../shared/contracts/account.js';
import type { TrustedDeviceRow } from '../../db/schema.js';

/** A remembered browser as its owner sees it; `currentHash` is the hash of this browser's token. */
export const toDeviceView = (row: TrustedDeviceRow, currentHash: string | undefined): DeviceView => ({
  id: row.id,
  current: row.tokenHash === currentHash,
  userAgent: row.userAgent,
  ip: row.ip,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
});
