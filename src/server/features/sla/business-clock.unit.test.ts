import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, type BusinessSchedule } from './business-clock.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const weekdays = (start = '09:00', end = '17:00') => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

const schedule = (timeZone: string, extra: Partial<BusinessSchedule> = {}): BusinessSchedule => ({
  timeZone,
  week: weekdays(),
  holidays: new Set(),
  ...extra,
});

const utc = schedule('UTC');
const iso = (date: Date) => date.toISOString();

describe('addBusinessTime', () => {
  it('counts within one working day', () => {
    // Wednesday 2026-01-07 10:00 UTC + 3 h = 13:00.
    expect(iso(addBusinessTime(new Date('2026-01-07T10:00:00Z'), 3 * HOUR, utc))).toBe(
      '2026-01-07T13:00:00.000Z',
    );
  });

  it('carries over the night and ends exactly at closing time', () => {
    expect(iso(addBusinessTime(new Date('2026-01-07T16:00:00Z'), HOUR, utc))).toBe(
      '2026-01-07T17:00:00.000Z',
    );
    expect(iso(addBusinessTime(new Date('2026-01-07T16:00:00Z'), 2 * HOUR, utc))).toBe(
      '2026-01-08T10:00:00.000Z',
    );
  });

  it('skips the weekend', () => {
    // Friday 2026-01-09 16:00 + 2 h → Monday 10:00.
    expect(iso(addBusinessTime(new Date('2026-01-09T16:00:00Z'), 2 * HOUR, utc))).toBe(
      '2026-01-12T10:00:00.000Z',
    );
  });

  it('starts at the next opening when started outside business hours', () => {
    // Saturday night → Monday 09:30.
    expect(iso(addBusinessTime(new Date('2026-01-10T23:00:00Z'), 30 * MINUTE, utc))).toBe(
      '2026-01-12T09:30:00.000Z',
    );
    // Before opening on a weekday.
    expect(iso(addBusinessTime(new Date('2026-01-07T06:00:00Z'), HOUR, utc))).toBe(
      '2026-01-07T10:00:00.000Z',
    );
  });

  it('skips holidays', () => {
    const withHoliday = schedule('UTC', { holidays: new Set(['2026-01-08']) });
    expect(iso(addBusinessTime(new Date('2026-01-07T16:00:00Z'), 2 * HOUR, withHoliday))).toBe(
      '2026-01-09T10:00:00.000Z',
    );
  });

  it('uses the schedule’s time zone', () => {
    const kolkata = schedule('Asia/Kolkata');
    // 09:00 IST is 03:30 UTC. Wednesday 2026-01-07 02:00 UTC is 07:30 IST: opens at 03:30 UTC.
    expect(iso(addBusinessTime(new Date('2026-01-07T02:00:00Z'), HOUR, kolkata))).toBe(
      '2026-01-07T04:30:00.000Z',
    );
    // Friday 17:00 IST = 11:30 UTC: the next business hour is Monday 09:00–10:00 IST.
    expect(iso(addBusinessTime(new Date('2026-01-09T11:30:00Z'), HOUR, kolkata))).toBe(
      '2026-01-12T04:30:00.000Z',
    );
  });

  it('keeps a 09:00–17:00 day at 8 hours across the spring-forward change (New York, 2026-03-08)', () => {
    const newYork = schedule('America/New_York', {
      week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '09:00', end: '17:00' })),
    });
    // Saturday 2026-03-07 17:00 EST (22:00 UTC) + 1 h → Sunday 10:00 EDT = 14:00 UTC.
    expect(iso(addBusinessTime(new Date('2026-03-07T22:00:00Z'), HOUR, newYork))).toBe(
      '2026-03-08T14:00:00.000Z',
    );
    // The whole Sunday is 8 business hours: 09:00 EDT (13:00 UTC) to 17:00 EDT (21:00 UTC).
    expect(
      businessTimeBetween(new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T03:00:00Z'), newYork),
    ).toBe(8 * HOUR);
  });

  it('keeps a 09:00–17:00 day at 8 hours across the fall-back change (New York, 2026-11-01)', () => {
    const newYork = schedule('America/New_York', {
      week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '09:00', end: '17:00' })),
    });
    // Sunday 09:00 EST is 14:00 UTC (the day before it was 13:00 UTC).
    expect(iso(addBusinessTime(new Date('2026-11-01T05:00:00Z'), 8 * HOUR, newYork))).toBe(
      '2026-11-01T22:00:00.000Z',
    );
    expect(
      businessTimeBetween(new Date('2026-10-31T13:00:00Z'), new Date('2026-10-31T21:00:00Z'), newYork),
    ).toBe(8 * HOUR);
  });

  it('follows Europe/London across its spring change (2026-03-29) on a Monday', () => {
    const london = schedule('Europe/London');
    // Friday 2026-03-27 16:00 GMT (16:00 UTC) + 2 h → Monday 2026-03-30 10:00 BST = 09:00 UTC.
    expect(iso(addBusinessTime(new Date('2026-03-27T16:00:00Z'), 2 * HOUR, london))).toBe(
      '2026-03-30T09:00:00.000Z',
    );
  });

  it('handles several intervals in a day', () => {
    const split = schedule('UTC', {
      week: [
        { day: 3, start: '14:00', end: '18:00' },
        { day: 3, start: '09:00', end: '12:00' },
      ],
    });
    // Wednesday 11:00 + 2 h: 1 h before lunch, 1 h after → 15:00.
    expect(iso(addBusinessTime(new Date('2026-01-07T11:00:00Z'), 2 * HOUR, split))).toBe(
      '2026-01-07T15:00:00.000Z',
    );
    expect(
      businessTimeBetween(new Date('2026-01-07T00:00:00Z'), new Date('2026-01-08T00:00:00Z'), split),
    ).toBe(7 * HOUR);
  });

  it('accepts a day open until midnight', () => {
    const late = schedule('UTC', { week: [{ day: 3, start: '20:00', end: '24:00' }] });
    expect(iso(addBusinessTime(new Date('2026-01-07T21:00:00Z'), 3 * HOUR, late))).toBe(
      '2026-01-08T00:00:00.000Z',
    );
  });

  it('counts plain time around the clock', () => {
    expect(iso(addBusinessTime(new Date('2026-01-10T23:00:00Z'), 2 * HOUR, 'always'))).toBe(
      '2026-01-11T01:00:00.000Z',
    );
    expect(
      businessTimeBetween(new Date('2026-01-10T23:00:00Z'), new Date('2026-01-11T01:00:00Z'), 'always'),
    ).toBe(2 * HOUR);
  });

  it('refuses a schedule that never opens', () => {
    expect(() =>
      addBusinessTime(new Date('2026-01-07T10:00:00Z'), HOUR, schedule('UTC', { week: [] })),
    ).toThrow(/no opening hours/);
  });
});

