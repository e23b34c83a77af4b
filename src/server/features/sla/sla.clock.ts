import type { TicketPriority, TicketStatus } from '../../../shared/tickets.js';
import type { Db } from '../../db/connection.js';
import type { TicketRow } from '../../db/schema.js';
import { addBusinessTime, businessTimeBetween, type SlaSchedule } from './business-clock.js';
import { createSlaRepo, type ClockSettings } from './sla.repo.js';

const MINUTE_MS = 60_000;

/** The SLA columns of a ticket a change may write. */
export interface SlaColumns {
  firstResponseDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  resolutionRemainingMs?: number | null;
  firstResponseBreached?: boolean;
  resolutionBreached?: boolean;
}

type SlaTicket = Pick<
  TicketRow,
  | 'priority'
  | 'status'
  | 'createdAt'
  | 'firstResponseAt'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
  | 'resolutionRemainingMs'
  | 'firstResponseBreached'
  | 'resolutionBreached'
>;

/** A priority's targets and the clock they are counted on, read in the caller's transaction. */
async function clockFor(db: Db, priority: TicketPriority) {
  return clockOf(await createSlaRepo(db).clockSettings(priority));
}

function clockOf({ target, hours, holidays }: ClockSettings) {
  const schedule: SlaSchedule =
    target?.businessHours === false ? 'always' : { timeZone: hours.timeZone, week: hours.week, holidays };
  return {
    schedule,
    firstResponseMs: target?.firstResponseMinutes ? target.firstResponseMinutes * MINUTE_MS : null,
    resolutionMs: target?.resolutionMinutes ? target.resolutionMinutes * MINUTE_MS : null,
  };
}

/** A new ticket's due times, counted from its creation on its priority's clock (`settings`). */
export function initialDueTimes(settings: ClockSettings, createdAt: Date) {
  const clock = clockOf(settings);
  return {
    firstResponseDueAt:
      clock.firstResponseMs === null
        ? null
        : addBusinessTime(createdAt, clock.firstResponseMs, clock.schedule),
    resolutionDueAt:
      clock.resolutionMs === null ? null : addBusinessTime(createdAt, clock.resolutionMs, clock.schedule),
  };
}

/**
 * A priority change: both due times are counted again from the ticket's creation with the new
 * targets, so a ticket already older than its new target is breached at once. Time spent waiting on
 * the customer and an earlier reopening are not taken into account (a simplification: the new
 * targets apply to the ticket's whole life). A breach already announced stays announced only when the
 * new due time has passed too.
 */
export async function dueTimesForPriority(
  db: Db,
  ticket: SlaTicket,
  priority: TicketPriority,
  now: Date,
): Promise<SlaColumns> {
  const settings = await createSlaRepo(db).clockSettings(priority);
  const clock = clockOf(settings);
  const due = initialDueTimes(settings, ticket.createdAt);
  const paused = ticket.status === 'waiting_on_customer';
  const changes: SlaColumns = {
    firstResponseDueAt: due.firstResponseDueAt,
    firstResponseBreached:
      ticket.firstResponseBreached && due.firstResponseDueAt !== null && due.firstResponseDueAt <= now,
    resolutionBreached:
      ticket.resolutionBreached && due.resolutionDueAt !== null && due.resolutionDueAt <= now,
  };
  if (paused) {
    changes.resolutionDueAt = null;
    changes.resolutionRemainingMs =
      due.resolutionDueAt === null ? null : businessTimeBetween(now, due.resolutionDueAt, clock.schedule);
  } else {
    changes.resolutionDueAt = due.resolutionDueAt;
    changes.resolutionRemainingMs = null;
  }
  return changes;
}

/**
 * What a status change does to the clocks: waiting on the customer pauses the resolution clock (the
 * time left is kept), leaving it restarts the clock with that time, and reopening starts a fresh
 * resolution target from the reopening moment.
 */
export async function dueTimesForStatus(
  db: Db,
  ticket: SlaTicket,
  to: TicketStatus,
  now: Date,
): Promise<SlaColumns> {
  const from = ticket.status;
  if (to === 'reopened') {
    const clock = await clockFor(db, ticket.priority);
    return {
      resolutionDueAt:
        clock.resolutionMs === null ? null : addBusinessTime(now, clock.resolutionMs, clock.schedule),
      resolutionRemainingMs: null,
      resolutionBreached: false,
    };
  }
  if (to === 'waiting_on_customer' && from !== 'waiting_on_customer') {
    if (ticket.resolutionDueAt === null) return {};
    const clock = await clockFor(db, ticket.priority);
    return {
      resolutionDueAt: null,
      resolutionRemainingMs: businessTimeBetween(now, ticket.resolutionDueAt, clock.schedule),
    };
  }
  if (from === 'waiting_on_customer' && to !== 'waiting_on_customer') {
    if (ticket.resolutionRemainingMs === null) return {};
    const clock = await clockFor(db, ticket.priority);
    const remaining = ticket.resolutionRemainingMs;
    return {
      // Overdue when it paused: it stays overdue by as much as it was.
      resolutionDueAt:
        remaining > 0 ? addBusinessTime(now, remaining, clock.schedule) : new Date(now.getTime() + remaining),
      resolutionRemainingMs: null,
    };
  }
  return {};
}
