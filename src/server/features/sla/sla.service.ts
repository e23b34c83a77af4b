import { DateTime, IANAZone } from 'luxon';
import type {
  CreateHolidayBody,
  HolidayPage,
  HolidayQuery,
  HolidayView,
  ServiceLevels,
} from '../../../shared/contracts/sla.js';
import type { FieldError } from '../../../shared/errors.js';
import { TICKET_PRIORITIES } from '../../../shared/tickets.js';
import type { Db } from '../../db/connection.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { recordAudit } from '../audit/audit.record.js';
import { createSlaRepo } from './sla.repo.js';

const DEFAULT_LIMIT = 25;

const minutes = (time: string) => {
  const [hours, mins] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
};

/** What the schema cannot say: a real zone, each priority once, intervals that open before they close. */
function problemsOf(body: ServiceLevels): FieldError[] {
  const problems: FieldError[] = [];
  if (!IANAZone.isValidZone(body.businessHours.timeZone)) {
    problems.push({ field: 'businessHours.timeZone', message: 'is not a known time zone' });
  }
  const priorities = new Set(body.targets.map((target) => target.priority));
  if (priorities.size !== TICKET_PRIORITIES.length) {
    problems.push({ field: 'targets', message: 'must list each priority once' });
  }
  body.businessHours.week.forEach((interval, index) => {
    if (minutes(interval.start) >= minutes(interval.end)) {
      problems.push({ field: `businessHours.week.${index}.end`, message: 'must be after the start' });
    }
  });
  const byDay = new Map<number, Array<[number, number]>>();
  for (const interval of body.businessHours.week) {
    byDay.set(interval.day, [
      ...(byDay.get(interval.day) ?? []),
      [minutes(interval.start), minutes(interval.end)],
    ]);
  }
  for (const [day, intervals] of byDay) {
    const sorted = intervals.sort((a, b) => a[0] - b[0]);
    if (sorted.some((interval, i) => i > 0 && interval[0] < (sorted[i - 1]?.[1] ?? 0))) {
      problems.push({ field: 'businessHours.week', message: `has overlapping hours on day ${day}` });
    }
  }
  return problems;
}

const encodeDay = (day: string) => Buffer.from(day).toString('base64url');

function decodeDay(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const day = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw validationFailed([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
  }
  return day;
}

/** Admins set the targets per priority, the weekly business hours and the holidays. */
export function createSlaService(db: Db, now: () => Date) {
  const repo = createSlaRepo(db);

  async function read(from: Db = db): Promise<ServiceLevels> {
    const fromRepo = from === db ? repo : createSlaRepo(from);
    const [rows, businessHours] = await Promise.all([fromRepo.targets(), fromRepo.businessHours()]);
    const targets = TICKET_PRIORITIES.map((priority) => {
      const row = rows.find((candidate) => candidate.priority === priority);
      return {
        priority,
        firstResponseMinutes: row?.firstResponseMinutes ?? null,
        resolutionMinutes: row?.resolutionMinutes ?? null,
        businessHours: row?.businessHours ?? true,
      };
    });
    return { targets, businessHours };
  }

  return {
    get: () => read(),

    /**
     * Replaces the targets and the schedule. New targets apply to tickets raised (or re-prioritised)
     * from now on; tickets already running keep the due times they have.
     */
    async put(actorId: string, body: ServiceLevels): Promise<ServiceLevels> {
      const problems = problemsOf(body);
      if (problems.length > 0) throw validationFailed(problems);
      return db.transaction(async (tx) => {
        const txRepo = createSlaRepo(tx);
        const before = await read(tx);
        const at = now();
        const targetsChanged =
          JSON.stringify(before.targets) !==
          JSON.stringify(
            TICKET_PRIORITIES.map((priority) => body.targets.find((target) => target.priority === priority)),
          );
        for (const target of body.targets) await txRepo.putTarget(target, at);
        if (targetsChanged) {
          await recordAudit(tx, {
            action: 'sla.targets_changed',
            actorId,
            targetType: 'sla',
            targetLabel: 'Service-level targets',
            details: { before: before.targets, after: body.targets },
            at,
          });
        }
        if (JSON.stringify(before.businessHours) !== JSON.stringify(body.businessHours)) {
          await txRepo.putBusinessHours(body.businessHours, at);
          await recordAudit(tx, {
            action: 'sla.schedule_changed',
            actorId,
            targetType: 'sla',
            targetLabel: 'Business hours',
            details: { before: before.businessHours, after: body.businessHours },
            at,
          });
        }
        return read(tx);
      });
    },

    async holidays(query: HolidayQuery): Promise<HolidayPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await repo.holidayPage(limit + 1, decodeDay(query.cursor));
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeDay(last.day) : null };
    },

    async addHoliday(actorId: string, body: CreateHolidayBody): Promise<HolidayView> {
      if (!DateTime.fromISO(body.day).isValid) {
        throw validationFailed([{ field: 'day', message: 'is not a date' }]);
      }
      const holiday = { day: body.day, name: body.name.trim() };
      await db.transaction(async (tx) => {
        if (!(await createSlaRepo(tx).insertHoliday(holiday.day, holiday.name))) {
          throw new AppError('CONFLICT', 409, 'That day is already a holiday');
        }
        await recordAudit(tx, {
          action: 'sla.holiday_added',
          actorId,
          targetType: 'sla',
          targetLabel: `${holiday.day} ${holiday.name}`,
          details: holiday,
          at: now(),
        });
      });
      return holiday;
    },

    async removeHoliday(actorId: string, day: string): Promise<void> {
      await db.transaction(async (tx) => {
        const removed = await createSlaRepo(tx).deleteHoliday(day);
        if (!removed) throw notFound('Holiday');
        await recordAudit(tx, {
          action: 'sla.holiday_removed',
          actorId,
          targetType: 'sla',
          targetLabel: `${removed.day} ${removed.name}`,
          details: { day: removed.day, name: removed.name },
          at: now(),
        });
      });
    },
  };
}
export type SlaService = ReturnType<typeof createSlaService>;
