import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  signedIn,
  TEST_CONFIG,
  type TestContext,
} from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  raiseTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { HolidayPage, ServiceLevels, SlaTarget } from '../../../shared/contracts/sla.js';
import type { TicketDetail, TicketPage } from '../../../shared/contracts/tickets.js';
import type { TicketPriority } from '../../../shared/tickets.js';
import { auditLog, type CategoryRow, type UserRow } from '../../db/schema.js';

const MINUTE = 60_000;
let offset = 0;
const now = () => new Date(Date.now() + offset);

let context: TestContext;
let category: CategoryRow;
let customer: UserRow;
let customerCookie: string;
let agent: UserRow;
let agentCookie: string;
let admin: UserRow;
let adminCookie: string;

beforeAll(async () => {
  // Sessions outlive the days the clock is moved forward.
  const config = { ...TEST_CONFIG, sessionIdleMinutes: 60 * 24 * 30, sessionMaxHours: 24 * 90 };
  context = await createTestApp({ now, config, slaCheckIntervalMs: 3_600_000 });
  category = await createCategory(context, { autoAssign: true });
  customer = await createCustomer(context);
  customerCookie = await signIn(context, customer);
  agent = await createAgent(context, { categories: [category] });
  agentCookie = await signIn(context, agent);
  ({ user: admin, cookie: adminCookie } = await signedIn(context, 'admin'));
});
afterAll(() => context.close());

const get = (url: string, cookie: string) => call(context.app, 'GET', url, undefined, { cookie });
const post = (url: string, body: unknown, cookie: string) => call(context.app, 'POST', url, body, { cookie });
const put = (url: string, body: unknown, cookie: string) => call(context.app, 'PUT', url, body, { cookie });
const fields = (response: { json: <T>() => T }) =>
  response.json<{ error: { details?: { field: string }[] } }>().error.details?.map((d) => d.field) ?? [];

const WEEK = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

function levels(overrides: Partial<Record<TicketPriority, Partial<SlaTarget>>> = {}): ServiceLevels {
  return {
    targets: (['low', 'normal', 'high', 'urgent'] as const).map((priority) => ({
      priority,
      firstResponseMinutes: null,
      resolutionMinutes: null,
      businessHours: false,
      ...overrides[priority],
    })),
    businessHours: { timeZone: 'Asia/Kolkata', week: WEEK },
  };
}

async function setLevels(body: ServiceLevels) {
  const response = await put('/api/v1/admin/service-levels', body, adminCookie);
  expect(response.statusCode, response.body).toBe(200);
}

const asStaff = async (reference: string, cookie = agentCookie) =>
  (await get(`/api/v1/tickets/${reference}`, cookie)).json<TicketDetail>();

const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

