import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
} from '../../../../test/helpers/factories.js';
import type {
  AgentsReport,
  BacklogReport,
  ResponseTimesReport,
  SatisfactionReport,
  VolumeReport,
} from '../../../shared/contracts/reports.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import { queryRows } from '../../db/connection.js';
import type { CategoryRow, TicketRow, UserRow } from '../../db/schema.js';

/**
 * A hand-built week in Asia/Kolkata (UTC+5:30), 2026-03-01 (a Sunday) to 2026-03-08, with tickets whose
 * lives cross day boundaries that differ between the zone and UTC. Expected numbers are worked out by
 * hand in the comments next to each ticket.
 */
let context: TestContext;
let admin: string;
let agentCookie: string;
let categoryA: CategoryRow;
let categoryB: CategoryRow;
let asha: UserRow;
let yusuf: UserRow;
const t: Record<string, TicketRow> = {};

/** An instant given as the wall-clock time in Kolkata. */
const ist = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00+05:30`));

const db = () => context.db.database.db;

async function move(ticket: TicketRow, at: Date, status: TicketStatus, agent?: UserRow) {
  await queryRows(
    db(),
    sql`update tickets set status = ${status}, updated_at = ${at.toISOString()}::timestamptz,
               agent_id = ${agent ? agent.id : sql`agent_id`},
               resolved_at = ${status === 'resolved' ? sql`${at.toISOString()}::timestamptz` : sql`resolved_at`}
         where id = ${ticket.id}`,
  );
}

async function times(
  ticket: TicketRow,
  fields: { firstAt?: Date; firstDue?: Date; resolutionDue?: Date; resolutionBreached?: boolean },
) {
  const at = (date: Date | undefined) => (date ? sql`${date.toISOString()}::timestamptz` : sql`null`);
  await queryRows(
    db(),
    sql`update tickets set first_response_at = ${at(fields.firstAt)}, first_response_due_at = ${at(fields.firstDue)},
               resolution_due_at = ${at(fields.resolutionDue)},
               resolution_breached = ${fields.resolutionBreached ?? false}
         where id = ${ticket.id}`,
  );
}

async function rate(ticket: TicketRow, stars: number, comment: string | null, at: Date, agent: UserRow) {
  await queryRows(
    db(),
    sql`insert into ticket_ratings (ticket_id, resolved_at, customer_id, agent_id, stars, comment, created_at)
        select id, resolved_at, customer_id, ${agent.id}, ${stars}, ${comment}, ${at.toISOString()}::timestamptz
          from tickets where id = ${ticket.id}`,
  );
}

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  admin = (await signedIn(context, 'admin')).cookie;
  agentCookie = (await signedIn(context, 'agent')).cookie;
  // The trigger counts backlog days in this zone, so it is set before any ticket exists.
  await queryRows(
    db(),
    sql`insert into app_settings (key, value) values ('business_hours', '{"timeZone": "Asia/Kolkata"}'::jsonb)
        on conflict (key) do update set value = excluded.value`,
  );
  categoryA = await createCategory(context, { name: 'Payments' });
  categoryB = await createCategory(context, { name: 'Delivery' });
  asha = await createAgent(context, { fullName: 'Asha Rao', categories: [categoryA, categoryB] });
  yusuf = await createAgent(context, { fullName: '=Yusuf "Y" Khan, Jr', categories: [categoryA, categoryB] });
  await createAgent(context, { fullName: 'Pending Person', status: 'pending' });
  const customer = await createCustomer(context);
  const ticket = (category: CategoryRow, createdAt: Date) =>
    createTicket(context, { customer, category, createdAt });

  // T8 (A, Asha): in progress since February, resolved 03-09 00:10 IST (03-08 in UTC), rated then.
  t.t8 = await ticket(categoryA, ist('2026-02-20', '10:00'));
  await move(t.t8, ist('2026-02-20', '10:01'), 'in_progress', asha);
  await times(t.t8, { firstAt: ist('2026-02-20', '10:30') });
  // T5 (A, Asha): created 03-01; first response 60 min (due met); resolved 03-06 after 7200 min, no
  // target; rated 4 with a comment; closed 03-07.
  t.t5 = await ticket(categoryA, ist('2026-03-01', '10:00'));
  await move(t.t5, ist('2026-03-01', '10:30'), 'assigned', asha);
  await move(t.t5, ist('2026-03-01', '11:00'), 'in_progress');
  await times(t.t5, { firstAt: ist('2026-03-01', '11:00'), firstDue: ist('2026-03-01', '12:00') });
  // T1 (A, Asha): created 03-02; first response 90 min (met); resolved after 1440 min (met); rated 5.
  t.t1 = await ticket(categoryA, ist('2026-03-02', '10:00'));
  await move(t.t1, ist('2026-03-02', '11:00'), 'assigned', asha);
  await move(t.t1, ist('2026-03-02', '11:30'), 'in_progress');
  await times(t.t1, {
    firstAt: ist('2026-03-02', '11:30'),
    firstDue: ist('2026-03-02', '12:00'),
    resolutionDue: ist('2026-03-04', '10:00'),
  });
  await move(t.t1, ist('2026-03-03', '10:00'), 'resolved');
  // T2 (A, Yusuf): created 03-03 00:30 IST (03-02 in UTC); first response 540 min (missed); resolved
  // after 2880 min (breached); rated 2 with a formula-looking comment.
  t.t2 = await ticket(categoryA, ist('2026-03-03', '00:30'));
  await move(t.t2, ist('2026-03-03', '09:00'), 'assigned', yusuf);
  await move(t.t2, ist('2026-03-03', '09:30'), 'in_progress');
  await times(t.t2, {
    firstAt: ist('2026-03-03', '09:30'),
    firstDue: ist('2026-03-03', '08:30'),
    resolutionDue: ist('2026-03-04', '00:30'),
    resolutionBreached: true,
  });
  await move(t.t2, ist('2026-03-05', '00:30'), 'resolved');
  // T3 (B, Asha): created 03-04; first response 10 min, no targets; waiting on the customer from 03-05.
  t.t3 = await ticket(categoryB, ist('2026-03-04', '10:00'));
  await move(t.t3, ist('2026-03-04', '10:01'), 'assigned', asha);
  await move(t.t3, ist('2026-03-04', '10:10'), 'in_progress');
  await times(t.t3, { firstAt: ist('2026-03-04', '10:10') });
  await move(t.t3, ist('2026-03-05', '10:00'), 'waiting_on_customer');
  // T4 (B): created 03-05, never assigned.
  t.t4 = await ticket(categoryB, ist('2026-03-05', '10:00'));
  // T7 (B, Yusuf): created 03-06; first response 120 min (met); resolved 03-08 22:00 IST after 3600 min (met).
  t.t7 = await ticket(categoryB, ist('2026-03-06', '10:00'));
  await move(t.t7, ist('2026-03-06', '10:01'), 'assigned', yusuf);
  await move(t.t7, ist('2026-03-06', '12:00'), 'in_progress');
  await times(t.t7, {
    firstAt: ist('2026-03-06', '12:00'),
    firstDue: ist('2026-03-06', '14:00'),
    resolutionDue: ist('2026-03-09', '10:00'),
  });
  await move(t.t7, ist('2026-03-08', '22:00'), 'resolved');
  // T6 (B, Yusuf): after the period; open now.
  t.t6 = await ticket(categoryB, ist('2026-03-09', '10:00'));
  await move(t.t6, ist('2026-03-09', '10:01'), 'assigned', yusuf);

  await move(t.t5, ist('2026-03-06', '10:00'), 'resolved');
  await move(t.t5, ist('2026-03-07', '10:00'), 'closed');
  await move(t.t8, ist('2026-03-09', '00:10'), 'resolved');

  await rate(t.t1, 5, 'Great help', ist('2026-03-03', '12:00'), asha);
  await rate(t.t2, 2, "=cmd|' /C calc'!A0", ist('2026-03-05', '10:00'), yusuf);
  await rate(t.t5, 4, 'Slow but fine', ist('2026-03-06', '11:00'), asha);
  await rate(t.t7, 5, '   ', ist('2026-03-08', '23:00'), yusuf);
  await rate(t.t8, 1, 'Too late', ist('2026-03-09', '00:15'), asha);
}, 60_000);
afterAll(() => context.close());

const PERIOD = 'from=2026-03-01&to=2026-03-08';
const get = (url: string, cookie: string | null = admin) =>
  call(context.app, 'GET', url, undefined, cookie ? { cookie } : {});
async function report<T>(path: string, query = PERIOD): Promise<T> {
  const response = await get(`/api/v1/admin/reports/${path}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}
