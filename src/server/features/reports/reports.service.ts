import {
  BACKLOG_STATUSES,
  REPORT_MAX_DAYS,
  type AgentsReport,
  type BacklogDay,
  type BacklogReport,
  type PagedReportQuery,
  type ReportQuery,
  type ResponseTimesReport,
  type SatisfactionReport,
  type VolumeReport,
} from '../../../shared/contracts/reports.js';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { validationFailed } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { createReportCache } from './report-cache.js';
import { createReportsRepo, type ReportScope, type ReportsRepo } from './reports.repo.js';
import { toComment, toDurationStats, toAgentRow } from './reports.view.js';

const DAY_MS = 86_400_000;
const COMMENTS_PER_PAGE = 20;
const AGENTS_PER_PAGE = 100;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Every day of the range, both ends included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dayString(n));
  return days;
}

/** The Monday of every week that overlaps the range. */
export function weeksOf(from: string, to: string): string[] {
  const first = dayNumber(from);
  // 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 === 0.
  const monday = first - ((first + 3) % 7);
  const weeks: string[] = [];
  for (let n = monday; n <= dayNumber(to); n += 7) weeks.push(dayString(n));
  return weeks;
}

/** How long a report's numbers are reused for the same query (README: Reports). */
export const REPORT_CACHE_MS = 30_000;

/**
 * The reports of issue 6, for admins: aggregates over a period of at most REPORT_MAX_DAYS days.
 * `cacheMs`: how long this instance reuses a result for the same report and query, on `now`'s clock.
 */