describe('service-level settings', () => {
  it('answers the defaults, and only to admins', async () => {
    const response = await get('/api/v1/admin/service-levels', adminCookie);
    expect(response.statusCode).toBe(200);
    const body = response.json<ServiceLevels>();
    expect(body.targets.map((t) => [t.priority, t.firstResponseMinutes, t.resolutionMinutes])).toEqual([
      ['low', null, null],
      ['normal', null, null],
      ['high', null, null],
      ['urgent', null, null],
    ]);
    expect(body.businessHours.timeZone).toBe('UTC');
    expect((await get('/api/v1/admin/service-levels', agentCookie)).statusCode).toBe(403);
    expect((await put('/api/v1/admin/service-levels', levels(), customerCookie)).statusCode).toBe(403);
  });

  it('refuses unknown zones, empty or reversed hours and out-of-range minutes with field details', async () => {
    const badZone = { ...levels(), businessHours: { timeZone: 'Mars/Olympus', week: WEEK } };
    const zone = await put('/api/v1/admin/service-levels', badZone, adminCookie);
    expect(zone.statusCode).toBe(400);
    expect(fields(zone)).toContain('businessHours.timeZone');

    const reversed = {
      ...levels(),
      businessHours: { timeZone: 'UTC', week: [{ day: 1, start: '17:00', end: '09:00' }] },
    };
    const hours = await put('/api/v1/admin/service-levels', reversed, adminCookie);
    expect(hours.statusCode).toBe(400);
    expect(fields(hours)).toContain('businessHours.week.0.end');

    const zero = await put(
      '/api/v1/admin/service-levels',
      levels({ low: { firstResponseMinutes: 0 } }),
      adminCookie,
    );
    expect(zero.statusCode).toBe(400);
    expect(fields(zero).some((field) => field.startsWith('targets'))).toBe(true);

    const twice = levels();
    twice.targets[1] = { ...twice.targets[0]! };
    const duplicate = await put('/api/v1/admin/service-levels', twice, adminCookie);
    expect(duplicate.statusCode).toBe(400);
    expect(fields(duplicate)).toContain('targets');
  });

  it('saves targets and the schedule, with an audit entry for each', async () => {
    const body = levels({ high: { firstResponseMinutes: 30, resolutionMinutes: 480, businessHours: true } });
    const response = await put('/api/v1/admin/service-levels', body, adminCookie);
    expect(response.statusCode).toBe(200);
    expect(response.json<ServiceLevels>()).toEqual(body);
    expect((await get('/api/v1/admin/service-levels', adminCookie)).json<ServiceLevels>()).toEqual(body);
    const entries = await context.db.database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['sla.targets_changed', 'sla.schedule_changed']));
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'sla.schedule_changed',
      'sla.targets_changed',
    ]);
    expect(entries.every((entry) => entry.actorId === admin.id)).toBe(true);
  });

  it('adds, pages and removes holidays, audited', async () => {
    const add = (day: string) =>
      post('/api/v1/admin/service-levels/holidays', { day, name: `Holiday ${day}` }, adminCookie);
    expect((await add('2026-01-26')).statusCode).toBe(201);
    expect((await add('2026-08-15')).statusCode).toBe(201);
    expect((await add('2026-08-15')).statusCode).toBe(409);
    expect((await add('2026-02-30')).statusCode).toBe(400);

    const first = (
      await get('/api/v1/admin/service-levels/holidays?limit=1', adminCookie)
    ).json<HolidayPage>();
    expect(first.items.map((h) => h.day)).toEqual(['2026-01-26']);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await get(`/api/v1/admin/service-levels/holidays?limit=1&cursor=${first.nextCursor}`, adminCookie)
    ).json<HolidayPage>();
    expect(second.items.map((h) => h.day)).toEqual(['2026-08-15']);
    expect(second.nextCursor).toBeNull();

    const remove = () =>
      call(context.app, 'DELETE', '/api/v1/admin/service-levels/holidays/2026-08-15', undefined, {
        cookie: adminCookie,
      });
    expect((await remove()).statusCode).toBe(204);
    expect((await remove()).statusCode).toBe(404);
    const audited = await context.db.database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['sla.holiday_added', 'sla.holiday_removed']));
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      'sla.holiday_added',
      'sla.holiday_added',
      'sla.holiday_removed',
    ]);
  });
});

