import { Type, type Static } from 'typebox';
import { PAGE_SIZE_MAX, Timestamp, Nullable } from './common.js';

/** The longest range a report covers, in days (a year, leap day included). */
export const REPORT_MAX_DAYS = 366;

export const REPORT_KINDS = ['volume', 'backlog', 'response-times', 'satisfaction', 'agents'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The statuses the backlog counts: everything not finished. */
export const BACKLOG_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'reopened',
] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD, a day in the business time zone' });
const NullableNumber = Nullable(Type.Number());

const filters = {
  /** First and last day, both included, in the business time zone. */
  from: Day,
  to: Day,
  categoryId: Type.Optional(Type.String({ format: 'uuid' })),
  agentId: Type.Optional(Type.String({ format: 'uuid' })),
  /** `csv`: the same numbers as a CSV download. */
  format: Type.Optional(Type.Enum(['json', 'csv'])),
};

export const ReportQuery = Type.Object(filters, { additionalProperties: false });
export type ReportQuery = Static<typeof ReportQuery>;

/** Reports with a list: keyset pages. */
export const PagedReportQuery = Type.Object(
  {
    ...filters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PagedReportQuery = Static<typeof PagedReportQuery>;

const ReportRange = {
  from: Type.String(),
  to: Type.String(),
  /** The business time zone the days and weeks are counted in. */
  timeZone: Type.String(),
};

export const VolumeDay = Type.Object({
  day: Type.String(),
  created: Type.Integer(),
  resolved: Type.Integer(),
});
export type VolumeDay = Static<typeof VolumeDay>;

/** Tickets created and resolved per day. */
export const VolumeReport = Type.Object({
  ...ReportRange,
  days: Type.Array(VolumeDay),
  totals: Type.Object({ created: Type.Integer(), resolved: Type.Integer() }),
});
export type VolumeReport = Static<typeof VolumeReport>;

export const BacklogDay = Type.Object({
  day: Type.String(),
  open: Type.Integer(),
  assigned: Type.Integer(),
  in_progress: Type.Integer(),
  waiting_on_customer: Type.Integer(),
  reopened: Type.Integer(),
  total: Type.Integer(),
});
export type BacklogDay = Static<typeof BacklogDay>;

/** Unfinished tickets by status at the end of each day. */
export const BacklogReport = Type.Object({ ...ReportRange, days: Type.Array(BacklogDay) });
export type BacklogReport = Static<typeof BacklogReport>;

/** Durations of the tickets measured (first responded, or resolved, in the period), in minutes. */
export const DurationStats = Type.Object({
  count: Type.Integer(),
  medianMinutes: NullableNumber,
  p90Minutes: NullableNumber,
  /** Tickets that had a target (a due time); the others are left out of the share. */
  withTarget: Type.Integer(),
  withinTarget: Type.Integer(),
  /** withinTarget / withTarget, in percent with one decimal; null without targets. */
  withinTargetPercent: NullableNumber,
});
export type DurationStats = Static<typeof DurationStats>;

export const ResponseTimesWeek = Type.Object({
  /** The Monday the week starts on (it may lie before `from`; only days in the range count). */
  weekStart: Type.String(),
  firstResponse: DurationStats,
  resolution: DurationStats,
});
export type ResponseTimesWeek = Static<typeof ResponseTimesWeek>;

/** First response time (by the week of the first response) and resolution time (by the week resolved). */
export const ResponseTimesReport = Type.Object({
  ...ReportRange,
  weeks: Type.Array(ResponseTimesWeek),
  overall: Type.Object({ firstResponse: DurationStats, resolution: DurationStats }),
});
export type ResponseTimesReport = Static<typeof ResponseTimesReport>;

export const RatingComment = Type.Object({
  id: Type.String(),
  stars: Type.Integer(),
  comment: Type.String(),
  createdAt: Timestamp,
  ticketId: Type.String(),
  ticketReference: Type.String(),
  agentName: Nullable(Type.String()),
});
export type RatingComment = Static<typeof RatingComment>;

/** Ratings given in the period: average, stars distribution and the latest comments (a page). */
export const SatisfactionReport = Type.Object({
  ...ReportRange,
  ratings: Type.Integer(),
  /** Two decimals; null without ratings. */
  averageStars: NullableNumber,
  distribution: Type.Array(Type.Object({ stars: Type.Integer(), ratings: Type.Integer() })),
  comments: Type.Object({
    items: Type.Array(RatingComment),
    nextCursor: Nullable(Type.String()),
  }),
});
export type SatisfactionReport = Static<typeof SatisfactionReport>;

export const AgentReportRow = Type.Object({
  agentId: Type.String(),
  name: Type.String(),
  /** Tickets of theirs resolved in the period. */
  handled: Type.Integer(),
  /** Unfinished tickets assigned to them now (whatever the period). */
  openNow: Type.Integer(),
  medianFirstResponseMinutes: NullableNumber,
  medianResolutionMinutes: NullableNumber,
  /** Ratings given in the period; average with two decimals. */
  ratings: Type.Integer(),
  averageRating: NullableNumber,
});
export type AgentReportRow = Static<typeof AgentReportRow>;

/** One page of agents (in the order they joined) with their numbers. */
export const AgentsReport = Type.Object({
  ...ReportRange,
  items: Type.Array(AgentReportRow),
  nextCursor: Nullable(Type.String()),
});
export type AgentsReport = Static<typeof AgentsReport>;
