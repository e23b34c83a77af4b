import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/connection.js';
import type { Cursor } from '../../db/keyset.js';

/** A report's period and filters, resolved: days in the business time zone, both included. */
export interface ReportScope {
  from: string;
  to: string;
  timeZone: string;
  categoryId?: string | undefined;
  agentId?: string | undefined;
}

export interface DurationRow {
  week: string | null;
  count: number;
  median: number | null;
  p90: number | null;
  with_target: number;
  within_target: number;
}

export interface CommentRow {
  id: string;
  stars: number;
  comment: string;
  created_at: Date | string;
  ticket_id: string;
  reference: string;
  agent_name: string | null;
}

export interface AgentMetricsRow {
  agent_id: string;
  handled: number;
  open_now: number;
  median_first_response: number | null;
  median_resolution: number | null;
  ratings: number;
  average_rating: number | null;
}

// The period as instants: from the start of `from` to the start of the day after `to`, in the zone.
const start = (scope: ReportScope) => sql`(${scope.from}::date::timestamp at time zone ${scope.timeZone})`;
const end = (scope: ReportScope) => sql`((${scope.to}::date + 1)::timestamp at time zone ${scope.timeZone})`;
const inPeriod = (column: SQL, scope: ReportScope) =>
  sql`${column} >= ${start(scope)} and ${column} < ${end(scope)}`;
// Grouped on the date, formatted once per group (to_char on every row costs more than the grouping).
const dayOf = (column: SQL, scope: ReportScope) => sql`(${column} at time zone ${scope.timeZone})::date`;
// Weeks start on Monday (ISO), as date_trunc counts them.
const weekOf = (column: SQL, scope: ReportScope) =>
  sql`date_trunc('week', ${column} at time zone ${scope.timeZone})`;

/** `and …` for the category and agent filters on a table aliased `t`. */
function ticketFilters(scope: ReportScope, alias = sql`t`): SQL {
  return sql.join(
    [
      sql``,
      ...(scope.categoryId ? [sql`${alias}.category_id = ${scope.categoryId}`] : []),
      ...(scope.agentId ? [sql`${alias}.agent_id = ${scope.agentId}`] : []),
    ],
    sql` and `,
  );
}
const filtersOf = (scope: ReportScope, alias?: SQL) =>
  scope.categoryId || scope.agentId ? ticketFilters(scope, alias) : sql``;

// date_part, not extract: since PostgreSQL 14 extract returns numeric, and sorting a year of numerics
// for the percentiles took three times as long as sorting doubles.
const minutes = (later: SQL, earlier: SQL) => sql`date_part('epoch', ${later} - ${earlier}) / 60`;
const rounded = (value: SQL, places: number) =>
  sql`round((${value})::numeric, ${sql.raw(String(places))})::float8`;

