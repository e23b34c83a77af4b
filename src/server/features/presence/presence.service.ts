import type { Db } from '../../db/connection.js';
import { createPresenceRepo } from './presence.repo.js';

/**
 * Seen this recently counts as online. Requests touch a session's last-seen time at most once a
 * minute, so an active user is never seen longer ago than that.
 */
export const ONLINE_WITHIN_MS = 2 * 60_000;

/**
 * Whether a user is around to read what happens now, or should get an email about it. The only place
 * that decides it: for now from their sessions' last-seen times.
 */
export function createPresenceService(db: Db, now: () => Date = () => new Date()) {
  const repo = createPresenceRepo(db);
  return {
    isOnline: (userId: string): Promise<boolean> =>
      repo.seenSince(userId, new Date(now().getTime() - ONLINE_WITHIN_MS)),
  };
}
export type PresenceService = ReturnType<typeof createPresenceService>;
