import type { Db } from '../../db/connection.js';
import { createPresenceRepo, seenSinceColumn } from './presence.repo.js';

/**
 * Seen this recently counts as online. Requests touch a session's last-seen time at most once a
 * minute, so an active user is never seen longer ago than that.
 */
export const ONLINE_WITHIN_MS = 2 * 60_000;

/**
 * Whether a user is around to read what happens now, or should get an email about it. The only place
 * that decides it: for now from their sessions' last-seen times.
 */
const onlineSince = (now: Date) => new Date(now.getTime() - ONLINE_WITHIN_MS);

/** isOnline as a column of another query about `userId` (a column or a value), to save a round trip. */
export const onlineColumn = (userId: unknown, now: Date) => seenSinceColumn(userId, onlineSince(now));

export function createPresenceService(db: Db, now: () => Date = () => new Date()) {
  const repo = createPresenceRepo(db);
  return {
    isOnline: (userId: string): Promise<boolean> => repo.seenSince(userId, onlineSince(now())),
  };
}
export type PresenceService = ReturnType<typeof createPresenceService>;
