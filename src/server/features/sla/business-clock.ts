import { DateTime } from 'luxon';

/** One opening interval of a weekday: day 1 = Monday … 7 = Sunday, times "HH:MM" (end may be "24:00"). */
export interface WeeklyInterval {
  day: number;
  start: string;
  end: string;
}

export interface BusinessSchedule {
  /** An IANA zone such as Asia/Kolkata; the week and the holidays are in its local time. */
  timeZone: string;
  week: readonly WeeklyInterval[];
  /** Closed days, 'YYYY-MM-DD' in the schedule's zone. */
  holidays: ReadonlySet<string>;
}

/** 'always': the clock runs around the clock (24/7), holidays included. */
export type SlaSchedule = BusinessSchedule | 'always';

/** A schedule that never opens would loop for ever; after this many days without an opening we stop. */
const MAX_DAYS = 366 * 5;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * The absolute opening intervals of one local day. Built from local wall-clock times, so a 09:00–17:00
 * day stays 09:00–17:00 (8 hours) on the days clocks change too.
 */
function openingsOn(day: DateTime, schedule: BusinessSchedule): Array<[number, number]> {
  if (schedule.holidays.has(day.toISODate() ?? '')) return [];
  const local = (minutes: number) =>
    minutes >= 24 * 60
      ? day.startOf('day').plus({ days: 1 }).toMillis()
      : DateTime.fromObject(
          {
            year: day.year,
            month: day.month,
            day: day.day,
            hour: Math.floor(minutes / 60),
            minute: minutes % 60,
          },
          { zone: schedule.timeZone },
        ).toMillis();
  return schedule.week
    .filter((interval) => interval.day === day.weekday)
    .map((interval): [number, number] => [local(minutesOf(interval.start)), local(minutesOf(interval.end))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

function firstDay(instant: Date, schedule: BusinessSchedule): DateTime {
  const day = DateTime.fromJSDate(instant, { zone: schedule.timeZone }).startOf('day');
  if (!day.isValid) throw new Error(`invalid time zone ${schedule.timeZone}`);
  return day;
}

/** The instant `ms` of clock time after `start` (business time, or plain time for 'always'). */
export function addBusinessTime(start: Date, ms: number, schedule: SlaSchedule): Date {
  if (schedule === 'always' || ms <= 0) return new Date(start.getTime() + (schedule === 'always' ? ms : 0));
  let remaining = ms;
  const from = start.getTime();
  let day = firstDay(start, schedule);
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const [open, close] of openingsOn(day, schedule)) {
      if (close <= from) continue;
      const begin = Math.max(open, from);
      const available = close - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
    }
  }
  throw new Error('the business-hours schedule has no opening hours');
}

/**
 * How much clock time lies between `a` and `b` (business time, or plain time for 'always'); negative
 * when `b` is before `a`.
 */
export function businessTimeBetween(a: Date, b: Date, schedule: SlaSchedule): number {
  if (schedule === 'always') return b.getTime() - a.getTime();
  if (b < a) return -businessTimeBetween(b, a, schedule);
  const from = a.getTime();
  const to = b.getTime();
  let total = 0;
  const last = firstDay(b, schedule);
  for (let day = firstDay(a, schedule); day <= last; day = day.plus({ days: 1 })) {
    for (const [open, close] of openingsOn(day, schedule)) {
      const begin = Math.max(open, from);
      const end = Math.min(close, to);
      if (end > begin) total += end - begin;
    }
  }
  return total;
}
