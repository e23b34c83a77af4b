import {
  BACKLOG_STATUSES,
  type AgentReportRow,
  type AgentsReport,
  type BacklogReport,
  type DurationStats,
  type RatingComment,
  type ResponseTimesReport,
  type SatisfactionReport,
  type VolumeReport,
} from '../../../shared/contracts/reports.js';
import { toCsv } from './reports.csv.js';
import type { AgentMetricsRow, CommentRow, DurationRow } from './reports.repo.js';

export function toDurationStats(row: DurationRow | undefined): DurationStats {
  if (!row) {
    return {
      count: 0,
      medianMinutes: null,
      p90Minutes: null,
      withTarget: 0,
      withinTarget: 0,
      withinTargetPercent: null,
    };
  }
  return {
    count: row.count,
    medianMinutes: row.median,
    p90Minutes: row.p90,
    withTarget: row.with_target,
    withinTarget: row.within_target,
    withinTargetPercent:
      row.with_target === 0 ? null : Math.round((row.within_target / row.with_target) * 1000) / 10,
  };
}

export const toComment = (row: CommentRow): RatingComment => ({
  id: row.id,
  stars: row.stars,
  comment: row.comment,
  createdAt: new Date(row.created_at).toISOString(),
  ticketId: row.ticket_id,
  ticketReference: row.reference,
  agentName: row.agent_name,
});

export const toAgentRow = (
  agent: { id: string; full_name: string },
  metrics: AgentMetricsRow | undefined,
): AgentReportRow => ({
  agentId: agent.id,
  name: agent.full_name,
  handled: metrics?.handled ?? 0,
  openNow: metrics?.open_now ?? 0,
  medianFirstResponseMinutes: metrics?.median_first_response ?? null,
  medianResolutionMinutes: metrics?.median_resolution ?? null,
  ratings: metrics?.ratings ?? 0,
  averageRating: metrics?.average_rating ?? null,
});

/** Each report as CSV: exactly the numbers of its JSON answer, one row per day, week, star or agent. */
export const volumeCsv = (report: VolumeReport) =>
  toCsv(
    ['day', 'created', 'resolved'],
    report.days.map((day) => [day.day, day.created, day.resolved]),
  );

export const backlogCsv = (report: BacklogReport) =>
  toCsv(
    ['day', ...BACKLOG_STATUSES, 'total'],
    report.days.map((day) => [day.day, ...BACKLOG_STATUSES.map((status) => day[status]), day.total]),
  );

const durationHeader = (prefix: string) =>
  ['count', 'median_minutes', 'p90_minutes', 'with_target', 'within_target', 'within_target_percent'].map(
    (name) => `${prefix}_${name}`,
  );
const durationCells = (stats: DurationStats) => [
  stats.count,
  stats.medianMinutes,
  stats.p90Minutes,
  stats.withTarget,
  stats.withinTarget,
  stats.withinTargetPercent,
];

export const responseTimesCsv = (report: ResponseTimesReport) =>
  toCsv(
    ['week_start', ...durationHeader('first_response'), ...durationHeader('resolution')],
    report.weeks.map((week) => [
      week.weekStart,
      ...durationCells(week.firstResponse),
      ...durationCells(week.resolution),
    ]),
  );

export const satisfactionCsv = (report: SatisfactionReport) =>
  toCsv(
    ['stars', 'ratings'],
    report.distribution.map((row) => [row.stars, row.ratings]),
  );

export const agentsCsv = (report: AgentsReport) =>
  toCsv(
    [
      'agent',
      'handled',
      'open_now',
      'median_first_response_minutes',
      'median_resolution_minutes',
      'ratings',
      'average_rating',
    ],
    report.items.map((row) => [
      row.name,
      row.handled,
      row.openNow,
      row.medianFirstResponseMinutes,
      row.medianResolutionMinutes,
      row.ratings,
      row.averageRating,
    ]),
  );