/** Every report's SQL: aggregates computed in the database, never rows loaded into Node. */
export function createReportsRepo(db: Db) {
  /** Time from creation to `at` of the tickets whose `at` falls in the period, per week and overall. */
  function durations(scope: ReportScope, measure: { at: SQL; withTarget: SQL; within: SQL }) {
    return queryRows<DurationRow>(
      db,
      sql`select y.week, y.count, ${rounded(sql`y.percentiles[1]`, 1)} as median,
                 ${rounded(sql`y.percentiles[2]`, 1)} as p90, y.with_target, y.within_target
          from (
          select to_char(x.week, 'YYYY-MM-DD') as week, count(*)::int as count,
                 -- Both percentiles from one sort.
                 percentile_cont(array[0.5, 0.9]) within group (order by x.minutes) as percentiles,
                 (count(*) filter (where x.with_target))::int as with_target,
                 (count(*) filter (where x.within))::int as within_target
            from (select ${weekOf(measure.at, scope)} as week, ${minutes(measure.at, sql`t.created_at`)} as minutes,
                         coalesce(${measure.withTarget}, false) as with_target, coalesce(${measure.within}, false) as within
                    from tickets t
                   where ${inPeriod(measure.at, scope)}${filtersOf(scope)}) x
           group by rollup (x.week)) y order by y.week`,
    );
  }

  return {
    /** The business time zone (app_settings business_hours.timeZone), UTC when unset. */
    async timeZone(): Promise<string> {
      const rows = await queryRows<{ tz: string }>(
        db,
        sql`select coalesce((select value->>'timeZone' from app_settings where key = 'business_hours'), 'UTC') as tz`,
      );
      return rows[0]?.tz ?? 'UTC';
    },

    /** Tickets created per day and resolved per day (only days with any). */
    async volume(scope: ReportScope) {
      const t = sql`t`;
      return queryRows<{ day: string; created: number; resolved: number }>(
        db,
        sql`select to_char(day, 'YYYY-MM-DD') as day, sum(created)::int as created, sum(resolved)::int as resolved from (
              select ${dayOf(sql`t.created_at`, scope)} as day, count(*) as created, 0 as resolved
                from tickets ${t} where ${inPeriod(sql`t.created_at`, scope)}${filtersOf(scope)} group by 1
              union all
              select ${dayOf(sql`t.resolved_at`, scope)}, 0, count(*)
                from tickets ${t} where ${inPeriod(sql`t.resolved_at`, scope)}${filtersOf(scope)} group by 1
            ) counts group by day order by day`,
      );
    },

    /**
     * The trigger-kept backlog deltas of the period, per day and status, plus one row per status (day
     * null) with the sum of everything before the period: the backlog at the end of a day is the latter
     * plus the running sum of the former.
     */
    async backlogDeltas(scope: ReportScope) {
      const d = sql`d`;
      return queryRows<{ day: string | null; status: string; delta: number }>(
        db,
        sql`select null as day, status, sum(delta)::int as delta from backlog_deltas ${d}
             where day < ${scope.from}::date${filtersOf(scope, d)} group by status
            union all
            select to_char(day, 'YYYY-MM-DD'), status, sum(delta)::int from backlog_deltas ${d}
             where day >= ${scope.from}::date and day <= ${scope.to}::date${filtersOf(scope, d)}
             group by day, status`,
      );
    },

    /** First response times of the tickets first answered in the period, per week and overall (week null). */
    firstResponses: (scope: ReportScope) =>
      durations(scope, {
        at: sql`t.first_response_at`,
        withTarget: sql`t.first_response_due_at is not null`,
        within: sql`t.first_response_at <= t.first_response_due_at`,
      }),

    /** Resolution times of the tickets resolved in the period, per week and overall (week null). */
    resolutions: (scope: ReportScope) =>
      durations(scope, {
        at: sql`t.resolved_at`,
        withTarget: sql`t.resolution_due_at is not null or t.resolution_breached`,
        within: sql`t.resolved_at <= t.resolution_due_at and not t.resolution_breached`,
      }),

    /** Ratings given in the period: count per star. */
    async ratingDistribution(scope: ReportScope) {
      return queryRows<{ stars: number; ratings: number }>(
        db,
        sql`select r.stars, count(*)::int as ratings
              from ticket_ratings r ${scope.categoryId ? sql`join tickets t on t.id = r.ticket_id` : sql``}
             where ${inPeriod(sql`r.created_at`, scope)}
               ${scope.categoryId ? sql`and t.category_id = ${scope.categoryId}` : sql``}
               ${scope.agentId ? sql`and r.agent_id = ${scope.agentId}` : sql``}
             group by r.stars order by r.stars`,
      );
    },

    /** The period's ratings with a comment, newest first, after `cursor`. */
    async comments(scope: ReportScope, limit: number, cursor: Cursor | undefined) {
      return queryRows<CommentRow>(
        db,
        sql`select r.id, r.stars, r.comment, r.created_at, t.id as ticket_id, t.reference, u.full_name as agent_name
              from ticket_ratings r
              join tickets t on t.id = r.ticket_id
              left join users u on u.id = r.agent_id
             where ${inPeriod(sql`r.created_at`, scope)}
               and r.comment is not null and btrim(r.comment) <> ''
               ${scope.categoryId ? sql`and t.category_id = ${scope.categoryId}` : sql``}
               ${scope.agentId ? sql`and r.agent_id = ${scope.agentId}` : sql``}
               ${cursor ? sql`and (r.created_at, r.id) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)` : sql``}
             order by r.created_at desc, r.id desc
             limit ${limit}`,
      );
    },

    /** Agents (not pending or rejected) in the order they joined, after `cursor`. */
    async agentPage(agentId: string | undefined, limit: number, cursor: Cursor | undefined) {
      return queryRows<{ id: string; full_name: string; created_at: Date | string }>(
        db,
        sql`select id, full_name, created_at from users
             where role = 'agent' and status in ('active', 'deactivated')
               ${agentId ? sql`and id = ${agentId}` : sql``}
               ${cursor ? sql`and (created_at, id) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)` : sql``}
             order by created_at, id
             limit ${limit}`,
      );
    },

    /** Each given agent's numbers for the period (tickets filtered by category when asked). */
    async agentMetrics(scope: ReportScope, agentIds: string[]) {
      if (agentIds.length === 0) return [];
      const ids = sql.join(
        agentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const category = scope.categoryId ? sql`and t.category_id = ${scope.categoryId}` : sql``;
      return queryRows<AgentMetricsRow>(
        db,
        sql`with agents as (select unnest(array[${ids}]) as agent_id),
            resolved as (
              select t.agent_id, count(*)::int as handled,
                     percentile_cont(0.5) within group (order by ${minutes(sql`t.resolved_at`, sql`t.created_at`)}) as median
                from tickets t
               where t.agent_id in (${ids}) and ${inPeriod(sql`t.resolved_at`, scope)} ${category}
               group by t.agent_id
            ), responded as (
              select t.agent_id,
                     percentile_cont(0.5) within group (order by ${minutes(sql`t.first_response_at`, sql`t.created_at`)}) as median
                from tickets t
               where t.agent_id in (${ids}) and ${inPeriod(sql`t.first_response_at`, scope)} ${category}
               group by t.agent_id
            ), open_now as (
              select t.agent_id, count(*)::int as n from tickets t
               where t.agent_id in (${ids}) and t.status not in ('resolved', 'closed') ${category}
               group by t.agent_id
            ), rated as (
              select r.agent_id, count(*)::int as n, avg(r.stars) as average
                from ticket_ratings r ${scope.categoryId ? sql`join tickets t on t.id = r.ticket_id` : sql``}
               where r.agent_id in (${ids}) and ${inPeriod(sql`r.created_at`, scope)} ${category}
               group by r.agent_id
            )
            select a.agent_id, coalesce(resolved.handled, 0) as handled, coalesce(open_now.n, 0) as open_now,
                   ${rounded(sql`responded.median`, 1)} as median_first_response,
                   ${rounded(sql`resolved.median`, 1)} as median_resolution,
                   coalesce(rated.n, 0) as ratings, ${rounded(sql`rated.average`, 2)} as average_rating
              from agents a
              left join resolved on resolved.agent_id = a.agent_id
              left join responded on responded.agent_id = a.agent_id
              left join open_now on open_now.agent_id = a.agent_id
              left join rated on rated.agent_id = a.agent_id`,
      );
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