async function csv(path: string, query = PERIOD) {
  const response = await get(`/api/v1/admin/reports/${path}?${query}&format=csv`);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers['content-disposition']).toMatch(
    /^attachment; filename="[a-z-]+-2026-03-\d\d-2026-03-\d\d\.csv"$/,
  );
  return response.body;
}
/** The CSV's rows as arrays of cells (quoted cells unquoted). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (quoted && char === '"' && next === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && char === '\r' && next === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += char;
    }
  }
  return rows;
}
const cells = (values: (number | string | null)[]) =>
  values.map((value) => (value === null ? '' : String(value)));

describe('the volume report', () => {
  it('counts tickets created and resolved per day in the business time zone', async () => {
    const volume = await report<VolumeReport>('volume');
    expect(volume.timeZone).toBe('Asia/Kolkata');
    expect(volume.days.map((d) => [d.day, d.created, d.resolved])).toEqual([
      ['2026-03-01', 1, 0],
      ['2026-03-02', 1, 0],
      ['2026-03-03', 1, 1],
      ['2026-03-04', 1, 0],
      ['2026-03-05', 1, 1],
      ['2026-03-06', 1, 1],
      ['2026-03-07', 0, 0],
      ['2026-03-08', 0, 1],
    ]);
    expect(volume.totals).toEqual({ created: 6, resolved: 4 });
    const rows = parseCsv(await csv('volume'));
    expect(rows).toEqual([
      ['day', 'created', 'resolved'],
      ...volume.days.map((d) => cells([d.day, d.created, d.resolved])),
    ]);
  });

  it('filters by category and by agent', async () => {
    const b = await report<VolumeReport>('volume', `${PERIOD}&categoryId=${categoryB.id}`);
    expect(b.days.filter((d) => d.created || d.resolved).map((d) => [d.day, d.created, d.resolved])).toEqual([
      ['2026-03-04', 1, 0],
      ['2026-03-05', 1, 0],
      ['2026-03-06', 1, 0],
      ['2026-03-08', 0, 1],
    ]);
    const ashas = await report<VolumeReport>('volume', `${PERIOD}&agentId=${asha.id}`);
    expect(ashas.totals).toEqual({ created: 3, resolved: 2 });
    const both = await report<VolumeReport>(
      'volume',
      `${PERIOD}&agentId=${yusuf.id}&categoryId=${categoryB.id}`,
    );
    expect(both.totals).toEqual({ created: 1, resolved: 1 });
  });
});

describe('the backlog report', () => {
  it('gives the unfinished tickets per status at the end of each day, from the trigger-kept deltas', async () => {
    const backlog = await report<BacklogReport>('backlog');
    const row = (d: BacklogReport['days'][number]) => [
      d.day,
      d.open,
      d.assigned,
      d.in_progress,
      d.waiting_on_customer,
      d.reopened,
      d.total,
    ];
    expect(backlog.days.map(row)).toEqual([
      ['2026-03-01', 0, 0, 2, 0, 0, 2],
      ['2026-03-02', 0, 0, 3, 0, 0, 3],
      ['2026-03-03', 0, 0, 3, 0, 0, 3],
      ['2026-03-04', 0, 0, 4, 0, 0, 4],
      ['2026-03-05', 1, 0, 2, 1, 0, 4],
      ['2026-03-06', 1, 0, 2, 1, 0, 4],
      ['2026-03-07', 1, 0, 2, 1, 0, 4],
      ['2026-03-08', 1, 0, 1, 1, 0, 3],
    ]);
    expect(parseCsv(await csv('backlog'))).toEqual([
      ['day', 'open', 'assigned', 'in_progress', 'waiting_on_customer', 'reopened', 'total'],
      ...backlog.days.map((d) => cells(row(d))),
    ]);
  });

  it('filters by agent and by category', async () => {
    const ashas = await report<BacklogReport>('backlog', `${PERIOD}&agentId=${asha.id}`);
    expect(ashas.days.map((d) => d.total)).toEqual([2, 3, 2, 3, 3, 2, 2, 2]);
    expect(ashas.days.map((d) => d.waiting_on_customer)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const b = await report<BacklogReport>('backlog', `${PERIOD}&categoryId=${categoryB.id}`);
    expect(b.days.map((d) => d.total)).toEqual([0, 0, 0, 1, 2, 3, 3, 2]);
  });
});

describe('the response-times report', () => {
  it('gives medians, 90th percentiles and the share within target per week (Monday) and overall', async () => {
    const times = await report<ResponseTimesReport>('response-times');
    expect(times.weeks.map((w) => w.weekStart)).toEqual(['2026-02-23', '2026-03-02']);
    expect(times.weeks[0]?.firstResponse).toEqual({
      count: 1,
      medianMinutes: 60,
      p90Minutes: 60,
      withTarget: 1,
      withinTarget: 1,
      withinTargetPercent: 100,
    });
    // 10, 90, 120, 540 minutes; T3 has no target.
    expect(times.weeks[1]?.firstResponse).toEqual({
      count: 4,
      medianMinutes: 105,
      p90Minutes: 414,
      withTarget: 3,
      withinTarget: 2,
      withinTargetPercent: 66.7,
    });
    expect(times.weeks[0]?.resolution).toEqual({
      count: 0,
      medianMinutes: null,
      p90Minutes: null,
      withTarget: 0,
      withinTarget: 0,
      withinTargetPercent: null,
    });
    // 1440, 2880 (breached), 3600, 7200 (no target) minutes.
    const resolution = {
      count: 4,
      medianMinutes: 3240,
      p90Minutes: 6120,
      withTarget: 3,
      withinTarget: 2,
      withinTargetPercent: 66.7,
    };
    expect(times.weeks[1]?.resolution).toEqual(resolution);
    expect(times.overall).toEqual({
      firstResponse: {
        count: 5,
        medianMinutes: 90,
        p90Minutes: 372,
        withTarget: 4,
        withinTarget: 3,
        withinTargetPercent: 75,
      },
      resolution,
    });
    const rows = parseCsv(await csv('response-times'));
    expect(rows[0]?.slice(0, 3)).toEqual([
      'week_start',
      'first_response_count',
      'first_response_median_minutes',
    ]);
    expect(rows.slice(1)).toEqual(
      times.weeks.map((w) =>
        cells([
          w.weekStart,
          ...[w.firstResponse, w.resolution].flatMap((s) => [
            s.count,
            s.medianMinutes,
            s.p90Minutes,
            s.withTarget,
            s.withinTarget,
            s.withinTargetPercent,
          ]),
        ]),
      ),
    );
    expect(rows[2]).toEqual([
      '2026-03-02',
      '4',
      '105',
      '414',
      '3',
      '2',
      '66.7',
      '4',
      '3240',
      '6120',
      '3',
      '2',
      '66.7',
    ]);
  });

  it('filters by agent', async () => {
    const times = await report<ResponseTimesReport>('response-times', `${PERIOD}&agentId=${yusuf.id}`);
    expect(times.overall.firstResponse).toEqual({
      count: 2,
      medianMinutes: 330,
      p90Minutes: 498,
      withTarget: 2,
      withinTarget: 1,
      withinTargetPercent: 50,
    });
    expect(times.overall.resolution).toMatchObject({
      count: 2,
      medianMinutes: 3240,
      p90Minutes: 3528,
      withinTargetPercent: 50,
    });
  });
});

describe('the satisfaction report', () => {
  it('gives the average, the distribution and the latest comments a page at a time', async () => {
    const first = await report<SatisfactionReport>('satisfaction', `${PERIOD}&limit=2`);
    expect(first.ratings).toBe(4);
    expect(first.averageStars).toBe(4);
    expect(first.distribution).toEqual([
      { stars: 1, ratings: 0 },
      { stars: 2, ratings: 1 },
      { stars: 3, ratings: 0 },
      { stars: 4, ratings: 1 },
      { stars: 5, ratings: 2 },
    ]);
    expect(first.comments.items.map((c) => [c.stars, c.comment, c.ticketReference, c.agentName])).toEqual([
      [4, 'Slow but fine', t.t5?.reference, 'Asha Rao'],
      [2, "=cmd|' /C calc'!A0", t.t2?.reference, '=Yusuf "Y" Khan, Jr'],
    ]);
    expect(first.comments.nextCursor).not.toBeNull();
    const second = await report<SatisfactionReport>(
      'satisfaction',
      `${PERIOD}&limit=2&cursor=${first.comments.nextCursor}`,
    );
    expect(second.comments.items.map((c) => c.comment)).toEqual(['Great help']);
    expect(second.comments.nextCursor).toBeNull();
    expect(parseCsv(await csv('satisfaction'))).toEqual([
      ['stars', 'ratings'],
      ...first.distribution.map((d) => cells([d.stars, d.ratings])),
    ]);
  });

  it('filters by category and by agent', async () => {
    const b = await report<SatisfactionReport>('satisfaction', `${PERIOD}&categoryId=${categoryB.id}`);
    expect([b.ratings, b.averageStars, b.comments.items]).toEqual([1, 5, []]);
    const ashas = await report<SatisfactionReport>(
      'satisfaction',
      `from=2026-03-01&to=2026-03-09&agentId=${asha.id}`,
    );
    expect([ashas.ratings, ashas.averageStars]).toEqual([3, 3.33]);
    expect(ashas.comments.items.map((c) => c.comment)).toEqual(['Too late', 'Slow but fine', 'Great help']);
  });
});

describe('the agents report', () => {
  const expectedAsha = {
    name: 'Asha Rao',
    handled: 2,
    openNow: 1,
    medianFirstResponseMinutes: 60,
    medianResolutionMinutes: 4320,
    ratings: 2,
    averageRating: 4.5,
  };
  const expectedYusuf = {
    name: '=Yusuf "Y" Khan, Jr',
    handled: 2,
    openNow: 1,
    medianFirstResponseMinutes: 330,
    medianResolutionMinutes: 3240,
    ratings: 2,
    averageRating: 3.5,
  };

  it("gives each agent's numbers, in the order they joined, and a CSV that defuses formulas", async () => {
    const agents = await report<AgentsReport>('agents');
    // The signed-in agent of the access tests has nothing; pending agents are left out.
    expect(agents.items.filter((row) => row.agentId !== asha.id && row.agentId !== yusuf.id)).toHaveLength(1);
    expect(agents.items.find((row) => row.agentId === asha.id)).toEqual({
      agentId: asha.id,
      ...expectedAsha,
    });
    expect(agents.items.find((row) => row.agentId === yusuf.id)).toEqual({
      agentId: yusuf.id,
      ...expectedYusuf,
    });
    const text = await csv('agents', `${PERIOD}&agentId=${yusuf.id}`);
    expect(text).toBe(
      'agent,handled,open_now,median_first_response_minutes,median_resolution_minutes,ratings,average_rating\r\n' +
        `"'=Yusuf ""Y"" Khan, Jr",2,1,330,3240,2,3.5\r\n`,
    );
  });

  it('pages, and filters by category and agent', async () => {
    const first = await report<AgentsReport>('agents', `${PERIOD}&limit=2`);
    expect(first.items).toHaveLength(2);
    const second = await report<AgentsReport>('agents', `${PERIOD}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((row) => row.agentId)).size).toBe(3);

    const a = await report<AgentsReport>('agents', `${PERIOD}&categoryId=${categoryA.id}`);
    expect(a.items.find((row) => row.agentId === asha.id)).toMatchObject({
      handled: 2,
      openNow: 0,
      medianFirstResponseMinutes: 75,
      medianResolutionMinutes: 4320,
      averageRating: 4.5,
    });
    expect(a.items.find((row) => row.agentId === yusuf.id)).toMatchObject({
      handled: 1,
      openNow: 0,
      medianFirstResponseMinutes: 540,
      averageRating: 2,
    });
    const only = await report<AgentsReport>('agents', `${PERIOD}&agentId=${yusuf.id}`);
    expect(only.items).toEqual([{ agentId: yusuf.id, ...expectedYusuf }]);
  });
});

describe('access and validation', () => {
  it('answers 401 without a session and 403 to anyone but an admin', async () => {
    expect((await get(`/api/v1/admin/reports/volume?${PERIOD}`, null)).statusCode).toBe(401);
    for (const path of ['volume', 'backlog', 'response-times', 'satisfaction', 'agents']) {
      const response = await get(`/api/v1/admin/reports/${path}?${PERIOD}`, agentCookie);
      expect(response.statusCode).toBe(403);
      expect((await get(`/api/v1/admin/reports/${path}?${PERIOD}&format=csv`, agentCookie)).statusCode).toBe(
        403,
      );
    }
  });

  it.each([
    ['to=2026-03-08', 'from', 'is required'],
    ['from=2026-02-30&to=2026-03-08', 'from', 'must match format "date"'],
    ['from=2026-03-08&to=2026-03-01', 'to', 'must not be before from'],
    ['from=2025-03-01&to=2026-03-02', 'to', 'must be at most 366 days after from'],
    [`${PERIOD}&categoryId=nope`, 'categoryId', 'must match format "uuid"'],
    [`${PERIOD}&format=xlsx`, 'format', 'must be one of: json, csv'],
    [`${PERIOD}&cursor=bogus`, 'cursor', 'is not a cursor this API gave out'],
    [`${PERIOD}&limit=101`, 'limit', 'must be <= 100'],
  ])('refuses %s with a field error', async (query, field, message) => {
    const path = query.includes('cursor') || query.includes('limit') ? 'satisfaction' : 'volume';
    const response = await get(`/api/v1/admin/reports/${path}?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { details: unknown[] } }>().error.details).toEqual([{ field, message }]);
  });

  it('accepts a full year of 366 days', async () => {
    const volume = await report<VolumeReport>('volume', 'from=2024-01-01&to=2024-12-31');
    expect(volume.days).toHaveLength(366);
  });
});