describe('businessTimeBetween', () => {
  it('counts only open hours over a weekend and a holiday, and is the inverse of addBusinessTime', () => {
    const withHoliday = schedule('UTC', { holidays: new Set(['2026-01-12']) });
    const from = new Date('2026-01-09T15:00:00Z'); // Friday
    const to = new Date('2026-01-13T10:00:00Z'); // Tuesday (Monday is a holiday)
    expect(businessTimeBetween(from, to, withHoliday)).toBe(3 * HOUR);
    expect(iso(addBusinessTime(from, 3 * HOUR, withHoliday))).toBe(iso(to));
  });

  it('is negative when the end is before the start', () => {
    expect(businessTimeBetween(new Date('2026-01-07T12:00:00Z'), new Date('2026-01-07T10:00:00Z'), utc)).toBe(
      -2 * HOUR,
    );
  });

  it('supports a pause: the remaining time resumes from the moment the clock restarts', () => {
    // Due Wednesday 15:00 with 4 h target from 11:00; paused at 12:00 (3 h left), resumed Thursday 16:00.
    const due = addBusinessTime(new Date('2026-01-07T11:00:00Z'), 4 * HOUR, utc);
    const remaining = businessTimeBetween(new Date('2026-01-07T12:00:00Z'), due, utc);
    expect(remaining).toBe(3 * HOUR);
    expect(iso(addBusinessTime(new Date('2026-01-08T16:00:00Z'), remaining, utc))).toBe(
      '2026-01-09T11:00:00.000Z',
    );
  });
});