describe('due times on tickets', () => {
  beforeAll(async () => {
    offset = 0;
    await setLevels(
      levels({
        normal: { firstResponseMinutes: 120, resolutionMinutes: 240 },
        urgent: { firstResponseMinutes: 1, resolutionMinutes: 30 },
      }),
    );
  });

  it('sets the due times of a new ticket from its priority’s targets', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const ticket = await asStaff(raised.reference);
    expect(ticket.priority).toBe('normal');
    expect(ticket.sla).toMatchObject({
      firstResponseDueAt: plus(ticket.createdAt, 120 * MINUTE),
      resolutionDueAt: plus(ticket.createdAt, 240 * MINUTE),
      firstResponseAt: null,
      state: 'ok',
    });
  });

  it('never shows the priority, the due times or priority changes to the customer', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    expect(raised).not.toHaveProperty('priority');
    expect(raised).not.toHaveProperty('sla');
    const changed = await post(
      `/api/v1/tickets/${raised.id}/priority`,
      { priority: 'high', version: raised.version },
      agentCookie,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<TicketDetail>().history.some((event) => event.type === 'priority_changed')).toBe(
      true,
    );

    const detail = await get(`/api/v1/tickets/${raised.reference}`, customerCookie);
    expect(detail.body).not.toMatch(/priority|sla|DueAt|firstResponse/);
    const list = await get('/api/v1/tickets', customerCookie);
    expect(list.json<TicketPage>().items.length).toBeGreaterThan(0);
    expect(list.body).not.toMatch(/priority|sla|DueAt|firstResponse/);
    expect((await get('/api/v1/tickets?priority=high', customerCookie)).statusCode).toBe(400);

    const refused = await post(
      `/api/v1/tickets/${raised.id}/priority`,
      { priority: 'low', version: 2 },
      customerCookie,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('counts the due times again from creation when the priority changes, breached at once if already late', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    offset += 5 * MINUTE;
    const stale = await post(
      `/api/v1/tickets/${raised.id}/priority`,
      { priority: 'urgent', version: raised.version + 5 },
      agentCookie,
    );
    expect(stale.statusCode).toBe(409);
    const response = await post(
      `/api/v1/tickets/${raised.id}/priority`,
      { priority: 'urgent', version: raised.version },
      agentCookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    const ticket = response.json<TicketDetail>();
    expect(ticket.priority).toBe('urgent');
    expect(ticket.sla?.firstResponseDueAt).toBe(plus(ticket.createdAt, MINUTE));
    expect(ticket.sla?.resolutionDueAt).toBe(plus(ticket.createdAt, 30 * MINUTE));
    expect(ticket.sla?.state).toBe('breached');
    const event = ticket.history.find((e) => e.type === 'priority_changed');
    expect(event).toMatchObject({ fromPriority: 'normal', toPriority: 'urgent' });

    const breached = (
      await get('/api/v1/tickets?sla=breached&priority=urgent', adminCookie)
    ).json<TicketPage>();
    expect(breached.items.map((t) => t.id)).toContain(ticket.id);
    expect(breached.items.every((t) => t.sla?.state === 'breached' && t.priority === 'urgent')).toBe(true);
    const atRisk = (await get('/api/v1/tickets?sla=at_risk', agentCookie)).json<TicketPage>();
    expect(atRisk.items.map((t) => t.id)).not.toContain(ticket.id);
  });

  it('lists tickets due within the hour as at risk, with keyset pages', async () => {
    offset += 24 * 60 * MINUTE;
    const a = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const b = await raiseTicket(context, customerCookie, { categoryId: category.id });
    // Due in two hours: at risk once less than one is left.
    expect((await get('/api/v1/tickets?sla=at_risk', adminCookie)).json<TicketPage>().items).toEqual([]);
    offset += 61 * MINUTE;
    const first = (await get('/api/v1/tickets?sla=at_risk&limit=1', adminCookie)).json<TicketPage>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await get(`/api/v1/tickets?sla=at_risk&limit=1&cursor=${first.nextCursor}`, adminCookie)
    ).json<TicketPage>();
    const ids = [...first.items, ...second.items].map((t) => t.id);
    expect(ids.sort()).toEqual([a.id, b.id].sort());
    expect(first.items[0]?.sla?.state).toBe('at_risk');
  });

  it('meets the first response with the first public staff reply, not with an internal note', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    await post(`/api/v1/tickets/${raised.id}/messages`, { body: 'Looking', internal: true }, agentCookie);
    expect((await asStaff(raised.reference)).sla?.firstResponseAt).toBeNull();
    await post(`/api/v1/tickets/${raised.id}/messages`, { body: 'Customer follow-up' }, customerCookie);
    expect((await asStaff(raised.reference)).sla?.firstResponseAt).toBeNull();
    const reply = await post(`/api/v1/tickets/${raised.id}/messages`, { body: 'Hello, on it' }, agentCookie);
    expect(reply.statusCode, reply.body).toBe(201);
    const ticket = await asStaff(raised.reference);
    const answeredAt = new Date(ticket.sla?.firstResponseAt ?? 0).getTime();
    expect(Math.abs(answeredAt - now().getTime())).toBeLessThan(5_000);
    expect(ticket.sla?.state).toBe('ok');
  });

  it('pauses the resolution clock while waiting on the customer and resumes it with the time left', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    let ticket = await asStaff(raised.reference);
    const status = async (to: string) => {
      const response = await post(
        `/api/v1/tickets/${raised.id}/status`,
        { status: to, version: ticket.version },
        agentCookie,
      );
      expect(response.statusCode, response.body).toBe(200);
      ticket = response.json<TicketDetail>();
    };
    await status('in_progress');
    offset += 60 * MINUTE;
    await status('waiting_on_customer');
    expect(ticket.sla?.resolutionDueAt).toBeNull();
    expect(Math.abs((ticket.sla?.resolutionPausedRemainingMs ?? 0) - 180 * MINUTE)).toBeLessThan(5_000);

    offset += 500 * MINUTE;
    // The customer's answer moves it back to in progress: the clock restarts with 3 hours left.
    await post(`/api/v1/tickets/${raised.id}/messages`, { body: 'Here is the photo' }, customerCookie);
    ticket = await asStaff(raised.reference);
    expect(ticket.status).toBe('in_progress');
    expect(ticket.sla?.resolutionPausedRemainingMs).toBeNull();
    const due = new Date(ticket.sla?.resolutionDueAt ?? 0).getTime();
    expect(Math.abs(due - (now().getTime() + 180 * MINUTE))).toBeLessThan(5_000);
  });

  it('gives a reopened ticket a fresh resolution target from the reopening', async () => {
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    await post(`/api/v1/tickets/${raised.id}/messages`, { body: 'Fixed it' }, agentCookie);
    let ticket = await asStaff(raised.reference);
    for (const to of ['in_progress', 'resolved']) {
      ticket = (
        await post(
          `/api/v1/tickets/${raised.id}/status`,
          { status: to, version: ticket.version },
          agentCookie,
        )
      ).json<TicketDetail>();
    }
    expect(ticket.sla?.state).toBe('met');
    offset += 600 * MINUTE;
    const reopened = await post(
      `/api/v1/tickets/${raised.id}/status`,
      { status: 'reopened', version: ticket.version },
      customerCookie,
    );
    expect(reopened.statusCode, reopened.body).toBe(200);
    ticket = await asStaff(raised.reference);
    const due = new Date(ticket.sla?.resolutionDueAt ?? 0).getTime();
    expect(Math.abs(due - (now().getTime() + 240 * MINUTE))).toBeLessThan(5_000);
    expect(ticket.sla?.state).toBe('ok');
  });
});

describe('time zones and holidays on the business-hours clock', () => {
  it('counts a business-hours target in the schedule’s zone', async () => {
    offset = 0;
    await setLevels(levels({ normal: { firstResponseMinutes: 60, businessHours: true } }));
    const raised = await raiseTicket(context, customerCookie, { categoryId: category.id });
    const ticket = await asStaff(raised.reference);
    const due = new Date(ticket.sla?.firstResponseDueAt ?? 0);
    // Never sooner than an hour, and always inside Mon–Fri 09:00–17:00 in Kolkata.
    expect(due.getTime() - new Date(ticket.createdAt).getTime()).toBeGreaterThanOrEqual(60 * MINUTE);
    const local = new Date(due.getTime() + 330 * MINUTE);
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    expect([1, 2, 3, 4, 5]).toContain(local.getUTCDay());
    expect(minutes).toBeGreaterThan(9 * 60);
    expect(minutes).toBeLessThanOrEqual(17 * 60);
  });
});
