import { Type, type Static } from 'typebox';
import { TICKET_PRIORITIES } from '../tickets.js';
import { pageQuery, Timestamp, Nullable } from './common.js';

/** A year of minutes: the longest target an admin may set. */
export const SLA_MAX_MINUTES = 525_600;
/** "At risk": the next due time is less than this far away (or already passed but not yet announced). */
export const SLA_AT_RISK_MS = 3_600_000;

export const TicketPrioritySchema = Type.Enum([...TICKET_PRIORITIES]);

const Minutes = Nullable(Type.Integer({ minimum: 1, maximum: SLA_MAX_MINUTES }));
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });
const Day = Type.String({ format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const SlaTarget = Type.Object(
  {
    priority: TicketPrioritySchema,
    /** Minutes of the clock until the first public staff reply; null: no target. */
    firstResponseMinutes: Minutes,
    /** Minutes of the clock until the ticket is resolved; null: no target. */
    resolutionMinutes: Minutes,
    /** true: counted in business hours; false: around the clock. */
    businessHours: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SlaTarget = Static<typeof SlaTarget>;

export const WeeklyIntervalSchema = Type.Object(
  {
    /** 1 = Monday … 7 = Sunday. */
    day: Type.Integer({ minimum: 1, maximum: 7 }),
    start: Time,
    end: Time,
  },
  { additionalProperties: false },
);
export type WeeklyIntervalSchema = Static<typeof WeeklyIntervalSchema>;

export const BusinessHoursSettings = Type.Object(
  {
    /** An IANA time zone, e.g. Asia/Kolkata. */
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    week: Type.Array(WeeklyIntervalSchema, { minItems: 1, maxItems: 70 }),
  },
  { additionalProperties: false },
);
export type BusinessHoursSettings = Static<typeof BusinessHoursSettings>;

export const ServiceLevels = Type.Object(
  {
    targets: Type.Array(SlaTarget, { minItems: 4, maxItems: 4 }),
    businessHours: BusinessHoursSettings,
  },
  { additionalProperties: false },
);
export type ServiceLevels = Static<typeof ServiceLevels>;

export const HolidayView = Type.Object({ day: Day, name: Type.String() });
export type HolidayView = Static<typeof HolidayView>;

export const HolidayPage = Type.Object({
  items: Type.Array(HolidayView),
  nextCursor: Nullable(Type.String()),
});
export type HolidayPage = Static<typeof HolidayPage>;

export const HolidayQuery = pageQuery({});
export type HolidayQuery = Static<typeof HolidayQuery>;

export const CreateHolidayBody = Type.Object(
  { day: Day, name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type CreateHolidayBody = Static<typeof CreateHolidayBody>;

export const HolidayParams = Type.Object({ day: Day }, { additionalProperties: false });
export type HolidayParams = Static<typeof HolidayParams>;

export const SLA_STATES = ['none', 'ok', 'at_risk', 'breached', 'paused', 'met'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Staff only: a ticket's due times. Customers never receive it. */
export const TicketSlaView = Type.Object({
  firstResponseDueAt: Nullable(Timestamp),
  firstResponseAt: Nullable(Timestamp),
  resolutionDueAt: Nullable(Timestamp),
  /** While waiting on the customer: the clock time that was left when it paused. */
  resolutionPausedRemainingMs: Nullable(Type.Integer()),
  state: Type.Enum([...SLA_STATES]),
});
export type TicketSlaView = Static<typeof TicketSlaView>;

export const SLA_FILTERS = ['at_risk', 'breached'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];
