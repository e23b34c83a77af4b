/**
 * Report results kept for a short while in this instance, keyed by the report and its query, and
 * shared by the requests that ask for the same one at the same time: a report sorts and counts up to
 * a year of tickets, and a team of admins with dashboards open would otherwise have PostgreSQL do it
 * for each of them. A failed computation is not kept.
 */
export function createReportCache({
  ttlMs,
  maxEntries = 200,
  now = Date.now,
}: {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}) {
  const entries = new Map<string, { expires: number; value: Promise<unknown> }>();

  return function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    if (hit && hit.expires > now()) return hit.value as Promise<T>;
    const value = compute();
    const entry = { expires: now() + ttlMs, value };
    // A Map keeps insertion order: re-inserting makes the oldest entry the first one to evict.
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
}
export type ReportCache = ReturnType<typeof createReportCache>;
