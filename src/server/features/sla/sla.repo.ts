import { asc, eq, gt, sql, type Placeholder } from 'drizzle-orm';
import type { TicketPriority } from '../../../shared/tickets.js';
import type { BusinessHoursSettings } from '../../../shared/contracts/sla.js';
import { queryRows, type Db } from '../../db/connection.js';
import { businessHolidays, slaTargets, type SlaTargetRow } from '../../db/schema.js';
import { createAppSettingsRepo } from '../../security/app-settings.repo.js';

/** The app_settings key; migration 0007's backlog_day() reads its `timeZone`. */
export const BUSINESS_HOURS_KEY = 'business_hours';

export const DEFAULT_BUSINESS_HOURS: BusinessHoursSettings = {
  timeZone: 'UTC',
  week: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
};

function isBusinessHours(value: unknown): value is BusinessHoursSettings {
  if (typeof value !== 'object' || value === null) return false;
  const { timeZone, week } = value as Record<string, unknown>;
  return typeof timeZone === 'string' && Array.isArray(week);
}

export interface ClockSettings {
  target: Pick<SlaTargetRow, 'firstResponseMinutes' | 'resolutionMinutes' | 'businessHours'> | null;
  hours: BusinessHoursSettings;
  holidays: Set<string>;
}

/** A priority's clock settings as one JSON value, a column other queries may carry (see toClockSettings). */
export const clockSettingsColumn = (priority: TicketPriority | Placeholder) => sql`json_build_object(
  'target', (select json_build_object('firstResponseMinutes', t.first_response_minutes,
                                      'resolutionMinutes', t.resolution_minutes, 'businessHours', t.business_hours)
             from sla_targets t where t.priority = ${priority}),
  'hours', (select s.value from app_settings s where s.key = ${BUSINESS_HOURS_KEY}),
  'holidays', (select array_agg(h.day::text) from business_holidays h))`;

export function toClockSettings(value: unknown): ClockSettings {
  const { target, hours, holidays } = (value ?? {}) as {
    target?: ClockSettings['target'];
    hours?: unknown;
    holidays?: string[] | null;
  };
  return {
    target: target ?? null,
    hours: isBusinessHours(hours) ? hours : DEFAULT_BUSINESS_HOURS,
    holidays: new Set(holidays ?? []),
  };
}

export function createSlaRepo(db: Db) {
  const settings = createAppSettingsRepo(db);
  return {
    async targets(): Promise<SlaTargetRow[]> {
      return db.select().from(slaTargets);
    },

    /** What a priority's clock needs, in one round trip: its target, the business hours, the holidays. */
    async clockSettings(priority: TicketPriority): Promise<ClockSettings> {
      const [row] = await queryRows<{ clock: unknown }>(
        db,
        sql`select ${clockSettingsColumn(priority)} as clock`,
      );
      return toClockSettings(row?.clock);
    },

    async putTarget(row: Omit<SlaTargetRow, 'updatedAt'>, at: Date): Promise<void> {
      const values = { ...row, updatedAt: at };
      await db
        .insert(slaTargets)
        .values(values)
        .onConflictDoUpdate({ target: slaTargets.priority, set: values });
    },

    async businessHours(): Promise<BusinessHoursSettings> {
      const value = await settings.get(BUSINESS_HOURS_KEY);
      return isBusinessHours(value) ? value : DEFAULT_BUSINESS_HOURS;
    },

    putBusinessHours: (value: BusinessHoursSettings, at: Date) => settings.put(BUSINESS_HOURS_KEY, value, at),

    /** In date order; keyset on the day (the primary key). */
    async holidayPage(limit: number, after?: string) {
      return db
        .select()
        .from(businessHolidays)
        .where(after ? gt(businessHolidays.day, after) : undefined)
        .orderBy(asc(businessHolidays.day))
        .limit(limit);
    },

    /** False when the day already is a holiday. */
    async insertHoliday(day: string, name: string): Promise<boolean> {
      const rows = await db
        .insert(businessHolidays)
        .values({ day, name })
        .onConflictDoNothing({ target: businessHolidays.day })
        .returning({ day: businessHolidays.day });
      return rows.length > 0;
    },

    async deleteHoliday(day: string) {
      const rows = await db.delete(businessHolidays).where(eq(businessHolidays.day, day)).returning();
      return rows[0];
    },
  };
}
export type SlaRepo = ReturnType<typeof createSlaRepo>;