export function createReportsService(
  db: Db,
  { cacheMs = REPORT_CACHE_MS, now = () => new Date() }: { cacheMs?: number; now?: () => Date } = {},
) {
  const repo = createReportsRepo(db);
  const cached = createReportCache({ ttlMs: cacheMs, now: () => now().getTime() });
  const keyOf = (report: string, query: PagedReportQuery) =>
    JSON.stringify([
      report,
      query.from,
      query.to,
      query.categoryId,
      query.agentId,
      query.limit,
      query.cursor,
    ]);

  /**
   * Report queries scan many rows: the planner's estimates make PostgreSQL JIT-compile them, which
   * costs seconds and saves nothing here, and sorting for percentiles wants more than the default
   * work_mem. Both are set for the report's own transaction only.
   */
  function reading<T>(work: (reports: ReportsRepo) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      // set_config(…, true) is SET LOCAL; one statement sets both.
      await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
      return work(createReportsRepo(tx));
    });
  }

  async function scopeOf(query: ReportQuery): Promise<ReportScope> {
    const from = dayNumber(query.from);
    const to = dayNumber(query.to);
    if (to < from) throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
    if (to - from + 1 > REPORT_MAX_DAYS) {
      throw validationFailed([
        { field: 'to', message: `must be at most ${REPORT_MAX_DAYS} days after from` },
      ]);
    }
    return {
      from: query.from,
      to: query.to,
      timeZone: await repo.timeZone(),
      categoryId: query.categoryId,
      agentId: query.agentId,
    };
  }
  const range = (scope: ReportScope) => ({ from: scope.from, to: scope.to, timeZone: scope.timeZone });

  return {
    volume: (query: ReportQuery): Promise<VolumeReport> =>
      cached(keyOf('volume', query), async () => {
        const scope = await scopeOf(query);
        const counted = new Map((await reading((r) => r.volume(scope))).map((row) => [row.day, row]));
        const days = daysOf(scope.from, scope.to).map((day) => ({
          day,
          created: counted.get(day)?.created ?? 0,
          resolved: counted.get(day)?.resolved ?? 0,
        }));
        return {
          ...range(scope),
          days,
          totals: {
            created: days.reduce((sum, day) => sum + day.created, 0),
            resolved: days.reduce((sum, day) => sum + day.resolved, 0),
          },
        };
      }),

    backlog: (query: ReportQuery): Promise<BacklogReport> =>
      cached(keyOf('backlog', query), async () => {
        const scope = await scopeOf(query);
        const rows = await reading((r) => r.backlogDeltas(scope));
        const deltas = new Map(rows.map((row) => [`${row.day ?? 'before'} ${row.status}`, row.delta]));
        const running = new Map(
          BACKLOG_STATUSES.map((status) => [status, deltas.get(`before ${status}`) ?? 0]),
        );
        const days = daysOf(scope.from, scope.to).map((day) => {
          const entry = { day, total: 0 } as BacklogDay;
          for (const status of BACKLOG_STATUSES) {
            const count = (running.get(status) ?? 0) + (deltas.get(`${day} ${status}`) ?? 0);
            running.set(status, count);
            entry[status] = count;
            entry.total += count;
          }
          return entry;
        });
        return { ...range(scope), days };
      }),

    responseTimes: (query: ReportQuery): Promise<ResponseTimesReport> =>
      cached(keyOf('responseTimes', query), async () => {
        const scope = await scopeOf(query);
        // Two transactions at once: each sorts up to a year of tickets, on its own connection and core.
        const [first, resolved] = await Promise.all([
          reading((r) => r.firstResponses(scope)),
          reading((r) => r.resolutions(scope)),
        ]);
        const byWeek = (rows: typeof first) => new Map(rows.map((row) => [row.week, row]));
        const firstByWeek = byWeek(first);
        const resolvedByWeek = byWeek(resolved);
        return {
          ...range(scope),
          weeks: weeksOf(scope.from, scope.to).map((weekStart) => ({
            weekStart,
            firstResponse: toDurationStats(firstByWeek.get(weekStart)),
            resolution: toDurationStats(resolvedByWeek.get(weekStart)),
          })),
          overall: {
            firstResponse: toDurationStats(firstByWeek.get(null)),
            resolution: toDurationStats(resolvedByWeek.get(null)),
          },
        };
      }),

    satisfaction: (query: PagedReportQuery): Promise<SatisfactionReport> =>
      cached(keyOf('satisfaction', query), async () => {
        const scope = await scopeOf(query);
        const limit = query.limit ?? COMMENTS_PER_PAGE;
        const cursor = decodeCursor(query.cursor);
        const [distribution, comments] = await reading(async (r) => [
          await r.ratingDistribution(scope),
          await r.comments(scope, limit + 1, cursor),
        ]);
        const counts = new Map(distribution.map((row) => [row.stars, row.ratings]));
        const stars = [1, 2, 3, 4, 5].map((n) => ({ stars: n, ratings: counts.get(n) ?? 0 }));
        const ratings = stars.reduce((sum, row) => sum + row.ratings, 0);
        const points = stars.reduce((sum, row) => sum + row.stars * row.ratings, 0);
        return {
          ...range(scope),
          ratings,
          averageStars: ratings === 0 ? null : Math.round((points / ratings) * 100) / 100,
          distribution: stars,
          comments: toPage(comments, limit, toComment, (row) => ({
            createdAt: new Date(row.created_at),
            id: row.id,
          })),
        };
      }),

    agents: (query: PagedReportQuery): Promise<AgentsReport> =>
      cached(keyOf('agents', query), async () => {
        const scope = await scopeOf(query);
        const limit = query.limit ?? AGENTS_PER_PAGE;
        const cursor = decodeCursor(query.cursor);
        const { agents, metrics } = await reading(async (r) => {
          const agents = await r.agentPage(scope.agentId, limit + 1, cursor);
          const ids = agents.slice(0, limit).map((agent) => agent.id);
          return {
            agents,
            metrics: new Map((await r.agentMetrics(scope, ids)).map((row) => [row.agent_id, row])),
          };
        });
        const page = toPage(
          agents,
          limit,
          (agent) => toAgentRow(agent, metrics.get(agent.id)),
          (agent) => ({ createdAt: new Date(agent.created_at), id: agent.id }),
        );
        return { ...range(scope), ...page };
      }),
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
